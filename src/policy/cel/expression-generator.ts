/**
 * Test support: random (seeded, so reproducible) CEL expressions over the constructs policies use, with
 * random JSON objects to evaluate them on. The fast path and the partial object conversion are checked
 * against cel-js and the full conversion on them (fast.test.ts, reads.test.ts).
 */
import { Optional } from '@marcbachmann/cel-js';

export interface GeneratedCase {
  source: string;
  /** JSON objects to bind as `object` (integers as numbers, as JSON.parse gives them). */
  objects: unknown[];
  /** A JSON value to bind as `variables.v`. */
  variable: unknown;
}

const LITERALS = ['1', '2', '-1', '0', "'a'", "'b.c'", "'😀'", "''", 'true', 'false', 'null', '1.5', '[]', "['a', 'b']", '[1, 2]', "{'a': 1}"];
const FIELDS = ['a', 'b', 's', 'n', 'list', 'm', 'missing', 'nested'];

export function generatedCases(seed: number, count: number, objectsPerCase = 4): GeneratedCase[] {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const path = (): string => pick([`object.${pick(FIELDS)}`, `object.nested.${pick(FIELDS)}`, `object['${pick(FIELDS)}']`, 'object.list[0]', 'object.list[1]', `variables.${pick(['v', 'w'])}`]);

  const value = (depth: number, scope: string[]): string => {
    const leaf = () => (scope.length > 0 && next() < 0.4 ? pick(scope) : next() < 0.5 ? path() : pick(LITERALS));
    if (depth <= 0) return leaf();
    const d = depth - 1;
    const variable = `x${scope.length}`;
    return pick([
      leaf, leaf, leaf,
      () => `${path()}.?${pick(FIELDS)}.orValue(${value(d, scope)})`,
      () => `${value(d, scope)} + ${value(d, scope)}`,
      () => `${value(d, scope)} - ${value(d, scope)}`,
      () => `-${value(d, scope)}`,
      () => `string(${value(d, scope)})`,
      () => `size(${value(d, scope)})`,
      () => `[${value(d, scope)}, ${value(d, scope)}]`,
      () => `{'k': ${value(d, scope)}, '${pick(FIELDS)}': ${value(d, scope)}}`,
      () => `${value(d, scope)}.map(${variable}, ${value(d, [...scope, variable])})`,
      () => `${value(d, scope)}.filter(${variable}, ${boolean(d, [...scope, variable])})`,
      () => `${value(d, scope)}.join(${pick(["','", ''])})`,
      () => `${value(d, scope)}.split('.')`,
      () => `${value(d, scope)}.${pick(['lowerAscii', 'upperAscii', 'trim'])}()`,
      () => `${value(d, scope)}.replace('a', 'z')`,
      () => `${boolean(d, scope)} ? ${value(d, scope)} : ${value(d, scope)}`,
      () => `dyn(${value(d, scope)})`,
    ])();
  };

  const boolean = (depth: number, scope: string[]): string => {
    const d = Math.max(0, depth - 1);
    const variable = `x${scope.length}`;
    return pick([
      () => `${value(d, scope)} ${pick(['==', '!=', '<', '<=', '>', '>='])} ${value(d, scope)}`,
      () => `!${boolean(d, scope)}`,
      () => `${boolean(d, scope)} ${pick(['&&', '||'])} ${boolean(d, scope)}`,
      () => `has(${pick(['object', 'object.nested', 'variables'])}.${pick([...FIELDS, 'v'])})`,
      () => `${value(d, scope)} in ${value(d, scope)}`,
      () => `${value(d, scope)}.${pick(['all', 'exists', 'exists_one'])}(${variable}, ${boolean(d, [...scope, variable])})`,
      () => `${value(d, scope)}.${pick(['startsWith', 'endsWith', 'contains', 'matches'])}(${pick(["'a'", "'^b'", "''", value(d, scope)])})`,
      () => `${path()}.?${pick(FIELDS)}.hasValue()`,
      () => pick(['true', 'false', path()]),
    ])();
  };

  const leafValue = (): unknown => pick<() => unknown>([
    () => Math.floor(next() * 5) - 1,
    () => pick(['a', 'b.c', 'A b', '😀é', '']),
    () => next() < 0.5,
    () => null,
    () => 1.5,
    () => ['a', 'b'],
    () => [1, 2],
    () => [],
    () => ['a', 1],
    () => ({ a: 'x', b: 1 }),
    () => ({}),
  ])();

  const objectValue = (): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    for (const field of FIELDS) {
      if (field === 'missing' || next() >= 0.8) continue;
      object[field] = field === 'nested' ? Object.fromEntries(FIELDS.filter(() => next() < 0.6).map((f) => [f, leafValue()])) : leafValue();
    }
    return object;
  };

  const cases: GeneratedCase[] = [];
  for (let i = 0; i < count; i++) {
    const source = next() < 0.7 ? boolean(3, []) : value(3, []);
    cases.push({ source, objects: Array.from({ length: objectsPerCase }, objectValue), variable: leafValue() });
  }
  return cases;
}

export type Outcome = { value: unknown } | { error: string };

export function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Strict equality of CEL values: same JS types all the way down (1n is not 1), optionals by content. */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object') return a === b;
  if (a instanceof Optional || b instanceof Optional) {
    return a instanceof Optional && b instanceof Optional && a.hasValue() === b.hasValue() && (!a.hasValue() || same(a.value(), b.value()));
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (a instanceof Map) return b instanceof Map && a.size === b.size && [...a].every(([k, v]) => b.has(k) && same(v, b.get(k)));
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b as object).length && keys.every((k) => same((a as any)[k], (b as any)[k]));
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b && a.error === b.error;
  return same(a.value, b.value);
}
