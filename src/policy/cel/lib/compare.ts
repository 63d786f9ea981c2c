/**
 * CEL equality and ordering over runtime values, for the list and set libraries: numbers compare across
 * int, uint and double as in cel-go's heterogeneous equality; lists and maps compare deeply.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { celTypeOf } from '../values.js';

function numeric(value: unknown): number | bigint | undefined {
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && value.constructor?.name === 'UnsignedInt') return (value as { value: bigint }).value;
  return undefined;
}

export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) {
    // Loose equality compares a bigint and a number by value, exactly.
    return na == nb;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => celEquals(item, b[i]));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const ea = entriesOf(a);
  const eb = entriesOf(b);
  if (!ea || !eb || ea.size !== eb.size) return false;
  for (const [key, value] of ea) {
    if (!eb.has(key) || !celEquals(value, eb.get(key))) return false;
  }
  return true;
}

function entriesOf(value: object): Map<unknown, unknown> | undefined {
  if (value instanceof Map) return value;
  if (value.constructor === Object || value.constructor === undefined) return new Map(Object.entries(value));
  return undefined;
}

/** -1, 0, 1; throws a CEL error for values without an order (lists, maps, mixed types). */
export function celCompare(a: unknown, b: unknown): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && a.constructor === b.constructor && typeof (a as { valueOf(): unknown }).valueOf() === 'number') {
    return Math.sign(Number((a as { valueOf(): unknown }).valueOf()) - Number((b as { valueOf(): unknown }).valueOf()));
  }
  throw new EvaluationError(`no such overload: ${celTypeOf(a)} < ${celTypeOf(b)}`);
}
