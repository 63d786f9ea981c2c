/**
 * JSON <-> CEL values. Kubernetes types integer fields as int64 through the OpenAPI schema; without a schema we
 * take every integral JSON number as an int (bigint), which is what the built-in types declare, so
 * `object.spec.replicas + 1` works as in the cluster. Results go back to plain JSON for messages and reports.
 */
import { Optional } from '@marcbachmann/cel-js';

/*
 * Bigints are immutable values, so the small ones manifests are full of (ports, replicas, seconds, uids) are
 * made once and shared: a review then allocates nothing for them.
 */
const SHARED_INT_LIMIT = 65536;
const sharedInts: bigint[] = [];

function intOf(value: number): bigint {
  if (value >= 0 && value < SHARED_INT_LIMIT) return (sharedInts[value] ??= BigInt(value));
  return BigInt(value);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** An object that is a plain map (as JSON.parse and YAML loaders make them), not an array, a Date or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A JSON value with integral numbers as bigint. Copy on write: a plain object or array with nothing to convert
 * inside (labels, names, images, env) is returned itself, and only the objects and arrays on the way to an
 * integer are copied, so a review allocates for its numbers, not for its strings. Nothing evaluates CEL by
 * changing its input, so sharing is safe. Other objects (a class instance, a Date) are converted as before.
 */
export function toCel(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? intOf(value) : value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        let list: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          const converted = toCel(item);
          if (list === undefined && converted !== item) list = value.slice(0, i);
          if (list !== undefined) list[i] = converted;
        }
        return list ?? value;
      }
      if (value instanceof Date) return value.toISOString();
      const copyOnWrite = isPlainObject(value);
      let map: Record<string, unknown> | undefined = copyOnWrite ? undefined : {};
      // for-in over the own keys: Object.keys would allocate an array per object (every review converts dozens).
      for (const key in value) {
        if (!hasOwn.call(value, key)) continue;
        const item = (value as Record<string, unknown>)[key];
        const converted = item === undefined ? undefined : toCel(item);
        if (map === undefined) {
          if (converted === item && item !== undefined) continue;
          map = copyUntil(value as Record<string, unknown>, key);
        }
        if (item === undefined) continue;
        setOwn(map, key, converted);
      }
      return map ?? value;
    }
    default:
      return value;
  }
}

/** A copy of `value`'s own entries before `stop` (all unchanged by toCel, so taken as they are). */
function copyUntil(value: Record<string, unknown>, stop: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    if (key === stop) break;
    if (value[key] !== undefined) setOwn(copy, key, value[key]);
  }
  return copy;
}

/** Sets an own entry of a CEL map, `__proto__` included. */
export function setOwn(map: Record<string, unknown>, key: string, item: unknown): void {
  // JSON.parse makes "__proto__" an ordinary key; assigning it would replace the map's prototype instead.
  if (key === '__proto__') Object.defineProperty(map, key, { value: item, enumerable: true, writable: true, configurable: true });
  else map[key] = item;
}

/** A CEL result as plain JSON: ints become numbers (or strings past 2^53), optionals unwrap, maps become objects. */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Optional) return value.hasValue() ? fromCel(value.value()) : null;
  if (Array.isArray(value) || value instanceof Set) return [...value].map(fromCel);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]));
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (value.constructor === Object || value.constructor === undefined) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]));
  }
  return String(value);
}

/** The CEL type name of a runtime value, for error messages. */
export function celTypeOf(value: unknown): string {
  if (value === null) return 'null_type';
  switch (typeof value) {
    case 'bigint': return 'int';
    case 'number': return 'double';
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'object':
      if (Array.isArray(value)) return 'list';
      if (value instanceof Optional) return 'optional_type';
      if (value instanceof Uint8Array) return 'bytes';
      if (value.constructor === Object || value.constructor === Map || value.constructor === undefined) return 'map';
      return value.constructor.name;
    default:
      return typeof value;
  }
}
