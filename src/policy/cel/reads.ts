/**
 * Which fields of the reviewed object an expression can read, found on its AST at compile time, so a review
 * converts (JSON integers -> int64) only those fields instead of the whole object. A field path followed by
 * anything but a literal field selection (a macro, a function, `==`, a computed index) needs its whole subtree;
 * anything the analysis cannot follow needs the whole object. Over-reading is always safe, under-reading never
 * happens: the partial value is only ever reached through the recorded selections.
 */
import { toCel } from './values.js';

/** `true`: the whole subtree is read; a Map: only these fields are selected, each read as its entry says. */
export type FieldReads = true | ReadonlyMap<string, FieldReads>;

/** Nothing is read. */
export const NO_READS: FieldReads = new Map();

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

type MutableReads = true | Map<string, MutableReads>;

/** Marks `keys` (and everything below the last one) as read. */
function markRead(root: Map<string, MutableReads>, keys: readonly string[]): MutableReads {
  if (keys.length === 0) return true;
  let node = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = node.get(keys[i]);
    if (next === true) return root;
    if (next === undefined) {
      const created = new Map<string, MutableReads>();
      node.set(keys[i], created);
      node = created;
    } else node = next;
  }
  node.set(keys[keys.length - 1], true);
  return root;
}

/** The object's fields a path from a root variable reaches; `undefined` when the path cannot lead to the object. */
function objectKeysOf(root: string, keys: readonly string[]): readonly string[] | undefined {
  switch (root) {
    case 'object':
    case 'oldObject':
      return keys;
    // Gatekeeper binds the object inside request and as variables.anyObject; the whole `request` or
    // `variables` value contains it too.
    case 'request':
      if (keys.length === 0) return [];
      return keys[0] === 'object' || keys[0] === 'oldObject' ? keys.slice(1) : undefined;
    case 'variables':
      if (keys.length === 0) return [];
      return keys[0] === 'anyObject' ? keys.slice(1) : undefined;
    default:
      return undefined;
  }
}

/**
 * The fields of the reviewed object (reached through object, oldObject, request.object/oldObject or
 * variables.anyObject) that an expression reads, from its parsed (not yet type-checked) cel-js AST.
 */
export function objectReadsOf(ast: unknown): FieldReads {
  let object: MutableReads = new Map();
  const record = (root: string, keys: readonly string[]) => {
    if (object === true) return;
    const objectKeys = objectKeysOf(root, keys);
    if (objectKeys !== undefined) object = markRead(object, objectKeys);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isNode(node) || node.op === 'value') return;
    if (node.op === 'id') {
      if (typeof node.args === 'string') record(node.args, []);
      return;
    }
    // A chain of literal selections: object.spec.?volumes['x'] -> [spec, volumes, x] from the id `object`.
    const keys: string[] = [];
    let base: unknown = node;
    for (;;) {
      if (!isNode(base) || !Array.isArray(base.args)) break;
      const [left, right] = base.args as [unknown, unknown];
      if ((base.op === '.' || base.op === '.?') && typeof right === 'string') keys.push(right);
      else if ((base.op === '[]' || base.op === '[?]') && literalKey(right) !== undefined) keys.push(literalKey(right)!);
      else break;
      base = left;
    }
    if (keys.length > 0) {
      if (isNode(base) && base.op === 'id' && typeof base.args === 'string') record(base.args, keys.reverse());
      else visit(base);
      return;
    }
    visit(node.args);
  };
  visit(ast);
  return object;
}

/** The union of two read sets. */
export function mergeReads(a: FieldReads, b: FieldReads): FieldReads {
  if (a === true || b === true) return true;
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const merged = new Map<string, FieldReads>(a);
  for (const [key, below] of b) {
    const existing = merged.get(key);
    merged.set(key, existing === undefined ? below : mergeReads(existing, below));
  }
  return merged;
}

const hasOwn = Object.prototype.hasOwnProperty;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The CEL value of `value` as far as `reads` reaches: the fields read are converted as toCel does, the others
 * left out. Only valid for expressions whose reads are included in `reads`.
 */
export function toCelReading(value: unknown, reads: FieldReads): unknown {
  if (reads === true || !isPlainObject(value)) return toCel(value);
  const out: Record<string, unknown> = {};
  for (const [key, below] of reads) {
    if (!hasOwn.call(value, key)) continue;
    const item = value[key];
    if (item === undefined) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value: toCelReading(item, below), enumerable: true, writable: true, configurable: true });
    else out[key] = toCelReading(item, below);
  }
  return out;
}
