/**
 * TEST DOUBLE support: the API resources the fake API server serves. A table of built-in Kubernetes resources
 * (as `kubectl api-resources` shows them on 1.31) plus whatever CustomResourceDefinitions the store holds, with
 * the version-priority order the real API server uses to pick a group's preferred version.
 */
import type { K8sObject } from '../../core/k8s/object.js';

export interface ServedResource {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  /** Plural, lower case: `deployments`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Subresources shown in discovery (`pods/log`); the fake serves none of them except as discovery entries. */
  subresources?: Array<{ name: string; kind: string; verbs: string[] }>;
  /** Built-in list responses omit apiVersion/kind on items; custom resources keep them. */
  builtIn: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ_ONLY = ['get', 'list'];
const CREATE_ONLY = ['create'];

type Row = [group: string, versions: string, resource: string, kind: string, namespaced: boolean, shortNames?: string, verbs?: string[], categories?: string];

const BUILT_IN: Row[] = [
  ['', 'v1', 'bindings', 'Binding', true, '', CREATE_ONLY],
  ['', 'v1', 'componentstatuses', 'ComponentStatus', false, 'cs', READ_ONLY],
  ['', 'v1', 'configmaps', 'ConfigMap', true, 'cm'],
  ['', 'v1', 'endpoints', 'Endpoints', true, 'ep'],
  ['', 'v1', 'events', 'Event', true, 'ev'],
  ['', 'v1', 'limitranges', 'LimitRange', true, 'limits'],
  ['', 'v1', 'namespaces', 'Namespace', false, 'ns', ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
  ['', 'v1', 'nodes', 'Node', false, 'no'],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, 'pvc', undefined, 'all'],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', false, 'pv'],
  ['', 'v1', 'pods', 'Pod', true, 'po', undefined, 'all'],
  ['', 'v1', 'podtemplates', 'PodTemplate', true],
  ['', 'v1', 'replicationcontrollers', 'ReplicationController', true, 'rc', undefined, 'all'],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true, 'quota'],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, 'sa'],
  ['', 'v1', 'services', 'Service', true, 'svc', undefined, 'all'],
  ['admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false],
  ['admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false],
  ['apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, 'crd,crds'],
  ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', true],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true, 'ds', undefined, 'all'],
  ['apps', 'v1', 'deployments', 'Deployment', true, 'deploy', undefined, 'all'],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true, 'rs', undefined, 'all'],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true, 'sts', undefined, 'all'],
  ['authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, '', CREATE_ONLY],
  ['authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', false, '', CREATE_ONLY],
  ['authorization.k8s.io', 'v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', true, '', CREATE_ONLY],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, '', CREATE_ONLY],
  ['authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, '', CREATE_ONLY],
  ['authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', false, '', CREATE_ONLY],
  ['autoscaling', 'v2,v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, 'hpa', undefined, 'all'],
  ['batch', 'v1', 'cronjobs', 'CronJob', true, 'cj', undefined, 'all'],
  ['batch', 'v1', 'jobs', 'Job', true, '', undefined, 'all'],
  ['certificates.k8s.io', 'v1', 'certificatesigningrequests', 'CertificateSigningRequest', false, 'csr'],
  ['coordination.k8s.io', 'v1', 'leases', 'Lease', true],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true],
  ['events.k8s.io', 'v1', 'events', 'Event', true, 'ev'],
  ['networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, 'ing'],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, 'netpol'],
  ['node.k8s.io', 'v1', 'runtimeclasses', 'RuntimeClass', false],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, 'pdb'],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true],
  ['scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, 'pc'],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, 'sc'],
];

const SUBRESOURCES: Record<string, ServedResource['subresources']> = {
  pods: [
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  ],
  deployments: [
    { name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
  ],
  serviceaccounts: [{ name: 'token', kind: 'TokenRequest', verbs: ['create'] }],
  nodes: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
};

export const BUILT_IN_RESOURCES: readonly ServedResource[] = BUILT_IN.map(([group, versions, resource, kind, namespaced, shortNames, verbs, categories]) => ({
  group,
  versions: versions.split(','),
  resource,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  verbs: verbs ?? ALL_VERBS,
  ...(shortNames ? { shortNames: shortNames.split(',') } : {}),
  ...(categories ? { categories: categories.split(',') } : {}),
  ...(SUBRESOURCES[resource] ? { subresources: SUBRESOURCES[resource] } : {}),
  builtIn: true,
}));

/**
 * Kubernetes version priority (apimachinery `CompareKubeAwareVersionStrings`): GA before beta before alpha, higher
 * numbers first within each, anything else last in lexical order. Negative when `a` is preferred.
 */
export function compareVersionPriority(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!match) return { rank: 3, major: 0, minor: 0, raw: v };
    const rank = match[2] === undefined ? 0 : match[2] === 'beta' ? 1 : 2;
    return { rank, major: Number(match[1]), minor: Number(match[3] ?? 0), raw: v };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa.rank !== pb.rank) return pa.rank - pb.rank;
  if (pa.rank === 3) return pa.raw < pb.raw ? -1 : pa.raw > pb.raw ? 1 : 0;
  return pb.major - pa.major || pb.minor - pa.minor;
}

/** The resource a CustomResourceDefinition serves, or undefined if it is not well-formed or serves no version. */
export function resourceOfCrd(crd: K8sObject): ServedResource | undefined {
  const spec = crd.spec;
  const names = spec?.names;
  if (typeof spec?.group !== 'string' || typeof names?.plural !== 'string' || typeof names?.kind !== 'string') return undefined;
  const versions: string[] = (Array.isArray(spec.versions) ? spec.versions : [])
    .filter((v: any) => v && v.served !== false && typeof v.name === 'string')
    .map((v: any) => v.name as string)
    .sort(compareVersionPriority);
  if (versions.length === 0) return undefined;
  const hasStatus = (spec.versions as any[]).some((v) => v?.subresources?.status);
  return {
    group: spec.group,
    versions,
    resource: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    kind: names.kind,
    namespaced: spec.scope !== 'Cluster',
    verbs: ALL_VERBS,
    ...(Array.isArray(names.shortNames) ? { shortNames: names.shortNames } : {}),
    ...(Array.isArray(names.categories) ? { categories: names.categories } : {}),
    ...(hasStatus ? { subresources: [{ name: 'status', kind: names.kind, verbs: ['get', 'patch', 'update'] }] } : {}),
    builtIn: false,
  };
}

export function groupVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
