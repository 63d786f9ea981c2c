/**
 * Workloads that run pods, grouped by namespace, for cross-object rules that match selectors against pod labels
 * (Services, NetworkPolicies). Grouping once per scan keeps those rules linear instead of objects x workloads.
 */
import { namespaceOf, type K8sObject } from './object.js';
import type { PodTemplateView } from './pod-spec.js';

export interface WorkloadEntry {
  object: K8sObject;
  pod: PodTemplateView;
}

const cache = new WeakMap<readonly WorkloadEntry[], Map<string, WorkloadEntry[]>>();

/**
 * `workloads` is the scan's workload list (`ObjectIndex.workloads()`, which returns the same array on every call,
 * so the grouping is computed once per scan). PodTemplate objects run nothing and are left out.
 */
export function runningWorkloadsIn(workloads: readonly WorkloadEntry[], namespace: string): readonly WorkloadEntry[] {
  let byNamespace = cache.get(workloads);
  if (!byNamespace) {
    byNamespace = new Map();
    for (const entry of workloads) {
      if (entry.object.kind === 'PodTemplate') continue;
      const key = namespaceOf(entry.object) ?? 'default';
      const list = byNamespace.get(key);
      if (list) list.push(entry);
      else byNamespace.set(key, [entry]);
    }
    cache.set(workloads, byNamespace);
  }
  return byNamespace.get(namespace) ?? [];
}
