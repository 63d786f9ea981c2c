import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './namespace-no-network-policy.rule.js';

const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const policy = (ns: string, apiVersion = 'networking.k8s.io/v1', kind = 'NetworkPolicy') => ({ apiVersion, kind, metadata: { name: 'default-deny', namespace: ns }, spec: { podSelector: {} } });

ruleTester(rule).run({
  valid: [
    { name: 'namespace with a policy', object: namespace('shop'), objects: [policy('shop')] },
    { name: 'Calico policy counts', object: namespace('shop'), objects: [policy('shop', 'projectcalico.org/v3')] },
    { name: 'Cilium policy counts', object: namespace('shop'), objects: [policy('shop', 'cilium.io/v2', 'CiliumNetworkPolicy')] },
    { name: 'kube-system is ignored by default', object: namespace('kube-system') },
    { name: 'ignored by option', object: namespace('sandbox'), options: { ignoredNamespaces: ['sandbox'] } },
    { name: 'a workload whose Namespace object is not in the scan is not reported', object: asWorkload(pod(), 'Deployment') },
  ],
  invalid: [
    { name: 'no policy at all', object: namespace('shop'), errors: [{ messageId: 'noPolicy', path: 'metadata' }] },
    { name: 'policy in another namespace', object: namespace('shop'), objects: [policy('other')], errors: [{ messageId: 'noPolicy', path: 'metadata' }] },
    { name: 'kube-system when not ignored', object: namespace('kube-system'), options: { ignoredNamespaces: [] }, errors: [{ messageId: 'noPolicy' }] },
  ],
});
