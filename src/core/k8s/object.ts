/**
 * Plain Kubernetes objects as read from YAML or the API: no classes, just data and helpers.
 */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion?: string; kind?: string; name?: string; controller?: boolean }>;
  [key: string]: unknown;
}

/** Any Kubernetes object. Fields beyond apiVersion/kind/metadata are read by rules as they need them. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
  [key: string]: any;
}

/** Identifies an object in findings: `{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }`. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Kinds that live outside namespaces; everything else defaults to `default` when namespace is unset. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'RuntimeClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'IngressClass', 'ClusterPolicyReport', 'ClusterReport',
  'CertificateSigningRequest', 'ConstraintTemplate', 'SecurityContextConstraints', 'PodSecurityPolicy', 'FlowSchema',
  'PriorityLevelConfiguration', 'ClusterIssuer', 'GatewayClass',
]);

/** Objects known to be cluster-scoped from API discovery (custom resources the fixed list cannot know). */
const discoveredClusterScoped = new WeakSet<object>();

/** Records that discovery said this object's resource is cluster-scoped. */
export function markClusterScoped(object: K8sObject): void {
  discoveredClusterScoped.add(object);
}

export function isClusterScoped(object: Pick<K8sObject, 'kind'>): boolean {
  return CLUSTER_SCOPED_KINDS.has(object.kind) || discoveredClusterScoped.has(object);
}

/** The namespace Kubernetes would put the object in when applied without `-n`: its own, else `default`. */
export function namespaceOf(object: K8sObject): string | undefined {
  if (isClusterScoped(object)) return undefined;
  return object.metadata?.namespace || 'default';
}

export function nameOf(object: K8sObject): string {
  return object.metadata?.name ?? (object.metadata?.generateName ? `${object.metadata.generateName}*` : '<unnamed>');
}

export function refOf(object: K8sObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: object.apiVersion, kind: object.kind, name: nameOf(object) };
  const namespace = namespaceOf(object);
  if (namespace !== undefined) ref.namespace = namespace;
  return ref;
}

/** `Deployment shop/web`, `ClusterRole admin`. */
export function describeRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/** The API group of an apiVersion: `apps/v1` -> `apps`, `v1` -> `` (core). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
