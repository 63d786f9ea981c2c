/**
 * A fast path for the common shapes of policy expressions, compiled once to JavaScript closures: field
 * selection, `has`, optional selection with `orValue`/`hasValue`, `all`/`exists`/`exists_one`/`map`/`filter`
 * over lists, `!`, `&&`, `||`, `?:`, `==`/`!=`/`<`… on strings, bools and ints, `in`, `size`, string
 * functions, `join`, `string()`, `+`/`-` on ints, `+` on strings and lists, list and map literals. It only
 * follows the plain path: any value or case it does not handle exactly as cel-js does (a missing field, a
 * mixed-type comparison, an error of any kind, the cost bound running out) makes it give up, and the
 * expression is evaluated by cel-js from the start. Results and error messages are therefore cel-js';
 * fast.test.ts compares the two on the policy corpus, the CEL conformance data and generated expressions.
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

type Slots = unknown[];
type Node = (activation: Record<string, unknown>, slots: Slots) => unknown;

class Unsupported extends Error {}

interface AstNode {
  op: string;
  args: any;
}

const hasOwn = Object.prototype.hasOwnProperty;
const ADMISSION_NAMES = new Set<string>(ADMISSION_VARIABLES);
const MAX_INT = 9223372036854775807n;
const MIN_INT = -9223372036854775808n;

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

function bool(value: unknown): boolean {
  if (value === true || value === false) return value;
  throw BAIL;
}

function string(value: unknown): string {
  if (typeof value === 'string') return value;
  throw BAIL;
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
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

const STRING_GETTERS: Record<string, (text: string) => string> = {
  lowerAscii: (text) => text.toLowerCase(),
  upperAscii: (text) => text.toUpperCase(),
  trim: (text) => text.trim(),
};

/** cel-js skips these keys when it builds a map from a literal. */
const SKIPPED_MAP_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const STRING_METHODS: Record<string, (text: string, argument: string) => boolean> = {
  contains: (text, argument) => text.includes(argument),
  startsWith: (text, argument) => text.startsWith(argument),
  endsWith: (text, argument) => text.endsWith(argument),
  [RE2_MATCHES]: re2Matches,
};

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as AstNode).op === 'string';
}

/** Compiles a parsed cel-js AST; undefined when it uses anything the fast path does not handle. */
export function compileFast(ast: unknown): ((activation: Record<string, unknown>) => unknown) | undefined {
  let slotCount = 0;
  /** `optional`: the node may evaluate to NONE (only `.?` chains, consumed by orValue, hasValue and `.?`). */
  const compile = (node: unknown, scope: ReadonlyMap<string, number>, optional = false): Node => {
    if (!isNode(node)) throw new Unsupported();
    const { op, args } = node;
    switch (op) {
      case 'value': {
        const value = args;
        if (typeof value !== 'string' && typeof value !== 'boolean' && typeof value !== 'bigint' && value !== null) throw new Unsupported();
        return () => value;
      }
      case 'id': {
        const slot = scope.get(args);
        if (slot !== undefined) return (_, slots) => slots[slot];
        if (!ADMISSION_NAMES.has(args)) throw new Unsupported();
        const name = args as string;
        return (activation) => {
          const value = activation[name];
          if (value === undefined) throw BAIL;
          return value;
        };
      }
      case '.': {
        const [left, key] = args as [unknown, string];
        const base = compile(left, scope);
        return (activation, slots) => select(base(activation, slots), key);
      }
      case '.?': {
        if (!optional) throw new Unsupported();
        const [left, key] = args as [unknown, string];
        const base = compile(left, scope, true);
        return (activation, slots) => optionalSelect(base(activation, slots), key);
      }
      case '[]': {
        const base = compile(args[0], scope);
        const index = compile(args[1], scope);
        return (activation, slots) => {
          const value = base(activation, slots);
          const at = index(activation, slots);
          if (typeof at === 'string') return select(value, at);
          if (typeof at === 'bigint' && Array.isArray(value) && at >= 0n && at < BigInt(value.length)) return value[Number(at)];
          throw BAIL;
        };
      }
      case '!_': {
        const operand = compile(args, scope);
        return (activation, slots) => !bool(operand(activation, slots));
      }
      case '-_': {
        // cel-js negates an int without an overflow check; so does this.
        const operand = compile(args, scope);
        return (activation, slots) => {
          const value = operand(activation, slots);
          if (typeof value !== 'bigint') throw BAIL;
          return -value;
        };
      }
      case '-': {
        const left = compile(args[0], scope);
        const right = compile(args[1], scope);
        return (activation, slots) => subtract(left(activation, slots), right(activation, slots));
      }
      case '&&': {
        const left = compile(args[0], scope);
        const right = compile(args[1], scope);
        return (activation, slots) => bool(left(activation, slots)) && bool(right(activation, slots));
      }
      case '||': {
        const left = compile(args[0], scope);
        const right = compile(args[1], scope);
        return (activation, slots) => bool(left(activation, slots)) || bool(right(activation, slots));
      }
      case '?:': {
        const condition = compile(args[0], scope);
        const then = compile(args[1], scope);
        const otherwise = compile(args[2], scope);
        return (activation, slots) => (bool(condition(activation, slots)) ? then(activation, slots) : otherwise(activation, slots));
      }
      case '==':
      case '!=': {
        const left = compile(args[0], scope);
        const right = compile(args[1], scope);
        return op === '==' ? (activation, slots) => sameTypeEquals(left(activation, slots), right(activation, slots)) : (activation, slots) => !sameTypeEquals(left(activation, slots), right(activation, slots));
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const left = compile(args[0], scope);
        const right = compile(args[1], scope);
        const test = { '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0 }[op];
        return (activation, slots) => test(compare(left(activation, slots), right(activation, slots)));
      }
      case 'in': {
        const left = compile(args[0], scope);
        const right = compile(args[1], scope);
        return (activation, slots) => contains(left(activation, slots), right(activation, slots));
      }
      case '+': {
        const left = compile(args[0], scope);
        const right = compile(args[1], scope);
        return (activation, slots) => add(left(activation, slots), right(activation, slots));
      }
      case 'list': {
        // cel-js evaluates list items and call arguments last to first; lazy variables are then read in its order.
        const items = (args as unknown[]).map((item) => compile(item, scope));
        return (activation, slots) => {
          const values = new Array(items.length);
          for (let i = items.length - 1; i >= 0; i--) values[i] = items[i](activation, slots);
          return values;
        };
      }
      case 'map': {
        const entries = (args as Array<[unknown, unknown]>).map(([key, value]) => {
          if (!isNode(key) || key.op !== 'value' || typeof key.args !== 'string') throw new Unsupported();
          return { key: key.args as string, value: compile(value, scope) };
        });
        return (activation, slots) => {
          const map: Record<string, unknown> = {};
          for (const entry of entries) {
            const value = entry.value(activation, slots);
            if (!SKIPPED_MAP_KEYS.has(entry.key)) map[entry.key] = value;
          }
          return map;
        };
      }
      case 'call':
        return compileCall(args[0], args[1], scope);
      case 'rcall':
        return compileMethod(args[0], args[1], args[2], scope);
      default:
        throw new Unsupported();
    }
  };

  const compileCall = (name: unknown, callArgs: unknown[], scope: ReadonlyMap<string, number>): Node => {
    if (name === 'size' && callArgs.length === 1) {
      const operand = compile(callArgs[0], scope);
      return (activation, slots) => size(operand(activation, slots));
    }
    if (name === 'string' && callArgs.length === 1) {
      const operand = compile(callArgs[0], scope);
      return (activation, slots) => toCelString(operand(activation, slots));
    }
    if (name === 'dyn' && callArgs.length === 1) return compile(callArgs[0], scope);
    if (name === 'has' && callArgs.length === 1 && isNode(callArgs[0]) && callArgs[0].op === '.') {
      // cel-js requires a chain of selections from an identifier; every step but the last must exist.
      let root: unknown = callArgs[0].args[0];
      while (isNode(root) && (root.op === '.' || root.op === '.?')) {
        if (root.op === '.?') throw new Unsupported();
        root = root.args[0];
      }
      if (!isNode(root) || root.op !== 'id') throw new Unsupported();
      const base = compile(callArgs[0].args[0], scope);
      const key = callArgs[0].args[1] as string;
      return (activation, slots) => hasField(base(activation, slots), key);
    }
    throw new Unsupported();
  };

  const compileMethod = (name: unknown, receiver: unknown, callArgs: unknown[], scope: ReadonlyMap<string, number>): Node => {
    if (name === 'orValue' && callArgs.length === 1) {
      if (!isNode(receiver) || receiver.op !== '.?') throw new Unsupported();
      const optional = compile(receiver, scope, true);
      // orValue is a macro in cel-js: the fallback is evaluated only when the optional is empty.
      const fallback = compile(callArgs[0], scope);
      return (activation, slots) => {
        const value = optional(activation, slots);
        return value === NONE ? fallback(activation, slots) : value;
      };
    }
    if (name === 'hasValue' && callArgs.length === 0) {
      if (!isNode(receiver) || receiver.op !== '.?') throw new Unsupported();
      const optional = compile(receiver, scope, true);
      return (activation, slots) => optional(activation, slots) !== NONE;
    }
    if (name === 'size' && callArgs.length === 0) {
      const operand = compile(receiver, scope);
      return (activation, slots) => size(operand(activation, slots));
    }
    if (typeof name === 'string' && hasOwn.call(STRING_GETTERS, name) && callArgs.length === 0) {
      const getter = STRING_GETTERS[name];
      const text = compile(receiver, scope);
      return (activation, slots) => getter(string(text(activation, slots)));
    }
    if (name === 'join' && callArgs.length <= 1) {
      const values = compile(receiver, scope);
      const separator = callArgs.length === 1 ? compile(callArgs[0], scope) : () => '';
      return (activation, slots) => {
        const value = separator(activation, slots);
        return join(values(activation, slots), value);
      };
    }
    if (name === 'split' && callArgs.length === 1) {
      const text = compile(receiver, scope);
      const separator = compile(callArgs[0], scope);
      return (activation, slots) => {
        const value = string(separator(activation, slots));
        return string(text(activation, slots)).split(value);
      };
    }
    if (name === 'replace' && callArgs.length === 2) {
      const text = compile(receiver, scope);
      const from = compile(callArgs[0], scope);
      const to = compile(callArgs[1], scope);
      return (activation, slots) => {
        const replacement = string(to(activation, slots));
        const pattern = string(from(activation, slots));
        return replace(string(text(activation, slots)), pattern, replacement, -1n);
      };
    }
    if (typeof name === 'string' && hasOwn.call(STRING_METHODS, name) && callArgs.length === 1) {
      const method = STRING_METHODS[name];
      const text = compile(receiver, scope);
      const argument = compile(callArgs[0], scope);
      return (activation, slots) => {
        const value = argument(activation, slots);
        return method(string(text(activation, slots)), string(value));
      };
    }
    const macro = name === 'all' || name === 'exists' || name === 'exists_one' || name === 'map' || name === 'filter';
    if (!macro || callArgs.length < 2 || callArgs.length > (name === 'map' ? 3 : 2)) throw new Unsupported();
    const variable = callArgs[0];
    if (!isNode(variable) || variable.op !== 'id' || typeof variable.args !== 'string') throw new Unsupported();
    const items = compile(receiver, scope);
    const slot = slotCount++;
    const inner = new Map(scope).set(variable.args, slot);
    const body = compile(callArgs[1], inner);
    // Each step is charged as cel-js' iteration context charges it (cost.ts), so the bound holds here too.
    switch (name) {
      case 'all':
        return (activation, slots) => {
          const values = list(items(activation, slots));
          for (let i = 0; i < values.length; i++) {
            charge(1);
            slots[slot] = values[i];
            if (!bool(body(activation, slots))) return false;
          }
          return true;
        };
      case 'exists':
        return (activation, slots) => {
          const values = list(items(activation, slots));
          for (let i = 0; i < values.length; i++) {
            charge(1);
            slots[slot] = values[i];
            if (bool(body(activation, slots))) return true;
          }
          return false;
        };
      case 'exists_one':
        return (activation, slots) => {
          const values = list(items(activation, slots));
          let count = 0;
          for (let i = 0; i < values.length; i++) {
            charge(1);
            slots[slot] = values[i];
            if (bool(body(activation, slots))) count++;
          }
          return count === 1;
        };
      case 'filter':
        return (activation, slots) => {
          const values = list(items(activation, slots));
          const out: unknown[] = [];
          for (let i = 0; i < values.length; i++) {
            charge(1);
            slots[slot] = values[i];
            if (bool(body(activation, slots))) out.push(values[i]);
          }
          return out;
        };
      default: {
        const transform = callArgs.length === 3 ? compile(callArgs[2], inner) : undefined;
        return (activation, slots) => {
          const values = list(items(activation, slots));
          const out: unknown[] = [];
          for (let i = 0; i < values.length; i++) {
            charge(1);
            slots[slot] = values[i];
            if (transform === undefined) out.push(body(activation, slots));
            else if (bool(body(activation, slots))) out.push(transform(activation, slots));
          }
          return out;
        };
      }
    }
  };

  let root: Node;
  try {
    root = compile(ast, new Map());
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const slots = slotCount;
  return (activation) => {
    try {
      return root(activation, slots === 0 ? EMPTY_SLOTS : new Array(slots));
    } catch {
      return GIVE_UP;
    }
  };
}

const EMPTY_SLOTS: Slots = Object.freeze([]) as unknown as Slots;
