/**
 * cel-go ext.Strings functions that cel-js lacks (Kubernetes uses version 2 from 1.29, version 0 before):
 * charAt, replace, format and strings.quote. indexOf, lastIndexOf, lowerAscii, upperAscii, split, substring,
 * trim and join are cel-js built-ins.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';
import { charge } from '../cost.js';
import { celTypeOf } from '../values.js';

class StringsNamespace {}

/** `text.replace(from, to, limit)` as cel-go's ext.Strings does it (a negative limit replaces all), charged to the budget. */
export function replace(text: string, from: string, to: string, limit: bigint): string {
  charge(text.length);
  if (limit === 0n) return text;
  if (limit < 0n) return text.split(from).join(to);
  let result = '';
  let rest = text;
  let count = 0n;
  while (count < limit) {
    const at = rest.indexOf(from);
    if (at === -1) break;
    result += rest.slice(0, at) + to;
    if (from === '') {
      if (rest === '') {
        rest = '';
        break;
      }
      const [first] = rest;
      result += first;
      rest = rest.slice(first.length);
    } else rest = rest.slice(at + from.length);
    count++;
  }
  return result + rest;
}

function formatValue(verb: string, value: unknown, precision: number | undefined): string {
  switch (verb) {
    case 's':
      return stringify(value);
    case 'd':
      if (typeof value === 'bigint') return value.toString();
      if (value !== null && typeof value === 'object' && value.constructor?.name === 'UnsignedInt') return String(value);
      if (typeof value === 'number' && !Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
      throw new EvaluationError(`error during formatting: decimal clause can only be used on integers, was given ${celTypeOf(value)}`);
    case 'f':
    case 'e': {
      const number = typeof value === 'bigint' ? Number(value) : value;
      if (typeof number !== 'number') throw new EvaluationError(`error during formatting: fixed-point clause can only be used on doubles, was given ${celTypeOf(value)}`);
      if (Number.isNaN(number)) return 'NaN';
      if (!Number.isFinite(number)) return number > 0 ? 'Infinity' : '-Infinity';
      if (verb === 'f') return number.toFixed(precision ?? 6);
      return number.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
    }
    case 'x':
    case 'X': {
      let hex: string;
      if (typeof value === 'bigint') hex = value < 0n ? `-${(-value).toString(16)}` : value.toString(16);
      else if (typeof value === 'string') hex = Buffer.from(value, 'utf8').toString('hex');
      else if (value instanceof Uint8Array) hex = Buffer.from(value).toString('hex');
      else if (value !== null && typeof value === 'object' && value.constructor?.name === 'UnsignedInt') hex = (value as { value: bigint }).value.toString(16);
      else throw new EvaluationError(`error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given ${celTypeOf(value)}`);
      return verb === 'X' ? hex.toUpperCase() : hex;
    }
    case 'o':
      if (typeof value === 'bigint') return value.toString(8);
      throw new EvaluationError(`error during formatting: octal clause can only be used on integers, was given ${celTypeOf(value)}`);
    case 'b':
      if (typeof value === 'bigint') return value.toString(2);
      if (typeof value === 'boolean') return value ? '1' : '0';
      throw new EvaluationError(`error during formatting: only integers and bools can be formatted as binary, was given ${celTypeOf(value)}`);
    default:
      throw new EvaluationError(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
  }
}

function stringify(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(stringify).join(', ')}]`;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (value instanceof Map || (typeof value === 'object' && (value.constructor === Object || value.constructor === undefined))) {
    const entries = value instanceof Map ? [...value] : Object.entries(value);
    const parts = entries.map(([k, v]) => `${stringify(k)}: ${stringify(v)}`).sort();
    return `{${parts.join(', ')}}`;
  }
  return String(value);
}

/** `"%s has %d items".format([name, count])`, cel-go ext.Strings semantics. */
export function formatString(template: string, args: unknown[]): string {
  charge(template.length);
  let out = '';
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    if (template[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    let precision: number | undefined;
    let j = i + 1;
    if (template[j] === '.') {
      const digits = /^\d+/.exec(template.slice(j + 1));
      if (!digits) throw new EvaluationError('could not parse formatting clause: error while parsing precision');
      precision = Number(digits[0]);
      j += 1 + digits[0].length;
    }
    const verb = template[j];
    if (verb === undefined) throw new EvaluationError('could not parse formatting clause: unexpected end of string');
    if (next >= args.length) throw new EvaluationError(`index ${next} out of range`);
    out += formatValue(verb, args[next++], precision);
    i = j;
  }
  return out;
}

export function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\v': out += '\\v'; break;
      case '\x07': out += '\\a'; break;
      default: out += ch;
    }
  }
  return `${out}"`;
}

export function registerStrings(env: Environment, minor: number): void {
  env.registerFunction('string.charAt(int): string', (text: string, index: bigint) => {
    const chars = [...text];
    if (index < 0n || index > BigInt(chars.length)) throw new EvaluationError(`index out of range: ${index}`);
    return chars[Number(index)] ?? '';
  });
  env.registerFunction('string.replace(string, string): string', (text: string, from: string, to: string) => replace(text, from, to, -1n));
  env.registerFunction('string.replace(string, string, int): string', replace);
  if (minor >= 29) {
    env.registerFunction('string.format(list): string', formatString);
    env.registerType('kubeward.StringsNamespace', StringsNamespace);
    env.registerConstant('strings', 'kubeward.StringsNamespace', new StringsNamespace());
    env.registerFunction('kubeward.StringsNamespace.quote(string): string', (_: unknown, text: string) => quote(text));
  }
}
