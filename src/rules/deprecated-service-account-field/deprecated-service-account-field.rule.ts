/**
 * `spec.serviceAccount` is the deprecated alias of `serviceAccountName`. The API server copies the new field into
 * the old one on output, so only an alias used alone, or one that disagrees with the new field, is a problem.
 * Restricted fields: <pod spec>.serviceAccount
 * Allowed values: unset, or equal to serviceAccountName.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'deprecated-service-account-field',
  meta: {
    title: 'Pods should name their ServiceAccount with serviceAccountName',
    category: 'service-accounts',
    severity: 'low',
    description: 'serviceAccount is a deprecated alias that is ignored when serviceAccountName is set, so a manifest that relies on it, or sets both differently, may not run as the account its author meant.',
    remediation: 'Replace serviceAccount with serviceAccountName.',
    appliesTo: 'workloads',
    messages: {
      deprecated: 'The pod names its ServiceAccount "{{name}}" with the deprecated field serviceAccount.',
      conflicting: 'The deprecated serviceAccount "{{deprecated}}" differs from serviceAccountName "{{name}}"; Kubernetes uses "{{name}}".',
    },
    references: [
      { title: 'Kubernetes API reference: PodSpec serviceAccount (deprecated)', url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security' },
    ],
    peers: { kubeLinter: ['deprecated-service-account-field'], kubescape: ['C-0294'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const deprecated = pod.spec.serviceAccount;
    if (typeof deprecated !== 'string' || deprecated === '') return [];
    const name = pod.spec.serviceAccountName;
    const path = `${pod.specPath}.serviceAccount`;
    if (typeof name !== 'string' || name === '') return [{ messageId: 'deprecated', path, data: { name: deprecated } }];
    if (name !== deprecated) return [{ messageId: 'conflicting', path, data: { name, deprecated } }];
    return [];
  },
});
