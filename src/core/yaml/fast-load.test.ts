/**
 * fastLoad against js-yaml itself: on real corpora (upstream conformance fixtures, our examples and policies, the
 * benchmark generator), on seeded mutations of them, and on one case per construct of the subset. Every expected
 * value comes from `jsYaml.load` with KUBERNETES_YAML_SCHEMA at test time; fastLoad must equal it (same types, same
 * key order) or answer UNSUPPORTED, and must answer UNSUPPORTED whenever js-yaml throws.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../../bench/generate.js';
import { nullThrows } from '../errors.js';
import { fastLoad, UNSUPPORTED } from './fast-load.js';
import { KUBERNETES_YAML_SCHEMA, parseManifests, splitDocuments } from './parse.js';
import { seededRandom } from '../../testing/random.js';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const CONFORMANCE = path.resolve(REPO, '../shared/conformance');

type Outcome = { kind: 'loaded'; value: unknown } | { kind: 'threw' };

function jsYamlLoad(text: string): Outcome {
  try {
    return { kind: 'loaded', value: jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA }) };
  } catch {
    return { kind: 'threw' };
  }
}

/** Deep equality as strict as toStrictEqual plus key order, fast enough for tens of thousands of documents. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!(i in a) || !(i in other) || !sameValue(a[i], other[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== otherKeys[i]) return false;
    if (!sameValue((a as Record<string, unknown>)[keys[i]], (b as Record<string, unknown>)[keys[i]])) return false;
  }
  return true;
}

/**
 * Compares one document; returns whether fastLoad handled it. On a difference, fails with the document and a
 * toStrictEqual diff (which also catches a different key order through the ordered key lists).
 */
function compare(text: string, label: string): boolean {
  const expected = jsYamlLoad(text);
  const actual = fastLoad(text);
  if (actual === UNSUPPORTED) return false;
  if (expected.kind === 'threw') {
    expect.fail(`${label}: js-yaml throws but fastLoad returned ${JSON.stringify(actual)} for:\n${text}`);
  }
  if (!sameValue(actual, expected.value)) {
    expect({ keys: orderedKeys(actual), value: actual }, `${label}:\n${text}`).toStrictEqual({ keys: orderedKeys(expected.value), value: expected.value });
    expect.fail(`${label}: values differ (e.g. -0 and 0) for:\n${text}`);
  }
  return true;
}

function orderedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) return value.map(orderedKeys);
  return Object.entries(value).map(([key, inner]) => [key, orderedKeys(inner)]);
}

function yamlFilesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function documentsOf(files: readonly string[]): string[] {
  return files.flatMap((file) => splitDocuments(readFileSync(file, 'utf8')).map((document) => document.text));
}

/** Runs the comparison over documents and returns the fraction fastLoad handled. */
function supportedFraction(documents: readonly string[], label: string): number {
  let supported = 0;
  documents.forEach((text, i) => {
    if (compare(text, `${label} #${i}`)) supported++;
  });
  return supported / documents.length;
}

const generatedDocuments = splitDocuments(generateManifests(2000).text).map((document) => document.text);
const conformanceDocuments = documentsOf(yamlFilesUnder(CONFORMANCE));
const ourDocuments = documentsOf([...yamlFilesUnder(path.join(REPO, 'examples')), ...yamlFilesUnder(path.join(REPO, 'policies'))]);

describe('fastLoad on real corpora', () => {
  it('loads every generated benchmark document exactly as js-yaml', () => {
    expect(generatedDocuments.length).toBeGreaterThanOrEqual(2000);
    expect(supportedFraction(generatedDocuments, 'generated')).toBe(1);
  });

  it('gives the same values when its strings are cut from the caller\'s view of the document', () => {
    for (const { text } of splitDocuments(generateManifests(300).text)) {
      const withBreak = `${text}\n`;
      expect(fastLoad(withBreak, text)).toStrictEqual(fastLoad(withBreak));
    }
  });

  it('matches js-yaml on the upstream conformance fixtures, handling at least 99% of them', () => {
    expect(conformanceDocuments.length).toBeGreaterThan(4000);
    const fraction = supportedFraction(conformanceDocuments, 'conformance');
    // Measured: 5,099 of 5,114 (99.7%); the rest are multi-line flow collections and quoted scalars.
    console.info(`fastLoad: conformance documents handled ${(fraction * 100).toFixed(2)}% of ${conformanceDocuments.length}`);
    expect(fraction).toBeGreaterThanOrEqual(0.99);
  });

  it('matches js-yaml on our examples and policies, handling at least 95% of them', () => {
    expect(ourDocuments.length).toBeGreaterThan(50);
    const fraction = supportedFraction(ourDocuments, 'examples and policies');
    // Measured: 126 of 127 (one test file of the policy library uses a YAML anchor and alias, which js-yaml handles).
    console.info(`fastLoad: example and policy documents handled ${(fraction * 100).toFixed(2)}% of ${ourDocuments.length}`);
    expect(fraction).toBeGreaterThanOrEqual(0.95);
  });
});

const MUTATION_CHARACTERS = ':- #\'"|>[]{},&*!?\t\n ';

function mutate(text: string, rand: () => number): string {
  const pick = (n: number) => Math.floor(rand() * n);
  const character = () => MUTATION_CHARACTERS[pick(MUTATION_CHARACTERS.length)];
  const lines = text.split('\n');
  const line = pick(lines.length);
  switch (pick(8)) {
    case 0: {
      const at = pick(text.length);
      return text.slice(0, at) + text.slice(at + 1);
    }
    case 1: {
      const at = pick(text.length + 1);
      return text.slice(0, at) + character() + text.slice(at);
    }
    case 2: {
      const at = pick(text.length);
      return text.slice(0, at) + character() + text.slice(at + 1);
    }
    case 3:
      lines.splice(line, 0, lines[line]);
      return lines.join('\n');
    case 4: {
      const other = pick(lines.length);
      [lines[line], lines[other]] = [lines[other], lines[line]];
      return lines.join('\n');
    }
    case 5: {
      const change = [-2, -1, 1, 2][pick(4)];
      lines[line] = change > 0 ? ' '.repeat(change) + lines[line] : lines[line].replace(change === -1 ? /^ / : /^ {1,2}/, '');
      return lines.join('\n');
    }
    case 6:
      lines[line] += ' # c';
      return lines.join('\n');
    default: {
      // Edits near the start of a value, where the indicators matter most.
      const colon = lines[line].indexOf(': ');
      if (colon === -1) return text;
      lines[line] = lines[line].slice(0, colon + 2) + character() + lines[line].slice(colon + 2);
      return lines.join('\n');
    }
  }
}

describe('fastLoad on mutated documents', () => {
  it('equals js-yaml or gives up on 24,000 seeded mutations (a tenth with CRLF line ends), and never throws', () => {
    const rand = seededRandom(20260601);
    // Small documents keep the run short; every corpus contributes.
    const seeds = [...generatedDocuments.slice(0, 400), ...conformanceDocuments, ...ourDocuments].filter((text) => text.length < 2500);
    let supported = 0;
    let jsYamlErrors = 0;
    const rounds = 24_000;
    for (let round = 0; round < rounds; round++) {
      let text = seeds[Math.floor(rand() * seeds.length)];
      const mutations = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < mutations; i++) text = mutate(text, rand);
      if (rand() < 0.1) text = text.replace(/\n/g, '\r\n');
      if (jsYamlLoad(text).kind === 'threw') jsYamlErrors++;
      if (compare(text, `mutation ${round}`)) supported++;
    }
    console.info(`fastLoad: mutated documents handled ${supported} of ${rounds}; js-yaml rejected ${jsYamlErrors}`);
    // Both paths must be exercised: documents handled fast and documents js-yaml rejects.
    expect(supported).toBeGreaterThan(rounds * 0.3);
    expect(jsYamlErrors).toBeGreaterThan(rounds * 0.1);
  });
});

/** A document of the subset: fastLoad must handle it, with js-yaml's value. */
function expectHandled(text: string): void {
  expect(jsYamlLoad(text).kind, `js-yaml must load:\n${text}`).toBe('loaded');
  expect(compare(text, 'case'), `fastLoad must handle:\n${text}`).toBe(true);
}

/** A document outside the subset (or one js-yaml rejects): fastLoad must give up. */
function expectUnsupported(text: string): void {
  expect(fastLoad(text), text).toBe(UNSUPPORTED);
}

describe('fastLoad on each construct of the subset', () => {
  it('reads block mappings and sequences at any consistent indentation', () => {
    expectHandled('a: 1\nb:\n  c: 2\n  d:\n    e: x\n');
    expectHandled('a:\n    b: 1\n    c:\n      - x\n      - y\n');
    expectHandled('items:\n- name: a\n  ports:\n  - 80\n  - 443\n- name: b\nafter: 1\n');
    expectHandled('- - nested\n  - more\n- - x\n');
    expectHandled('-   key: wide\n    other: 1\n-\n  late: 2\n-\n- last\n');
    expectHandled('- a\n-\n- b\n');
    expectHandled('a:\nb:\n');
    expectHandled('a:\n  - x\n  -\nb: 1\n');
    expectHandled('  indented: root\n  second: 2\n');
    expectHandled('   \napiVersion: v1\n');
  });

  it('skips comments, full-line and trailing, at any indentation', () => {
    expectHandled('# head\na: 1 # trailing\n  # deeper\nb: # before a nested value\n  c: 2\n# between\n    # odd indent\nd: x#not-a-comment\n');
    expectHandled('- a # c\n# c\n- b\n');
  });

  it('reads plain scalars as KUBERNETES_YAML_SCHEMA types them, keys included', () => {
    const scalars = [
      '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'No', 'on', 'OFF', 'true', 'False', '0644', '0o17', '0x1F', '0b101', '1_000', '+12', '-0', '0',
      '1e3', '1.5', '-1.5e-3', '.inf', '-.Inf', '.NaN', '1_000.5', '2024-01-01', '12:30', '1.2.3', 'v1', '100m', '128Mi', '-x', '?x', '::1', '<<',
    ];
    expectHandled(scalars.map((scalar, i) => `k${i}: ${scalar}`).join('\n'));
    expectHandled(scalars.map((scalar) => `- ${scalar}`).join('\n'));
    // As keys: js-yaml resolves them, then makes them strings. `<<` (a merge key) and collisions are left out.
    const keys = ['~', 'yes', 'off', '0644', '0x1F', '1e3', '.inf', '-0', '1.5', 'v1', '-x', '::1', '2024-01-01'];
    expectHandled(keys.map((key, i) => `${key}: ${i}`).join('\n'));
    expectHandled('url: http://x:80/a#b\ntime: 12:30:00\nratio: a:b\nspaces:   padded value   \nsymbols: a]b}c,d\n');
  });

  it('reads one-line quoted scalars, with js-yaml escapes', () => {
    expectHandled(`a: 'it''s'\nb: ''\nc: 'a # b'\nd: ' spaced '\n'quoted key': 1\n"dq: key": 2\n'k' : 3\n`);
    expectHandled('a: "a # b"\nb: "tab\\there \\"q\\" back\\\\slash \\/ \\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P"\nc: "\\x41\\u00e9\\U0001F600"\nd: ""\n');
    expectHandled('- "x"\n- \'y\'\n- "k": v\n');
    expectHandled('a: "\\UFFFFFFFF"\nb: "\\U00110000"\n');
  });

  it('reads block scalars with every chomping, blank lines and more-indented lines', () => {
    for (const header of ['|', '|-', '|+', '>', '>-', '>+', '| # comment', '>-   ']) {
      expectHandled(`a: ${header}\n  line one\n  line two\n\n  after blank\n    more indented\n  back\n\n\nb: 1\n`);
      expectHandled(`- ${header}\n  x\n   \n      \n  y\n- z\n`);
      expectHandled(`a: ${header}\n`);
      expectHandled(`a: ${header}\n  x\n\n`);
      expectHandled(`a: ${header}\nb: 1\n`);
      expectHandled(`k:\n  a: ${header}\n      deep first line sets the indentation\n      second\n  b: 1\n`);
    }
    expectHandled('a: >\n  folded\n  text\n\n  para\n   indented\n   too\n  end\n');
    expectHandled('a: >\n\n  leading blank\n');
    expectHandled('a: |\n  trailing spaces   \n  # not a comment\n');
    expectHandled('a: |\n  x\n# a comment ends it\nb: 1\n');
    expectHandled('a: |');
    expectHandled('a: |+\n  x');
  });

  it('reads one-line flow collections', () => {
    expectHandled('a: []\nb: {}\nc: [a, "b", 1, \'c\', -1, -x]\nd: {a: 1, b: "x"}\ne: [ spaced , out ]\nf: {"json":1, \'q\': [1, {x: y}]}\n');
    expectHandled('a: [a, b,]\nb: {a: 1,}\nc: [a#b, a:b, "x" , \'y\']\n');
    expectHandled('- [a, b]\n- {c: d}\n');
    expectHandled('[a, b]\n');
    expectHandled('{a: 1}\n');
  });

  it('reads empty values and empty documents as js-yaml does', () => {
    for (const text of ['', '\n', '  ', '  \n', ' \n\n', '#c', '# c\n', '   \n# x\n', 'key:', '- ', 'a:\n  # nothing\nb:\n']) {
      expect(fastLoad(text), JSON.stringify(text)).not.toBe(UNSUPPORTED);
      compare(text, JSON.stringify(text));
    }
  });

  it('reads documents that are a bare scalar', () => {
    for (const text of ['hello', '42', 'null', '"quoted"', "'single'", 'a # comment', '0644', 'yes']) expectHandled(text);
  });

  it('reads Windows line ends as js-yaml does', () => {
    expectHandled('a: 1\r\nb:\r\n  - x # c\r\n  - "y"\r\nc: |\r\n  l1\r\n\r\n  l2\r\nd: >+\r\n  f\r\n\r\n');
    expectHandled('a: 1\r\nb: 2\r');
    expectHandled('   \r\n');
    expectUnsupported('a: 1\rb: 2\n');
  });

  it('gives up on everything outside the subset or that js-yaml rejects', () => {
    const outside = [
      'a: &x 1\nb: *x\n', 'a: !!str 1\n', '? complex\n: key\n', '<<: {a: 1}\n', 'a:\n  <<: {b: 1}\n', '__proto__: 1\n', '{__proto__: 1}\n',
      'a: 1\na: 2\n', 'a: {x: 1, x: 2}\n', '1: a\n01: b\n', 'a:\n\tb: 1\n', 'a: plain\n  continued\n', "a: 'multi\n  line'\n", 'a: "multi\n  line"\n',
      '%YAML 1.1\n---\na: 1\n', 'a: "\\q"\n', 'a: "\\x4"\n', 'a: |2\n   x\n', '\ufeffa: 1\n', 'a: \u0001\n', 'a: [1,\n  2]\n', 'a: {b: [1, 2}\n',
      'a: b: c\n', 'a: - b\n', 'a: 1\nkey\n', 'a: 1\n---\nb: 2\n', 'a: 1\n...\n', '|\nx\n', 'a: "x" y\n', 'a:\n  - x\n  y: 1\n', 'a: 1\n  b: 2\n',
      'a:\n    b: 1\n  c: 2\n', '---apiVersion: v1\nkind: A\n', '- a\n  - b\n', 'a: [a: 1]\n', 'a: {a}\n', 'a: {a: }\n', 'a: [,]\n', '@at\n', '`tick`\n', 'a: |\n  x\n y\n',
    ];
    for (const text of outside) expectUnsupported(text);
  });

  it('gives up past a nesting depth well inside js-yaml limit', () => {
    const deep = Array.from({ length: 60 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n');
    expect(jsYamlLoad(deep).kind).toBe('loaded');
    expectUnsupported(deep);
  });
});

describe('parseManifests with the fast loader', () => {
  it('reads a valid file as one js-yaml pass over it does, where a document alone would read differently', () => {
    // A kept block scalar at the end of a document counts the blank lines before the next marker.
    const kept = '---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: |+\n    x\n\n---\napiVersion: v1\nkind: ConfigMap\n';
    const whole = jsYaml.loadAll(kept, undefined, { schema: KUBERNETES_YAML_SCHEMA });
    expect(parseManifests(kept, 'f.yaml').objects.map(({ object }) => object)).toStrictEqual(whole);
    // A root block scalar after `--- |` fails alone but not in its file: still a document that is no object.
    const scalar = '--- |\n  text\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n';
    expect(() => jsYaml.load(splitDocuments(scalar)[0].text, { schema: KUBERNETES_YAML_SCHEMA })).toThrow();
    const parsed = parseManifests(scalar, 'f.yaml');
    expect(parsed.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['E_MANIFEST_NOT_OBJECT']);
    expect(parsed.objects.map(({ object }) => object)).toStrictEqual([jsYaml.loadAll(scalar, undefined, { schema: KUBERNETES_YAML_SCHEMA })[1]]);
  });

  it('reports a broken document where js-yaml places the error in that document, and reads the others', () => {
    const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nbad: [1,\n\n---\napiVersion: v1\nkind: C\n';
    const parsed = parseManifests(text, 'f.yaml');
    expect(parsed.objects.map(({ object }) => object.kind)).toEqual(['A', 'C']);
    let mark: { line: number; column: number } | undefined;
    try {
      jsYaml.load(splitDocuments(text)[1].text, { schema: KUBERNETES_YAML_SCHEMA });
    } catch (error) {
      mark = (error as { mark: { line: number; column: number } }).mark;
    }
    const { line, column } = nullThrows(mark, 'js-yaml rejects the broken document');
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0].location).toMatchObject({ doc: 1, line: splitDocuments(text)[1].startLine + line + 1, column: column + 1 });
  });
});
