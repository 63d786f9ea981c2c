/**
 * What the schema check knows of the Kubernetes API: the built-in kinds it validates (by apiVersion and kind, with
 * their OpenAPI model) and the field types of every model they reach (types.generated.ts, from generate.ts).
 */

/** A field's type: a scalar kind, a model name, or a list or map of a type. */
export type FieldType =
  | 'string'
  | 'bytes'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'time'
  | 'int-or-string'
  | 'quantity'
  | 'any'
  | string
  | { list: FieldType }
  | { map: FieldType };

export interface SchemaTypes {
  /** Where the types come from, with the Kubernetes API version. */
  source: string;
  /** Model name -> field JSON name -> type. */
  types: Record<string, Record<string, FieldType>>;
}

export interface SchemaKind {
  apiVersion: string;
  kind: string;
  model: string;
}

/** The built-in kinds validated: what manifests and Helm charts are made of. Others (custom resources) are not judged. */
export const SCHEMA_KINDS: readonly SchemaKind[] = [
  ...['Pod', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Namespace', 'PersistentVolumeClaim', 'PersistentVolume', 'ReplicationController', 'PodTemplate', 'ResourceQuota', 'LimitRange', 'Endpoints']
    .map((kind) => ({ apiVersion: 'v1', kind, model: `V1${kind}` })),
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) => ({ apiVersion: 'apps/v1', kind, model: `V1${kind}` })),
  ...['Job', 'CronJob'].map((kind) => ({ apiVersion: 'batch/v1', kind, model: `V1${kind}` })),
  ...['NetworkPolicy', 'Ingress', 'IngressClass'].map((kind) => ({ apiVersion: 'networking.k8s.io/v1', kind, model: `V1${kind}` })),
  ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map((kind) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, model: `V1${kind}` })),
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', model: 'V1PodDisruptionBudget' },
  { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', model: 'V1HorizontalPodAutoscaler' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', model: 'V2HorizontalPodAutoscaler' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', model: 'V1PriorityClass' },
  { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', model: 'V1RuntimeClass' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', model: 'V1StorageClass' },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', model: 'V1EndpointSlice' },
  ...['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']
    .map((kind) => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind, model: `V1${kind}` })),
];

/**
 * Fields of type resource.Quantity, which the generated models type as strings: a Quantity also decodes from a
 * JSON number (`cpu: 1`, `memory: 1e9`). Model.field, as in the OpenAPI definitions.
 */
export const QUANTITY_FIELDS: ReadonlySet<string> = new Set([
  'V1ResourceRequirements.limits', 'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits', 'V1VolumeResourceRequirements.requests',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1ResourceQuotaSpec.hard', 'V1ResourceQuotaStatus.hard', 'V1ResourceQuotaStatus.used',
  'V1LimitRangeItem.default', 'V1LimitRangeItem.defaultRequest', 'V1LimitRangeItem.max', 'V1LimitRangeItem.maxLimitRequestRatio', 'V1LimitRangeItem.min',
  'V1ResourceFieldSelector.divisor',
  'V1PersistentVolumeSpec.capacity', 'V1PersistentVolumeClaimStatus.capacity', 'V1PersistentVolumeClaimStatus.allocatedResources',
  'V1PodSpec.overhead', 'V1Overhead.podFixed',
  'V1ContainerStatus.allocatedResources',
  'V2MetricTarget.averageValue', 'V2MetricTarget.value', 'V2MetricValueStatus.averageValue', 'V2MetricValueStatus.value',
]);
