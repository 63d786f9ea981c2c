/**
 * One place that finds the pod spec of every workload kind (PSA's PodSpecExtractor), including custom
 * resources that embed a pod template at `spec.template.spec` (Argo Rollouts, OpenKruise CloneSets, …).
 */
import { objectMemo } from '../memo.js';
import { isObject, type K8sObject, type ObjectMeta } from './object.js';

export interface PodTemplateView {
  /** The pod spec itself; rules read it, never mutate it. */
  spec: Record<string, any>;
  /** Field path of the pod spec inside the object: `spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`. */
  specPath: string;
  /** The pod's metadata (labels/annotations the pods will carry). */
  metadata: ObjectMeta;
  metadataPath: string;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

/** The kinds kubeward knows are workloads; custom resources are found by shape. */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate'] as const;

function view(spec: unknown, specPath: string, metadata: unknown, metadataPath: string): PodTemplateView | undefined {
  if (!isObject(spec)) return undefined;
  return { spec, specPath, metadata: isObject(metadata) ? (metadata as ObjectMeta) : {}, metadataPath };
}

const cache = objectMemo<object, PodTemplateView | null>('kubeward.podSpec');

/** Returns the pod spec of a workload, or undefined for objects that run no pods. Cached per object; read-only. */
export function podSpecOf(object: K8sObject): PodTemplateView | undefined {
  let view = cache.get(object);
  if (view === undefined) {
    view = findPodSpec(object) ?? null;
    cache.set(object, view);
  }
  return view ?? undefined;
}

function findPodSpec(object: K8sObject): PodTemplateView | undefined {
  const { kind } = object;
  if (kind === 'Pod') return view(object.spec, 'spec', object.metadata, 'metadata');
  if (kind === 'PodTemplate') return view(object.template?.spec, 'template.spec', object.template?.metadata, 'template.metadata');
  if (TEMPLATE_KINDS.has(kind)) return view(object.spec?.template?.spec, 'spec.template.spec', object.spec?.template?.metadata, 'spec.template.metadata');
  if (kind === 'CronJob') {
    const template = object.spec?.jobTemplate?.spec?.template;
    return view(template?.spec, 'spec.jobTemplate.spec.template.spec', template?.metadata, 'spec.jobTemplate.spec.template.metadata');
  }
  // A custom resource embedding a pod template is recognised by shape, not by name.
  const template = object.spec?.template;
  if (isObject(template) && Array.isArray(template.spec?.containers)) {
    return view(template.spec, 'spec.template.spec', template.metadata, 'spec.template.metadata');
  }
  return undefined;
}

export function isWorkload(object: K8sObject): boolean {
  return podSpecOf(object) !== undefined;
}

/** Replica count for controllers that have one (Deployment/StatefulSet/ReplicaSet/RC default 1). */
export function replicasOf(object: K8sObject): number | undefined {
  if (['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(object.kind)) {
    const replicas = object.spec?.replicas;
    return typeof replicas === 'number' ? replicas : 1;
  }
  return undefined;
}
