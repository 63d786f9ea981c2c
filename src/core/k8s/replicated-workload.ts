/**
 * The workloads that scheduling rules (anti-affinity, topology spread) judge: replicated services that may run two
 * or more replicas at once, by their declared replicas or because an HPA scales them.
 */
import { isReplicatedService, lowestReplicas } from './controllers.js';
import { namespaceOf, type K8sObject } from './object.js';
import { podSpecOf, type PodTemplateView } from './pod-spec.js';

/** Where HorizontalPodAutoscalers are looked up; the scan's object index has this shape. */
interface AutoscalerSource {
  inNamespace(kind: string, namespace: string): readonly K8sObject[];
}

/** The pod template of `object` when it is a replicated service with (possibly) several replicas; else undefined. */
export function multiReplicaPodTemplateOf(object: K8sObject, objects: AutoscalerSource): PodTemplateView | undefined {
  const pod = podSpecOf(object);
  if (!pod || !isReplicatedService(object)) return undefined;
  const { replicas, autoscaled } = lowestReplicas(object, objects.inNamespace('HorizontalPodAutoscaler', namespaceOf(object) ?? 'default'));
  if (!autoscaled && replicas < 2) return undefined;
  return pod;
}
