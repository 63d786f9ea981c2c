import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './namespace-no-default-deny-ingress.rule.js';

const namespace = (name = 'shop') => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const policy = (spec: Record<string, unknown>, ns = 'shop') => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: ns }, spec });

ruleTester(rule).run({
  valid: [
    { name: 'explicit default deny', object: namespace(), objects: [policy({ podSelector: {}, policyTypes: ['Ingress'] })] },
    { name: 'implied Ingress type', object: namespace(), objects: [policy({ podSelector: {} })] },
    { name: 'deny both directions', object: namespace(), objects: [policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] })] },
    { name: 'empty matchLabels is empty', object: namespace(), objects: [policy({ podSelector: { matchLabels: {} }, policyTypes: ['Ingress'] })] },
    { name: 'missing podSelector selects all', object: namespace(), objects: [policy({ policyTypes: ['Ingress'] })] },
    { name: 'ignored system namespace', object: namespace('kube-system') },
    { name: 'a workload whose Namespace object is not in the scan is not reported', object: asWorkload(pod(), 'Deployment') },
  ],
  invalid: [
    { name: 'no policies', object: namespace(), errors: [{ messageId: 'noDefaultDeny', path: 'metadata' }] },
    { name: 'policy selects some pods only', object: namespace(), objects: [policy({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] })], errors: [{ messageId: 'noDefaultDeny' }] },
    { name: 'egress-only default deny', object: namespace(), objects: [policy({ podSelector: {}, policyTypes: ['Egress'] })], errors: [{ messageId: 'noDefaultDeny' }] },
    { name: 'allow-all ingress rule', object: namespace(), objects: [policy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })], errors: [{ messageId: 'noDefaultDeny' }] },
    { name: 'default deny in another namespace', object: namespace(), objects: [policy({ podSelector: {} }, 'other')], errors: [{ messageId: 'noDefaultDeny' }] },
    { name: 'Calico policy does not count', object: namespace(), objects: [{ ...policy({ podSelector: {} }), apiVersion: 'projectcalico.org/v3' }], errors: [{ messageId: 'noDefaultDeny' }] },
  ],
});
