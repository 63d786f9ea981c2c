/**
 * API versions that Kubernetes has removed are rejected by the API server, and deprecated ones will be.
 * Restricted fields: apiVersion (with kind) of every object.   Allowed values: versions not in the table below.
 * Source: Kubernetes Deprecated API Migration Guide.
 */
import { defineRule } from '../../core/engine/define-rule.js';

interface RemovedApi {
  apiVersion: string;
  /** Kinds served by that version; `*` for every kind of the group version. */
  kinds: readonly string[] | '*';
  deprecatedIn: string;
  removedIn: string;
  /** What to use instead; `none` when the API has no successor. */
  replacement: string;
}

/** From the Kubernetes Deprecated API Migration Guide, oldest removal first. */
const REMOVED_APIS: readonly RemovedApi[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', replacement: 'none (Pod Security Admission)' },
  { apiVersion: 'apps/v1beta1', kinds: '*', deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: '*', deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: '*', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', kinds: '*', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: '*', deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: '*', deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'none (Pod Security Admission)' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.20', removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

const VERSION = /^1\.(\d+)$/;

function minor(version: string): number {
  return Number(VERSION.exec(version)?.[1] ?? Number.NaN);
}

/** The entries by apiVersion, in the table's order: every object of a scan is looked up. */
const REMOVED_BY_VERSION = new Map<string, RemovedApi[]>();
for (const api of REMOVED_APIS) {
  const list = REMOVED_BY_VERSION.get(api.apiVersion);
  if (list) list.push(api);
  else REMOVED_BY_VERSION.set(api.apiVersion, [api]);
}

export function findRemovedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return REMOVED_BY_VERSION.get(apiVersion)?.find((api) => api.kinds === '*' || api.kinds.includes(kind));
}

export default defineRule({
  id: 'deprecated-api-version',
  meta: {
    title: 'Objects should not use deprecated or removed API versions',
    category: 'hygiene',
    severity: 'medium',
    description: 'The API server rejects objects of a removed API version, so the manifest silently stops deploying on upgrade; deprecated versions are the next to go.',
    remediation: 'Change apiVersion to the replacement version and adjust the fields that changed with it.',
    appliesTo: 'all',
    messages: {
      removed: '{{kind}} uses {{apiVersion}}, removed in Kubernetes {{removedIn}}; use {{replacement}}.',
      deprecated: '{{kind}} uses {{apiVersion}}, deprecated since {{deprecatedIn}} and removed in {{removedIn}}; use {{replacement}}.',
    },
    references: [
      { title: 'Kubernetes Deprecated API Migration Guide', url: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/' },
      { title: 'Kubernetes Deprecation Policy', url: 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/' },
    ],
    peers: { kubeScore: ['stable-version'], kubeLinter: ['no-extensions-v1beta'], trivy: ['KSV-0107'] },
  },
  defaultOptions: { kubernetesVersion: '' },
  validateOptions(options) {
    const value = (options as { kubernetesVersion?: unknown }).kubernetesVersion;
    return value === undefined || value === '' || (typeof value === 'string' && VERSION.test(value)) ? [] : ['kubernetesVersion must look like "1.29" (or be empty for the newest version)'];
  },
  check(object, ctx) {
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return [];
    const api = findRemovedApi(object.apiVersion, object.kind);
    if (!api) return [];
    const data = { kind: object.kind, apiVersion: object.apiVersion, deprecatedIn: api.deprecatedIn, removedIn: api.removedIn, replacement: api.replacement };
    const target = ctx.options.kubernetesVersion;
    if (!target || minor(target) >= minor(api.removedIn)) return [{ messageId: 'removed', path: 'apiVersion', data }];
    if (minor(target) >= minor(api.deprecatedIn)) return [{ messageId: 'deprecated', path: 'apiVersion', data, severity: 'low' }];
    return [];
  },
});
