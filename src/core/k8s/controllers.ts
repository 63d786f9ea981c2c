/**
 * How workloads relate to controllers that act on them: batch pods that run to completion, and the
 * HorizontalPodAutoscalers that scale a workload.
 */
import { apiGroupOf, isObject, namespaceOf, type K8sObject } from './object.js';
import { podSpecOf, WORKLOAD_KINDS } from './pod-spec.js';

/** Jobs, CronJobs and pods a Job created: they finish, so long-running-service checks (probes) do not apply. */
export function runsToCompletion(object: K8sObject): boolean {
  if (object.kind === 'Job' || object.kind === 'CronJob') return true;
  return object.kind === 'Pod' && (object.metadata?.ownerReferences ?? []).some((owner) => owner?.kind === 'Job');
}

/** True when the HPA's scaleTargetRef names the object (same namespace, kind, name and, when given, API group). */
export function scalesObject(hpa: K8sObject, object: K8sObject): boolean {
  const target = hpa.spec?.scaleTargetRef;
  if (!isObject(target) || target.kind !== object.kind || target.name !== object.metadata?.name) return false;
  if (namespaceOf(hpa) !== namespaceOf(object)) return false;
  return typeof target.apiVersion !== 'string' || apiGroupOf(target.apiVersion) === apiGroupOf(object.apiVersion);
}

/** The HPAs among `hpas` that scale the object. */
export function autoscalersOf(hpas: readonly K8sObject[], object: K8sObject): K8sObject[] {
  return hpas.filter((hpa) => scalesObject(hpa, object));
}

/** An HPA's effective minReplicas (the API default is 1). */
export function minReplicasOf(hpa: K8sObject): number {
  const min = hpa.spec?.minReplicas;
  return typeof min === 'number' ? min : 1;
}

/**
 * Workloads that keep a number of identical pods running and are managed directly by users: Deployments,
 * StatefulSets, and custom resources with a pod template and spec.replicas or spec.selector (Argo Rollouts, …).
 * ReplicaSets and ReplicationControllers are left out: they are usually owned by a Deployment or legacy.
 */
export function isReplicatedService(object: K8sObject): boolean {
  if (object.kind === 'Deployment' || object.kind === 'StatefulSet') return true;
  if ((WORKLOAD_KINDS as readonly string[]).includes(object.kind) || !podSpecOf(object)) return false;
  return typeof object.spec?.replicas === 'number' || isObject(object.spec?.selector);
}

/** Replicas a workload runs at its smallest: the lowest minReplicas of its HPAs, else spec.replicas (default 1). */
export function lowestReplicas(object: K8sObject, hpas: readonly K8sObject[]): { replicas: number; autoscaled: boolean } {
  const scaledBy = autoscalersOf(hpas, object);
  if (scaledBy.length > 0) return { replicas: Math.min(...scaledBy.map(minReplicasOf)), autoscaled: true };
  const replicas = object.spec?.replicas;
  return { replicas: typeof replicas === 'number' ? replicas : 1, autoscaled: false };
}
