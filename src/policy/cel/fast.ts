/**
 * A fast path for the common shapes of policy expressions: field selection, `has`, optional selection with
 * `orValue`/`hasValue`, `all`/`exists`/`exists_one`/`map`/`filter` over lists, `!`, `&&`, `||`, `?:`,
 * `==`/`!=`/`<`… on strings, bools and ints, `in`, `size`, string functions, `join`, `string()`, `+`/`-` on
 * ints, `+` on strings and lists, list and map literals. It only follows the plain path: any value or case it
 * does not handle exactly as cel-js does (a missing field, a mixed-type comparison, an error of any kind, the
 * cost bound running out) makes it give up, and the expression is evaluated by cel-js from the start. Results
 * and error messages are therefore cel-js'; fast.test.ts compares the two on the policy corpus, the CEL
 * conformance data and generated expressions.
 *
 * Each expression is compiled once to JavaScript source and one `new Function`, as ajv compiles schemas: a
 * tree of closures spends most of its time in megamorphic calls from node to node, while one straight-line
 * function with its keys as constants gets its own inline caches and runs as V8 code. Policy text reaches
 * the source only as JSON string literals and bigint digits; every identifier in it is generated here.
 */
import { ADMISSION_VARIABLES } from './environment.js';
import { charge } from './cost.js';
import { re2Matches, RE2_MATCHES } from './lib/regex.js';
import { replace } from './lib/strings.js';

/** Returned when the fast path gives up. */
export const GIVE_UP: unique symbol = Symbol('evaluate with cel-js');

/** Thrown inside the fast path to give up; a plain object, so nothing captures a stack. */
const BAIL = Object.freeze({ bail: true });
/** An empty optional inside the fast path; optional values never leave it. */
const NONE = Object.freeze({ none: true });

class Unsupported extends Error {}

interface AstNode {
  op: string;
  args: any;
}

const hasOwn = Object.prototype.hasOwnProperty;
const ADMISSION_NAMES = new Set<string>(ADMISSION_VARIABLES);
const MAX_INT = 9223372036854775807n;
const MIN_INT = -9223372036854775808n;
/**
 * Generated source past this length is not compiled and the expression is left to cel-js (compileFast returns
 * undefined): from about 120,000 characters the function has more than the 60 KB of bytecode V8 optimizes, and
 * interpreted it is slower than cel-js. The largest expression of the policy corpus (1,200 characters of CEL)
 * generates 16,000.
 */
const MAX_SOURCE_LENGTH = 100_000;

/*
 * The helpers below are the slow paths of what the generated code inlines (plain-map lookups) and the
 * operations it calls; each throws BAIL on anything cel-js would treat differently.
 */

function isPlainMap(value: object): boolean {
  const constructor = (value as { constructor?: unknown }).constructor;
  return constructor === Object || constructor === undefined;
}

/** `value.key` as cel-js' fieldAccess reads a map; anything else gives up. */
function select(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object') {
    if (isPlainMap(value)) {
      if (hasOwn.call(value, key)) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && typeof item !== 'function') return item;
      }
    } else if ((value as { constructor?: unknown }).constructor === Map) {
      const item = (value as Map<string, unknown>).get(key);
      if (item !== undefined && typeof item !== 'function') return item;
    }
  }
  throw BAIL;
}

/** `value.?key`: NONE when the map lacks the key. */
function optionalSelect(value: unknown, key: string): unknown {
  if (value === NONE) return NONE;
  if (value !== null && typeof value === 'object') {
    if (isPlainMap(value)) {
      if (!hasOwn.call(value, key)) return NONE;
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) return NONE;
      if (typeof item !== 'function') return item;
    } else if ((value as { constructor?: unknown }).constructor === Map) {
      const item = (value as Map<string, unknown>).get(key);
      if (item === undefined) return NONE;
      if (typeof item !== 'function') return item;
    }
  }
  throw BAIL;
}

/** `has(value.key)` on a map. */
function hasField(value: unknown, key: string): boolean {
  if (value !== null && typeof value === 'object') {
    if (isPlainMap(value)) return hasOwn.call(value, key) && (value as Record<string, unknown>)[key] !== undefined;
    if ((value as { constructor?: unknown }).constructor === Map) return (value as Map<string, unknown>).get(key) !== undefined;
  }
  throw BAIL;
}

/** `value[at]`: a map key or a list index. */
function index(value: unknown, at: unknown): unknown {
  if (typeof at === 'string') return select(value, at);
  if (typeof at === 'bigint' && Array.isArray(value) && at >= 0n && at < BigInt(value.length)) return value[Number(at)];
  throw BAIL;
}

function sameTypeEquals(left: unknown, right: unknown): boolean {
  const type = typeof left;
  if ((type === 'string' || type === 'boolean' || type === 'bigint') && typeof right === type) return left === right;
  if (left === null && right === null) return true;
  throw BAIL;
}

function compare(left: unknown, right: unknown): number {
  const type = typeof left;
  if ((type === 'string' || type === 'bigint') && typeof right === type) return (left as string) < (right as string) ? -1 : (left as string) > (right as string) ? 1 : 0;
  throw BAIL;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function size(value: unknown): bigint {
  if (typeof value === 'string') return BigInt(codePoints(value));
  if (Array.isArray(value)) return BigInt(value.length);
  if (value !== null && typeof value === 'object') {
    if (isPlainMap(value)) return BigInt(Object.keys(value).length);
    if ((value as { constructor?: unknown }).constructor === Map) return BigInt((value as Map<unknown, unknown>).size);
  }
  throw BAIL;
}

/** `needle in haystack`: a key of a map (strings only), or an element of a list as cel-js' isEqual compares. */
function contains(needle: unknown, haystack: unknown): boolean {
  if (haystack === null || typeof haystack !== 'object') throw BAIL;
  if (Array.isArray(haystack)) {
    if (typeof needle === 'string' || typeof needle === 'boolean') return haystack.includes(needle);
    if (typeof needle === 'bigint') return haystack.some((item) => item === needle || (typeof item === 'number' && item == (needle as unknown as number)));
    throw BAIL;
  }
  if (typeof needle !== 'string') throw BAIL;
  if (isPlainMap(haystack)) return hasOwn.call(haystack, needle) && (haystack as Record<string, unknown>)[needle] !== undefined;
  if ((haystack as { constructor?: unknown }).constructor === Map) return (haystack as Map<string, unknown>).get(needle) !== undefined;
  throw BAIL;
}

function join(values: unknown, separator: unknown): string {
  if (!Array.isArray(values) || typeof separator !== 'string' || !values.every((value) => typeof value === 'string')) throw BAIL;
  return values.join(separator);
}

function toCelString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return `${value}`;
  throw BAIL;
}

function subtract(left: unknown, right: unknown): bigint {
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    const difference = left - right;
    if (difference <= MAX_INT && difference >= MIN_INT) return difference;
  }
  throw BAIL;
}

function add(left: unknown, right: unknown): unknown {
  if (typeof left === 'string' && typeof right === 'string') return left + right;
  if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    const sum = left + right;
    if (sum <= MAX_INT && sum >= MIN_INT) return sum;
  }
  throw BAIL;
}

/** What the generated code calls, by the names it calls them; besides these it uses only `Object` and `Array`. */
const HELPERS = {
  BAIL,
  NONE,
  GIVE_UP,
  hasOwn,
  charge,
  select,
  optionalSelect,
  hasField,
  index,
  sameTypeEquals,
  compare,
  size,
  contains,
  join,
  toCelString,
  subtract,
  add,
  replace,
  lowerAscii: (text: string) => text.toLowerCase(),
  upperAscii: (text: string) => text.toUpperCase(),
  trim: (text: string) => text.trim(),
  stringContains: (text: string, argument: string) => text.includes(argument),
  startsWith: (text: string, argument: string) => text.startsWith(argument),
  endsWith: (text: string, argument: string) => text.endsWith(argument),
  re2Matches,
};
const HELPER_NAMES = Object.keys(HELPERS).join(', ');

type Helper = keyof typeof HELPERS;

/** CEL method name -> the helper that implements it; the CEL name itself never enters the source. */
const STRING_GETTERS: Record<string, Helper> = { lowerAscii: 'lowerAscii', upperAscii: 'upperAscii', trim: 'trim' };
const STRING_METHODS: Record<string, Helper> = { contains: 'stringContains', startsWith: 'startsWith', endsWith: 'endsWith', [RE2_MATCHES]: 're2Matches' };

/** cel-js skips these keys when it builds a map from a literal. */
const SKIPPED_MAP_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** An AST operator -> the JavaScript one; `op` is policy data, so only strings from here reach the source. */
const COMPARISONS: Record<string, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as AstNode).op === 'string';
}

/**
 * A constant as JavaScript source. JSON.stringify quotes and escapes every string (U+2028/U+2029 are legal in
 * string literals since ES2019, escaped anyway so the source stays one line per statement).
 */
function literal(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (typeof value === 'bigint') return `(${value.toString()}n)`;
  if (value === true || value === false || value === null) return String(value);
  throw new Unsupported();
}

/** Source testing an operand as isPlainMap does; `c` is a scratch local of the generated function. */
function plainMapTest(value: string): string {
  return `${value} !== null && typeof ${value} === "object" && ((c = ${value}.constructor) === Object || c === undefined)`;
}

function checkString(value: string): string {
  return `if (typeof ${value} !== "string") throw BAIL;`;
}

/** The type of a literal operand, for which a comparison needs one `typeof` test instead of three. */
function literalType(node: unknown, types: readonly string[]): string | undefined {
  if (!isNode(node) || node.op !== 'value') return undefined;
  const type = typeof node.args;
  return types.includes(type) ? type : undefined;
}

/** Source testing that two operands have the same type, one of `types` (the only case compared inline). */
function sameTypeTest(nodes: [unknown, unknown], left: string, right: string, types: readonly string[]): string {
  const rightType = literalType(nodes[1], types);
  if (rightType !== undefined) return `typeof ${left} === "${rightType}"`;
  const leftType = literalType(nodes[0], types);
  if (leftType !== undefined) return `typeof ${right} === "${leftType}"`;
  return `(${types.map((type) => `typeof ${left} === "${type}"`).join(' || ')}) && typeof ${right} === typeof ${left}`;
}

const EQUALITY_TYPES = ['string', 'boolean', 'bigint'];
const ORDERED_TYPES = ['string', 'bigint'];

/**
 * The generated function's body. Every node's statements go to `out` in evaluation order and its value is
 * left in a fresh local `vN` (or is a literal), so operands never move past one another's side effects
 * (lazy `variables` reads); a comprehension variable is the local its loop assigns, looked up by CEL name
 * in `scope`, so an inner variable of the same name shadows the outer one only inside its own body.
 */
function generate(ast: unknown): string {
  let locals = 0;
  /** Values known to be a bool when read: their bool checks are left out, so functions stay small enough for V8 to optimize. */
  const booleans = new Set<string>(['true', 'false']);
  const local = (bool = false) => {
    const name = `v${locals++}`;
    if (bool) booleans.add(name);
    return name;
  };
  /** Gives up unless `value` is a bool: cel-js' `!`, `&&`, `||`, `?:` and predicates take nothing else. */
  const requireBool = (value: string, out: string[]) => {
    if (!booleans.has(value)) out.push(`if (${value} !== true && ${value} !== false) throw BAIL;`);
  };

  /** `optional`: the node may evaluate to NONE (only `.?` chains, consumed by orValue, hasValue and `.?`). */
  const compile = (node: unknown, scope: ReadonlyMap<string, string>, out: string[], optional = false): string => {
    if (!isNode(node)) throw new Unsupported();
    const { op, args } = node;
    switch (op) {
      case 'value':
        return literal(args);
      case 'id': {
        const bound = scope.get(args);
        if (bound !== undefined) return bound;
        if (!ADMISSION_NAMES.has(args)) throw new Unsupported();
        const value = local();
        out.push(`${value} = activation[${literal(args)}];`, `if (${value} === undefined) throw BAIL;`);
        return value;
      }
      case '.': {
        const [left, key] = args as [unknown, string];
        return emitSelect(compile(left, scope, out), key, out);
      }
      case '.?': {
        if (!optional) throw new Unsupported();
        const [left, key] = args as [unknown, string];
        const base = compile(left, scope, out, true);
        const value = local();
        const k = literal(key);
        // NONE is itself a plain object, so it is tested first.
        out.push(
          `if (${base} === NONE) ${value} = NONE;`,
          `else if (${plainMapTest(base)}) {`,
          `${value} = hasOwn.call(${base}, ${k}) ? ${base}[${k}] : undefined;`,
          `if (${value} === undefined) ${value} = NONE; else if (typeof ${value} === "function") throw BAIL;`,
          `} else ${value} = optionalSelect(${base}, ${k});`,
        );
        return value;
      }
      case '[]': {
        const base = compile(args[0], scope, out);
        if (isNode(args[1]) && args[1].op === 'value' && typeof args[1].args === 'string') return emitSelect(base, args[1].args, out);
        const at = compile(args[1], scope, out);
        return emitCall('index', [base, at], out);
      }
      case '!_': {
        const operand = compile(args, scope, out);
        requireBool(operand, out);
        const value = local(true);
        out.push(`${value} = !${operand};`);
        return value;
      }
      case '-_': {
        // cel-js negates an int without an overflow check; so does this.
        const operand = compile(args, scope, out);
        const value = local();
        out.push(`if (typeof ${operand} !== "bigint") throw BAIL;`, `${value} = -${operand};`);
        return value;
      }
      case '-':
        return emitCall('subtract', [compile(args[0], scope, out), compile(args[1], scope, out)], out);
      case '+':
        return emitCall('add', [compile(args[0], scope, out), compile(args[1], scope, out)], out);
      case 'in':
        return emitContains(compile(args[0], scope, out), compile(args[1], scope, out), out);
      case '&&':
      case '||': {
        // The right operand runs only when the left one does not decide; its statements stay inside the branch.
        const left = compile(args[0], scope, out);
        requireBool(left, out);
        const rightOut: string[] = [];
        const right = compile(args[1], scope, rightOut);
        requireBool(right, rightOut);
        const value = local(true);
        const [goOn, decided] = op === '&&' ? ['true', 'false'] : ['false', 'true'];
        out.push(`if (${left} === ${goOn}) {`, ...rightOut, `${value} = ${right};`, `} else ${value} = ${decided};`);
        return value;
      }
      case '?:': {
        const condition = compile(args[0], scope, out);
        requireBool(condition, out);
        const thenOut: string[] = [];
        const then = compile(args[1], scope, thenOut);
        const otherwiseOut: string[] = [];
        const otherwise = compile(args[2], scope, otherwiseOut);
        const value = local(booleans.has(then) && booleans.has(otherwise));
        out.push(`if (${condition} === true) {`, ...thenOut, `${value} = ${then};`, '} else {', ...otherwiseOut, `${value} = ${otherwise};`, '}');
        return value;
      }
      case '==':
      case '!=': {
        const left = compile(args[0], scope, out);
        const right = compile(args[1], scope, out);
        const value = local(true);
        const [operator, not] = op === '==' ? ['===', ''] : ['!==', '!'];
        out.push(`${value} = ${sameTypeTest(args, left, right, EQUALITY_TYPES)} ? ${left} ${operator} ${right} : ${not}sameTypeEquals(${left}, ${right});`);
        return value;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const left = compile(args[0], scope, out);
        const right = compile(args[1], scope, out);
        const value = local(true);
        const operator = COMPARISONS[op];
        out.push(`${value} = ${sameTypeTest(args, left, right, ORDERED_TYPES)} ? ${left} ${operator} ${right} : compare(${left}, ${right}) ${operator} 0;`);
        return value;
      }
      case 'list': {
        // cel-js evaluates list items and call arguments last to first; lazy variables are then read in its order.
        const items = args as unknown[];
        const values = new Array<string>(items.length);
        for (let i = items.length - 1; i >= 0; i--) values[i] = compile(items[i], scope, out);
        const value = local();
        out.push(`${value} = [${values.join(', ')}];`);
        return value;
      }
      case 'map': {
        const entries = (args as Array<[unknown, unknown]>).map(([key, item]) => {
          if (!isNode(key) || key.op !== 'value' || typeof key.args !== 'string') throw new Unsupported();
          return { key: key.args as string, value: compile(item, scope, out) };
        });
        // A skipped key's value is still evaluated (above); `__proto__` is among them, so no literal key sets a prototype.
        const properties = entries.filter((entry) => !SKIPPED_MAP_KEYS.has(entry.key)).map((entry) => `${literal(entry.key)}: ${entry.value}`);
        const value = local();
        out.push(`${value} = {${properties.join(', ')}};`);
        return value;
      }
      case 'call':
        return compileCall(args[0], args[1], scope, out);
      case 'rcall':
        return compileMethod(args[0], args[1], args[2], scope, out);
      default:
        throw new Unsupported();
    }
  };

  /** `helper(...operands)` into a fresh local. */
  const emitCall = (helper: Helper, operands: string[], out: string[], bool = false): string => {
    const value = local(bool);
    out.push(`${value} = ${helper}(${operands.join(', ')});`);
    return value;
  };

  /** `base.key`: a plain map is read inline, with its own inline cache per key; the rest goes to select(). */
  const emitSelect = (base: string, key: string, out: string[]): string => {
    const value = local();
    const k = literal(key);
    out.push(`if (!(${plainMapTest(base)} && hasOwn.call(${base}, ${k}) && (${value} = ${base}[${k}]) !== undefined && typeof ${value} !== "function")) ${value} = select(${base}, ${k});`);
    return value;
  };

  const emitHas = (base: string, key: string, out: string[]): string => {
    const value = local(true);
    const k = literal(key);
    out.push(`${value} = ${plainMapTest(base)} ? hasOwn.call(${base}, ${k}) && ${base}[${k}] !== undefined : hasField(${base}, ${k});`);
    return value;
  };

  const emitContains = (needle: string, haystack: string, out: string[]): string => {
    const value = local(true);
    out.push(`${value} = typeof ${needle} === "string" && ${plainMapTest(haystack)} ? hasOwn.call(${haystack}, ${needle}) && ${haystack}[${needle}] !== undefined : contains(${needle}, ${haystack});`);
    return value;
  };

  const compileCall = (name: unknown, callArgs: unknown[], scope: ReadonlyMap<string, string>, out: string[]): string => {
    if (name === 'size' && callArgs.length === 1) return emitCall('size', [compile(callArgs[0], scope, out)], out);
    if (name === 'string' && callArgs.length === 1) return emitCall('toCelString', [compile(callArgs[0], scope, out)], out);
    if (name === 'dyn' && callArgs.length === 1) return compile(callArgs[0], scope, out);
    if (name === 'has' && callArgs.length === 1 && isNode(callArgs[0]) && callArgs[0].op === '.') {
      // cel-js requires a chain of selections from an identifier; every step but the last must exist.
      let root: unknown = callArgs[0].args[0];
      while (isNode(root) && (root.op === '.' || root.op === '.?')) {
        if (root.op === '.?') throw new Unsupported();
        root = root.args[0];
      }
      if (!isNode(root) || root.op !== 'id') throw new Unsupported();
      return emitHas(compile(callArgs[0].args[0], scope, out), callArgs[0].args[1] as string, out);
    }
    throw new Unsupported();
  };

  const compileMethod = (name: unknown, receiver: unknown, callArgs: unknown[], scope: ReadonlyMap<string, string>, out: string[]): string => {
    if (name === 'orValue' && callArgs.length === 1) {
      if (!isNode(receiver) || receiver.op !== '.?') throw new Unsupported();
      const optional = compile(receiver, scope, out, true);
      // orValue is a macro in cel-js: the fallback is evaluated only when the optional is empty.
      const fallbackOut: string[] = [];
      const fallback = compile(callArgs[0], scope, fallbackOut);
      const value = local();
      out.push(`${value} = ${optional};`, `if (${value} === NONE) {`, ...fallbackOut, `${value} = ${fallback};`, '}');
      return value;
    }
    if (name === 'hasValue' && callArgs.length === 0) {
      if (!isNode(receiver) || receiver.op !== '.?') throw new Unsupported();
      const optional = compile(receiver, scope, out, true);
      const value = local(true);
      out.push(`${value} = ${optional} !== NONE;`);
      return value;
    }
    if (name === 'size' && callArgs.length === 0) return emitCall('size', [compile(receiver, scope, out)], out);
    if (typeof name === 'string' && hasOwn.call(STRING_GETTERS, name) && callArgs.length === 0) {
      const text = compile(receiver, scope, out);
      out.push(checkString(text));
      return emitCall(STRING_GETTERS[name], [text], out);
    }
    // Arguments are evaluated before the receiver, as cel-js does, so lazy variables are read in its order.
    if (name === 'join' && callArgs.length <= 1) {
      const separator = callArgs.length === 1 ? compile(callArgs[0], scope, out) : literal('');
      return emitCall('join', [compile(receiver, scope, out), separator], out);
    }
    if (name === 'split' && callArgs.length === 1) {
      const separator = compile(callArgs[0], scope, out);
      out.push(checkString(separator));
      const text = compile(receiver, scope, out);
      out.push(checkString(text));
      const value = local();
      out.push(`${value} = ${text}.split(${separator});`);
      return value;
    }
    if (name === 'replace' && callArgs.length === 2) {
      const to = compile(callArgs[1], scope, out);
      out.push(checkString(to));
      const from = compile(callArgs[0], scope, out);
      out.push(checkString(from));
      const text = compile(receiver, scope, out);
      out.push(checkString(text));
      return emitCall('replace', [text, from, to, literal(-1n)], out);
    }
    if (typeof name === 'string' && hasOwn.call(STRING_METHODS, name) && callArgs.length === 1) {
      const argument = compile(callArgs[0], scope, out);
      const text = compile(receiver, scope, out);
      out.push(checkString(text), checkString(argument));
      return emitCall(STRING_METHODS[name], [text, argument], out, true);
    }
    const macro = name === 'all' || name === 'exists' || name === 'exists_one' || name === 'map' || name === 'filter';
    if (!macro || callArgs.length < 2 || callArgs.length > (name === 'map' ? 3 : 2)) throw new Unsupported();
    const variable = callArgs[0];
    if (!isNode(variable) || variable.op !== 'id' || typeof variable.args !== 'string') throw new Unsupported();
    const items = compile(receiver, scope, out);
    const item = local();
    const inner = new Map(scope).set(variable.args, item);
    const bodyOut: string[] = [];
    const body = compile(callArgs[1], inner, bodyOut);
    // Every macro but the two-argument map takes the body as a predicate.
    if (name !== 'map' || callArgs.length === 3) requireBool(body, bodyOut);
    const value = local(name === 'all' || name === 'exists' || name === 'exists_one');
    const i = local();
    const loop = (start: string, stepEnd: string[], end: string[] = []) => {
      // Each step is charged as cel-js' iteration context charges it (cost.ts), so the bound holds here too.
      out.push(`if (!Array.isArray(${items})) throw BAIL;`, start, `for (${i} = 0; ${i} < ${items}.length; ${i}++) {`, 'charge(1);', `${item} = ${items}[${i}];`, ...bodyOut, ...stepEnd, '}', ...end);
      return value;
    };
    switch (name) {
      case 'all':
        return loop(`${value} = true;`, [`if (${body} === false) { ${value} = false; break; }`]);
      case 'exists':
        return loop(`${value} = false;`, [`if (${body} === true) { ${value} = true; break; }`]);
      case 'exists_one':
        return loop(`${value} = 0;`, [`if (${body} === true) ${value}++;`], [`${value} = ${value} === 1;`]);
      case 'filter':
        return loop(`${value} = [];`, [`if (${body} === true) ${value}.push(${item});`]);
      default: {
        if (callArgs.length === 2) return loop(`${value} = [];`, [`${value}.push(${body});`]);
        const transformOut: string[] = [];
        const transform = compile(callArgs[2], inner, transformOut);
        return loop(`${value} = [];`, [`if (${body} === true) {`, ...transformOut, `${value}.push(${transform});`, '}']);
      }
    }
  };

  const body: string[] = [];
  const result = compile(ast, new Map(), body);
  const declared = ['c', ...Array.from({ length: locals }, (_, n) => `v${n}`)];
  return [
    "'use strict';",
    `const { ${HELPER_NAMES} } = helpers;`,
    'return function fastPath(activation) {',
    `let ${declared.join(', ')};`,
    'try {',
    ...body,
    `return ${result};`,
    '} catch {',
    'return GIVE_UP;',
    '}',
    '};',
  ].join('\n');
}

/** Compiles a parsed cel-js AST; undefined when it uses anything the fast path does not handle. */
export function compileFast(ast: unknown): ((activation: Record<string, unknown>) => unknown) | undefined {
  let source: string;
  try {
    source = generate(ast);
  } catch (error) {
    // A RangeError is the stack running out on a very deep expression: cel-js evaluates it, if it can.
    if (error instanceof Unsupported || error instanceof RangeError) return undefined;
    throw error;
  }
  if (source.length > MAX_SOURCE_LENGTH) return undefined;
  try {
    return new Function('helpers', source)(HELPERS);
  } catch (error) {
    // Code generation from strings is disabled (--disallow-code-generation-from-strings): cel-js evaluates.
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}
