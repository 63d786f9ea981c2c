/**
 * RE2 patterns (what Kubernetes' CEL `matches`, `find` and `findAll` use) translated to JavaScript RegExps.
 * JS regexps accept things RE2 rejects (backreferences, lookaround) and miss RE2 syntax (`(?i)` flags, `\z`,
 * `[[:alpha:]]`, `(?P<name>…)`, `\Q…\E`); both directions are handled here so a policy behaves as in the cluster.
 */

export class RegexSyntaxError extends Error {
  constructor(pattern: string, reason: string) {
    super(`error parsing regexp: ${reason}: \`${pattern}\``);
    this.name = 'RegexSyntaxError';
  }
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

/** Characters that may be escaped with a backslash in a JS `u`-mode regexp. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

function escapeLiteral(ch: string): string {
  return JS_SYNTAX.has(ch) || ch === '-' ? `\\${ch}` : ch;
}

interface Translated {
  source: string;
  flags: string;
}

/** Translates one RE2 pattern; throws RegexSyntaxError for what RE2 itself rejects. */
export function translateRe2(pattern: string): Translated {
  let flags = 'u';
  let i = 0;
  // Leading flag groups apply to the whole pattern; JS 20 has no inline modifiers.
  for (;;) {
    const match = /^\(\?([imsU]+)\)/.exec(pattern.slice(i));
    if (!match) break;
    for (const flag of match[1]) {
      if (flag === 'U') throw new RegexSyntaxError(pattern, 'ungreedy flag (?U) is not supported offline');
      if (!flags.includes(flag)) flags += flag;
    }
    i += match[0].length;
  }
  let out = '';
  let inClass = false;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new RegexSyntaxError(pattern, 'trailing backslash at end of expression');
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, end === -1 ? undefined : end);
        out += [...literal].map(escapeLiteral).join('');
        i = end === -1 ? pattern.length : end + 2;
        continue;
      }
      if (/[1-9]/.test(next)) throw new RegexSyntaxError(pattern, `invalid escape sequence: \`\\${next}\``);
      if (next === 'A' && !inClass) { out += '^'; i += 2; continue; }
      if (next === 'z' && !inClass) { out += '$(?![\\s\\S])'; i += 2; continue; }
      if (next === 's') { out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]'; i += 2; continue; }
      if (next === 'S' && !inClass) { out += '[^\\t\\n\\f\\r ]'; i += 2; continue; }
      if (next === 'x' && pattern[i + 2] === '{') {
        const end = pattern.indexOf('}', i + 3);
        if (end === -1) throw new RegexSyntaxError(pattern, 'invalid escape sequence: `\\x{`');
        out += `\\u{${pattern.slice(i + 3, end)}}`;
        i = end + 1;
        continue;
      }
      if (/[A-Za-z0-9]/.test(next)) { out += `\\${next}`; i += 2; continue; }
      // RE2 lets any punctuation be escaped; u-mode JS only its syntax characters.
      out += JS_SYNTAX.has(next) || (inClass && next === '-') ? `\\${next}` : next;
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end !== -1) {
          let name = pattern.slice(i + 2, end);
          const negated = name.startsWith('^');
          if (negated) name = name.slice(1);
          const set = POSIX_CLASSES[name];
          if (!set) throw new RegexSyntaxError(pattern, `invalid character class range: \`[:${name}:]\``);
          if (negated) throw new RegexSyntaxError(pattern, 'negated POSIX classes are not supported offline');
          out += set;
          i = end + 2;
          continue;
        }
      }
      if (ch === ']') inClass = false;
      out += ch === '[' ? '\\[' : ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pattern[i] === '^') { out += '^'; i++; }
      if (pattern[i] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('P<')) { out += '(?<'; i += 4; continue; }
      if (rest.startsWith(':')) { out += '(?:'; i += 3; continue; }
      if (/^[=!]|^<[=!]/.test(rest)) throw new RegexSyntaxError(pattern, 'invalid or unsupported Perl syntax: `(?' + rest[0] + '`');
      if (rest.startsWith('<')) { out += '(?<'; i += 3; continue; }
      throw new RegexSyntaxError(pattern, 'inline flag groups other than a leading (?i)/(?s)/(?m) are not supported offline');
    }
    if (ch === '{' && !/^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
      out += '\\{';
      i++;
      continue;
    }
    if (ch === '}' ) {
      // A `}` closing a counted repetition was copied with it below; a lone one is a literal.
      out += '\\}';
      i++;
      continue;
    }
    if (ch === '{') {
      const match = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i))!;
      out += match[0];
      i += match[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  if (inClass) throw new RegexSyntaxError(pattern, 'missing closing ]');
  return { source: out, flags };
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 2000;

/** A cached JS RegExp equivalent to the RE2 pattern; throws RegexSyntaxError when RE2 or JS cannot take it. */
export function re2(pattern: string, global = false): RegExp {
  const key = global ? `g${pattern}` : `-${pattern}`;
  const cached = cache.get(key);
  if (cached) {
    cached.lastIndex = 0;
    return cached;
  }
  const { source, flags } = translateRe2(pattern);
  let regexp: RegExp;
  try {
    regexp = new RegExp(source, global ? `${flags}g` : flags);
  } catch (error) {
    throw new RegexSyntaxError(pattern, (error as Error).message.replace(/^Invalid regular expression: /, ''));
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, regexp);
  return regexp;
}
