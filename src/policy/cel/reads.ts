/**
 * Which fields of the reviewed object an expression can read, found on its AST at compile time, so a review
 * converts (JSON integers -> int64) only those fields instead of the whole object. A field path followed by
 * anything but a literal field selection or an `all`/`exists`/`exists_one`/`map` over its elements (a function,
 * `==`, a computed index, `filter`, which returns the elements themselves) needs its whole subtree; anything
 * the analysis cannot follow needs the whole object. Over-reading is always safe; the partial value is only
 * ever reached through the recorded selections, so it cannot be under-read.
 */
import { isPlainObject, setOwn, toCel } from './values.js';

/** `true`: the whole subtree is read; otherwise the fields selected and, for a list, what is read of each element. */
export type FieldReads = true | PartialReads;

export interface PartialReads {
  readonly fields: ReadonlyMap<string, FieldReads>;
  readonly elements?: FieldReads;
}

/** Nothing is read. */
export const NO_READS: PartialReads = Object.freeze({ fields: new Map<string, FieldReads>() });

interface AstNode {
  op: string;
  args: unknown;
}

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as AstNode).op === 'string';
}

function literalKey(node: unknown): string | undefined {
  return isNode(node) && node.op === 'value' && typeof node.args === 'string' ? node.args : undefined;
}

/** A path segment: a field name, or EACH for every element of a list. */
const EACH = Symbol('each element');
type Segment = string | typeof EACH;

/** Macros whose iteration variable does not escape: the elements are only read through it. */
const ELEMENT_MACROS = new Set<unknown>(['all', 'exists', 'exists_one', 'map']);

/** The reads of `path`, with `end` read below its end. */
function pathReads(path: readonly Segment[], end: FieldReads, from = 0): FieldReads {
  if (from === path.length) return end;
  const below = pathReads(path, end, from + 1);
  const segment = path[from];
  return segment === EACH ? { fields: NO_READS.fields, elements: below } : { fields: new Map([[segment, below]]) };
}

/** The object's segments a path from a root variable reaches; `undefined` when the path cannot lead to the object. */
function objectPathOf(root: string, path: readonly Segment[]): readonly Segment[] | undefined {
  switch (root) {
    case 'object':
    case 'oldObject':
      return path;
    // Gatekeeper binds the object inside request and as variables.anyObject; the whole `request` or
    // `variables` value contains it too.
    case 'request':
      if (path.length === 0 || path[0] === EACH) return [];
      return path[0] === 'object' || path[0] === 'oldObject' ? path.slice(1) : undefined;
    case 'variables':
      if (path.length === 0 || path[0] === EACH) return [];
      return path[0] === 'anyObject' ? path.slice(1) : undefined;
    default:
      return undefined;
  }
}

/** Where a name leads: a root variable with a path, or nothing the object can be reached from. */
interface Binding {
  root: string;
  path: readonly Segment[];
}

/**
 * What a validator's variable can hold, by name: the places its value comes from (`object.spec` or
 * `object.spec.template.spec` for a ternary, each operand of a list concatenation). A read through
 * `variables.<name>` is a read of each. Variables not in the map were analysed as ordinary expressions, which
 * recorded everything that can flow into their value.
 */
export type VariableSources = ReadonlyMap<string, readonly Binding[]>;

const NO_VARIABLE_SOURCES: VariableSources = new Map();

interface Analysis {
  reads: FieldReads;
  /** The value's sources when the expression is one of the forms variableReadsOf follows. */
  sources?: readonly Binding[];
}

function analyse(ast: unknown, variables: VariableSources, asValue: boolean): Analysis {
  let reads: FieldReads = NO_READS;
  const record = (binding: Binding, end: FieldReads = true) => {
    if (reads === true) return;
    const path = objectPathOf(binding.root, binding.path);
    if (path !== undefined) reads = mergeReads(reads, pathReads(path, path.length === 0 ? true : end));
  };
  const resolve = (name: string, path: readonly Segment[], scope: ReadonlyMap<string, readonly Binding[]>): readonly Binding[] => {
    const bound = scope.get(name);
    if (bound) return bound.map((b) => ({ root: b.root, path: [...b.path, ...path] }));
    if (name === 'variables' && typeof path[0] === 'string') {
      const sources = variables.get(path[0]);
      if (sources) return sources.map((b) => ({ root: b.root, path: [...b.path, ...path.slice(1)] }));
    }
    return [{ root: name, path }];
  };
  /** A chain of literal selections (object.spec.?volumes['x']) ending at an identifier, as bindings. */
  const chainOf = (node: AstNode, scope: ReadonlyMap<string, readonly Binding[]>): readonly Binding[] | undefined => {
    const keys: string[] = [];
    let base: unknown = node;
    for (;;) {
      if (!isNode(base)) return undefined;
      if (base.op === 'id') return typeof base.args === 'string' ? resolve(base.args, keys.reverse(), scope) : undefined;
      if (!Array.isArray(base.args)) return undefined;
      const [left, right] = base.args as [unknown, unknown];
      if ((base.op === '.' || base.op === '.?') && typeof right === 'string') keys.push(right);
      else if ((base.op === '[]' || base.op === '[?]') && literalKey(right) !== undefined) keys.push(literalKey(right)!);
      else return undefined;
      base = left;
    }
  };
  const visit = (node: unknown, scope: ReadonlyMap<string, readonly Binding[]>): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, scope);
      return;
    }
    if (!isNode(node) || node.op === 'value') return;
    const chain = node.op === 'id' || node.op === '.' || node.op === '.?' || node.op === '[]' || node.op === '[?]' ? chainOf(node, scope) : undefined;
    if (chain) {
      for (const binding of chain) record(binding);
      return;
    }
    if (node.op === 'rcall' && Array.isArray(node.args)) {
      // receiver.all(v, body): the body reads each element through v, nothing escapes but what it reads.
      const [name, receiver, macroArgs] = node.args as [unknown, unknown, unknown];
      const source = ELEMENT_MACROS.has(name) ? sourcesOf(receiver, scope) : undefined;
      if (source && visitMacroBody(source, macroArgs, scope)) return;
    }
    visit(node.args, scope);
  };
  /** Visits `v, body` of a macro over the elements of `source`; false when the arguments are not a macro's. */
  const visitMacroBody = (source: readonly Binding[], macroArgs: unknown, scope: ReadonlyMap<string, readonly Binding[]>): boolean => {
    const variable = Array.isArray(macroArgs) && macroArgs.length >= 2 && isNode(macroArgs[0]) && macroArgs[0].op === 'id' ? macroArgs[0].args : undefined;
    if (typeof variable !== 'string') return false;
    const elements = source.map((b): Binding => ({ root: b.root, path: [...b.path, EACH] }));
    // The list itself must be there even when the body reads nothing of its elements.
    for (const binding of elements) record(binding, NO_READS);
    const inner = new Map(scope);
    inner.set(variable, elements);
    visit((macroArgs as unknown[]).slice(1), inner);
    return true;
  };
  /**
   * The sources of a value built only by selection chains, `c ? a : b`, `a + b`, `x.orValue(d)` and
   * `list.filter(v, p)` (a sublist of its receiver), with literal parts contributing nothing; undefined for any
   * other form. Conditions and predicates are visited as reads.
   */
  const sourcesOf = (node: unknown, scope: ReadonlyMap<string, readonly Binding[]>): Binding[] | undefined => {
    if (!isNode(node)) return undefined;
    if (node.op === 'value') return [];
    if (node.op === 'list' && Array.isArray(node.args) && node.args.length === 0) return [];
    const chain = node.op === 'id' || node.op === '.' || node.op === '.?' || node.op === '[]' || node.op === '[?]' ? chainOf(node, scope) : undefined;
    if (chain) return [...chain];
    if (!Array.isArray(node.args)) return undefined;
    if (node.op === '?:') {
      const [condition, then, otherwise] = node.args as [unknown, unknown, unknown];
      const a = sourcesOf(then, scope);
      const b = a && sourcesOf(otherwise, scope);
      if (!a || !b) return undefined;
      visit(condition, scope);
      return [...a, ...b];
    }
    if (node.op === '+') {
      const [left, right] = node.args as [unknown, unknown];
      const a = sourcesOf(left, scope);
      const b = a && sourcesOf(right, scope);
      return a && b ? [...a, ...b] : undefined;
    }
    if (node.op === 'rcall') {
      const [name, receiver, args] = node.args as [unknown, unknown, unknown];
      if (name === 'filter') {
        const source = sourcesOf(receiver, scope);
        return source && visitMacroBody(source, args, scope) ? source : undefined;
      }
      if (name !== 'orValue' || !Array.isArray(args) || args.length !== 1) return undefined;
      const a = sourcesOf(receiver, scope);
      const b = a && sourcesOf(args[0], scope);
      return a && b ? [...a, ...b] : undefined;
    }
    return undefined;
  };
  if (asValue) {
    const sources = sourcesOf(ast, new Map());
    if (sources) return { reads, sources };
    reads = NO_READS;
  }
  visit(ast, new Map());
  return { reads };
}

/**
 * The fields of the reviewed object (reached through object, oldObject, request.object/oldObject or
 * variables.anyObject, or through a validator variable in `variables`) that an expression reads, from its
 * parsed (not yet type-checked) cel-js AST.
 */
export function objectReadsOf(ast: unknown, variables: VariableSources = NO_VARIABLE_SOURCES): FieldReads {
  return analyse(ast, variables, false).reads;
}

/**
 * A validator variable's expression: what it reads itself, and where its value comes from when it only selects
 * from the object (then the fields are read where `variables.<name>` is used, not all of them here).
 */
export function variableReadsOf(ast: unknown, variables: VariableSources): { reads: FieldReads; sources?: readonly Binding[] } {
  return analyse(ast, variables, true);
}

/** The union of two read sets. */
export function mergeReads(a: FieldReads, b: FieldReads): FieldReads {
  if (a === true || b === true) return true;
  if (b === NO_READS) return a;
  if (a === NO_READS) return b;
  const fields = new Map<string, FieldReads>(a.fields);
  for (const [key, below] of b.fields) {
    const existing = fields.get(key);
    fields.set(key, existing === undefined ? below : mergeReads(existing, below));
  }
  const elements = a.elements === undefined ? b.elements : b.elements === undefined ? a.elements : mergeReads(a.elements, b.elements);
  return elements === undefined ? { fields } : { fields, elements };
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The CEL value of `value` as far as `reads` reaches: the fields read are converted as toCel does, the others
 * left out. Only valid for expressions whose reads are included in `reads`. Runs a reader compiled once per read
 * set (see compileReader); toCelReadingInterpreted is the same walk, interpreted.
 */
export function toCelReading(value: unknown, reads: FieldReads): unknown {
  if (reads === true) return toCel(value);
  let reader = readers.get(reads);
  if (!reader) {
    reader = compileReader(reads);
    readers.set(reads, reader);
  }
  return reader(value);
}

/** The interpreted walk the compiled readers do: the reference they are tested against. */
export function toCelReadingInterpreted(value: unknown, reads: FieldReads): unknown {
  if (reads === true) return toCel(value);
  if (Array.isArray(value)) {
    const { elements } = reads;
    if (elements === undefined) return toCel(value);
    const list = new Array(value.length);
    for (let i = 0; i < value.length; i++) list[i] = toCelReadingInterpreted(value[i], elements);
    return list;
  }
  // Iterating a map visits its keys: convert it whole rather than follow element reads into it.
  if (!isPlainObject(value) || reads.elements !== undefined) return toCel(value);
  const out: Record<string, unknown> = {};
  for (const [key, below] of reads.fields) {
    if (!hasOwn.call(value, key)) continue;
    const item = value[key];
    if (item === undefined) continue;
    setOwn(out, key, toCelReadingInterpreted(item, below));
  }
  return out;
}

/** Read sets live as long as their policies; each gets its reader once. */
const readers = new WeakMap<PartialReads, (value: unknown) => unknown>();

/**
 * A read set as one JavaScript function per node, each reading its fields by name: the interpreted walk reads
 * `value[key]` with a different key every time, a lookup V8 cannot specialise, while a named read gets its own
 * inline cache. Keys reach the source only as JSON string literals. As the CEL fast path (fast.ts) does, for
 * the same reason.
 */
function compileReader(root: PartialReads): (value: unknown) => unknown {
  const names = new Map<PartialReads, string>();
  const functions: string[] = [];
  const nodeFunction = (reads: PartialReads): string => {
    let name = names.get(reads);
    if (name !== undefined) return name;
    name = `n${names.size}`;
    names.set(reads, name);
    const read = (below: FieldReads, operand: string) => (below === true ? `toCel(${operand})` : `${nodeFunction(below)}(${operand})`);
    const lines: string[] = [`function ${name}(v) {`];
    lines.push(reads.elements === undefined
      ? 'if (Array.isArray(v)) return toCel(v);'
      : `if (Array.isArray(v)) { const l = new Array(v.length); for (let i = 0; i < v.length; i++) l[i] = ${read(reads.elements, 'v[i]')}; return l; }`);
    // Iterating a map visits its keys: a map with element reads is converted whole, as by the interpreted walk.
    lines.push(reads.elements === undefined ? 'if (!isPlainObject(v)) return toCel(v);' : 'return toCel(v);', 'const o = {};', 'let x;');
    for (const [key, below] of reads.fields) {
      const k = JSON.stringify(key).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
      const assign = key === '__proto__' ? `setOwn(o, ${k}, ${read(below, 'x')})` : `o[${k}] = ${read(below, 'x')}`;
      lines.push(`if (hasOwn.call(v, ${k}) && (x = v[${k}]) !== undefined) ${assign};`);
    }
    lines.push('return o;', '}');
    functions.push(lines.join('\n'));
    return name;
  };
  const rootName = nodeFunction(root);
  const build = new Function('toCel', 'isPlainObject', 'hasOwn', 'setOwn', `${functions.join('\n')}\nreturn ${rootName};`);
  return build(toCel, isPlainObject, hasOwn, setOwn) as (value: unknown) => unknown;
}
