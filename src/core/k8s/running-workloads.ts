/**
 * Workloads that run pods, grouped by namespace, for cross-object rules that match selectors against pod labels
 * (Services, NetworkPolicies). Grouping once per scan keeps those rules linear instead of objects x workloads.
 */
import { objectMemo } from '../memo.js';
import { namespaceOf, type K8sObject } from './object.js';
import type { PodTemplateView } from './pod-spec.js';

export interface WorkloadEntry {
  object: K8sObject;
  pod: PodTemplateView;
}

const cache = objectMemo<readonly WorkloadEntry[], Map<string, WorkloadEntry[]>>('kubeward.workloadsByNamespace');

/**
 * Per namespace: label key -> label value -> running workloads whose pods carry that label, in scan order; null
 * for a namespace where some pod's labels are not a mapping (then nothing is narrowed there).
 */
type LabelIndex = Map<string, Map<string, WorkloadEntry[]>> | null;
const labelIndexes = objectMemo<readonly WorkloadEntry[], Map<string, LabelIndex>>('kubeward.workloadLabelIndex');

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

/**
 * Running workloads of a namespace whose pods carry the first label of `matchLabels`, in scan order: a superset of
 * the workloads a selector with those matchLabels selects, so the caller still applies its matcher, to a few
 * candidates instead of the whole namespace. Without matchLabels every running workload is a candidate.
 */
export function runningWorkloadCandidates(
  workloads: readonly WorkloadEntry[],
  namespace: string,
  matchLabels: unknown,
): readonly WorkloadEntry[] {
  if (matchLabels === null || typeof matchLabels !== 'object') return runningWorkloadsIn(workloads, namespace);
  let firstKey: string | undefined;
  for (const key in matchLabels) {
    if (Object.prototype.hasOwnProperty.call(matchLabels, key)) {
      firstKey = key;
      break;
    }
  }
  if (firstKey === undefined) return runningWorkloadsIn(workloads, namespace);
  // Selectors compare label values to String(value); only string label values can ever be equal to that.
  const wanted = String((matchLabels as Record<string, unknown>)[firstKey]);
  const index = labelIndexOf(workloads, namespace);
  if (index === null) return runningWorkloadsIn(workloads, namespace);
  return index.get(firstKey)?.get(wanted) ?? [];
}

function labelIndexOf(workloads: readonly WorkloadEntry[], namespace: string): LabelIndex {
  let byNamespace = labelIndexes.get(workloads);
  if (!byNamespace) {
    byNamespace = new Map();
    labelIndexes.set(workloads, byNamespace);
  }
  let index = byNamespace.get(namespace);
  if (index === undefined) {
    index = buildLabelIndex(runningWorkloadsIn(workloads, namespace));
    byNamespace.set(namespace, index);
  }
  return index;
}

function buildLabelIndex(entries: readonly WorkloadEntry[]): LabelIndex {
  const index: Map<string, Map<string, WorkloadEntry[]>> = new Map();
  for (const entry of entries) {
    const labels: unknown = entry.pod.metadata.labels;
    if (labels === undefined || labels === null) continue;
    if (typeof labels !== 'object') return null;
    for (const key of Object.keys(labels)) {
      const value = (labels as Record<string, unknown>)[key];
      if (typeof value !== 'string') continue;
      let byValue = index.get(key);
      if (!byValue) index.set(key, (byValue = new Map()));
      const list = byValue.get(value);
      if (list) list.push(entry);
      else byValue.set(value, [entry]);
    }
  }
  return index;
}
