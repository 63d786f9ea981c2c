import { asWorkload, pod, ruleTester, WORKLOAD_WRAPPERS, type WorkloadWrapper } from '../../testing/index.js';
import rule from './workload-no-network-policy.rule.js';

const policy = (spec: Record<string, unknown>, namespace = 'shop') => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace }, spec });
const metadataPathOf = (kind: WorkloadWrapper) => (kind === 'Pod' ? 'metadata' : kind === 'PodTemplate' ? 'template.metadata' : kind === 'CronJob' ? 'spec.jobTemplate.spec.template.metadata' : 'spec.template.metadata');

ruleTester(rule).run({
  valid: [
    { name: 'namespace default deny', object: pod(), objects: [policy({ podSelector: {}, policyTypes: ['Ingress'] })] },
    { name: 'policy by label', object: asWorkload(pod(), 'Deployment'), objects: [policy({ podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] })] },
    { name: 'egress required and present', object: pod(), objects: [policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] })], options: { requireEgress: true } },
    { name: 'ingress from one policy, egress from another', object: pod(), objects: [policy({ podSelector: {} }), { ...policy({ podSelector: { matchLabels: { app: 'web' } }, egress: [{ to: [{ podSelector: {} }] }], policyTypes: ['Egress'] }), metadata: { name: 'q', namespace: 'shop' } }], options: { requireEgress: true } },
    { name: 'not a workload', object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: {} } },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `${kind} without any policy`,
      object: asWorkload(pod(), kind),
      errors: [{ messageId: 'noIngressPolicy', path: metadataPathOf(kind) }],
    })),
    {
      name: 'policy selects other pods',
      object: pod(),
      objects: [policy({ podSelector: { matchLabels: { app: 'api' } } })],
      errors: [{ messageId: 'noIngressPolicy', path: 'metadata' }],
    },
    {
      name: 'policy in another namespace',
      object: pod(),
      objects: [policy({ podSelector: {} }, 'other')],
      errors: [{ messageId: 'noIngressPolicy' }],
    },
    {
      name: 'egress-only policy leaves ingress open',
      object: pod(),
      objects: [policy({ podSelector: {}, policyTypes: ['Egress'] })],
      errors: [{ messageId: 'noIngressPolicy' }],
    },
    {
      name: 'egress required but not restricted',
      object: pod(),
      objects: [policy({ podSelector: {}, egress: [] })],
      options: { requireEgress: true },
      errors: [{ messageId: 'noEgressPolicy', path: 'metadata' }],
    },
  ],
});
