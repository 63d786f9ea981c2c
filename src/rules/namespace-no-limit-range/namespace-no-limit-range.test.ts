import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './namespace-no-limit-range.rule.js';

const namespace = (name = 'shop') => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const limitRange = (ns = 'shop') => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: ns }, spec: { limits: [{ type: 'Container', default: { memory: '256Mi' } }] } });

ruleTester(rule).run({
  valid: [
    { name: 'namespace with a LimitRange', object: namespace(), objects: [limitRange()] },
    { name: 'kube-public ignored by default', object: namespace('kube-public') },
    { name: 'a workload whose Namespace object is not in the scan is not reported', object: asWorkload(pod(), 'Deployment') },
  ],
  invalid: [
    { name: 'no LimitRange', object: namespace(), errors: [{ messageId: 'noLimitRange', path: 'metadata' }] },
    { name: 'LimitRange of another namespace', object: namespace(), objects: [limitRange('other')], errors: [{ messageId: 'noLimitRange', path: 'metadata' }] },
    { name: 'system namespace when not ignored', object: namespace('kube-system'), options: { ignoredNamespaces: [] }, errors: [{ messageId: 'noLimitRange' }] },
  ],
});
