/**
 * The Kubernetes lists library (isSorted, sum, min, max, indexOf, lastIndexOf; `includes` from 1.37) and
 * cel-go ext.Lists version 3 (slice, flatten, distinct, reverse, sort, lists.range) from Kubernetes 1.34.
 * `sortBy` is a macro cel-js gives us no way to declare, so it is not available.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';
import { charge } from '../cost.js';
import { celCompare, celEquals } from './compare.js';

class ListsNamespace {}

function sum(list: unknown[]): unknown {
  charge(list.length);
  if (list.length === 0) return 0n;
  let total = list[0] as any;
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as any;
    if (typeof total !== typeof item) throw new EvaluationError('no such overload: sum() over mixed types');
    total = typeof total === 'object' && typeof total.addDuration === 'function' ? total.addDuration(item) : total + item;
  }
  if (typeof total === 'bigint' && (total > 9223372036854775807n || total < -9223372036854775808n)) throw new EvaluationError('integer overflow');
  return total;
}

function extreme(list: unknown[], sign: number, name: string): unknown {
  charge(list.length);
  if (list.length === 0) throw new EvaluationError(`${name}(list) cannot be called on an empty list`);
  let best = list[0];
  for (let i = 1; i < list.length; i++) if (celCompare(list[i], best) * sign > 0) best = list[i];
  return best;
}

function flatten(list: unknown[], depth: bigint): unknown[] {
  if (depth < 0n) throw new EvaluationError('level must be non-negative');
  charge(list.length);
  const out: unknown[] = [];
  for (const item of list) {
    if (Array.isArray(item) && depth > 0n) out.push(...flatten(item, depth - 1n));
    else out.push(item);
  }
  return out;
}

export function registerLists(env: Environment, minor: number): void {
  env.registerFunction('list.isSorted(): bool', (list: unknown[]) => {
    charge(list.length);
    for (let i = 1; i < list.length; i++) if (celCompare(list[i - 1], list[i]) > 0) return false;
    return true;
  });
  env.registerFunction('list.sum(): dyn', sum);
  env.registerFunction('list.min(): dyn', (list: unknown[]) => extreme(list, -1, 'min'));
  env.registerFunction('list.max(): dyn', (list: unknown[]) => extreme(list, 1, 'max'));
  env.registerFunction('list.indexOf(dyn): int', (list: unknown[], value: unknown) => {
    charge(list.length);
    return BigInt(list.findIndex((item) => celEquals(item, value)));
  });
  env.registerFunction('list.lastIndexOf(dyn): int', (list: unknown[], value: unknown) => {
    charge(list.length);
    for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], value)) return BigInt(i);
    return -1n;
  });
  if (minor >= 37) {
    env.registerFunction('list.includes(dyn): bool', (list: unknown[], value: unknown) => {
      charge(list.length);
      return list.some((item) => celEquals(item, value));
    });
  }
  if (minor >= 34) {
    env.registerFunction('list.slice(int, int): list', (list: unknown[], start: bigint, end: bigint) => {
      if (start < 0n || end < 0n) throw new EvaluationError(`cannot slice(${start}, ${end}), negative indexes not supported`);
      if (start > end) throw new EvaluationError(`cannot slice(${start}, ${end}), start index must be less than or equal to end index`);
      if (end > BigInt(list.length)) throw new EvaluationError(`cannot slice(${start}, ${end}), list is length ${list.length}`);
      charge(Number(end - start));
      return list.slice(Number(start), Number(end));
    });
    env.registerFunction('list.flatten(): list', (list: unknown[]) => flatten(list, 1n));
    env.registerFunction('list.flatten(int): list', flatten);
    env.registerFunction('list.distinct(): list', (list: unknown[]) => {
      charge(list.length * list.length);
      const out: unknown[] = [];
      for (const item of list) if (!out.some((seen) => celEquals(seen, item))) out.push(item);
      return out;
    });
    env.registerFunction('list.reverse(): list', (list: unknown[]) => {
      charge(list.length);
      return [...list].reverse();
    });
    env.registerFunction('list.sort(): list', (list: unknown[]) => {
      charge(list.length * Math.max(1, Math.ceil(Math.log2(list.length + 1))));
      return [...list].sort(celCompare);
    });
    env.registerType('kubeward.ListsNamespace', ListsNamespace);
    env.registerConstant('lists', 'kubeward.ListsNamespace', new ListsNamespace());
    env.registerFunction('kubeward.ListsNamespace.range(int): list<int>', (_: unknown, count: bigint) => {
      charge(Number(count));
      const out: bigint[] = [];
      for (let i = 0n; i < count; i++) out.push(i);
      return out;
    });
  }
}
