/** cel-go ext.Sets, in Kubernetes from 1.29: sets.contains, sets.equivalent, sets.intersects. */
import type { Environment } from '@marcbachmann/cel-js';
import { charge } from '../cost.js';
import { celEquals } from './compare.js';

class SetsNamespace {}

function contains(list: unknown[], subset: unknown[]): boolean {
  charge(list.length * subset.length);
  return subset.every((wanted) => list.some((item) => celEquals(item, wanted)));
}

export function registerSets(env: Environment): void {
  env.registerType('kubeward.SetsNamespace', SetsNamespace);
  env.registerConstant('sets', 'kubeward.SetsNamespace', new SetsNamespace());
  env.registerFunction('kubeward.SetsNamespace.contains(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => contains(a, b));
  env.registerFunction('kubeward.SetsNamespace.equivalent(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => contains(a, b) && contains(b, a));
  env.registerFunction('kubeward.SetsNamespace.intersects(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => {
    charge(a.length * b.length);
    return a.some((item) => b.some((other) => celEquals(item, other)));
  });
}
