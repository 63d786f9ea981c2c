import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './namespace-no-resource-quota.rule.js';

const namespace = (name = 'shop') => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const quota = (ns = 'shop') => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: ns }, spec: { hard: { 'requests.cpu': '4' } } });

ruleTester(rule).run({
  valid: [
    { name: 'namespace with a quota', object: namespace(), objects: [quota()] },
    { name: 'kube-system ignored by default', object: namespace('kube-system') },
    { name: 'ignored by option', object: namespace('sandbox'), options: { ignoredNamespaces: ['sandbox'] } },
    { name: 'a workload whose Namespace object is not in the scan is not reported', object: asWorkload(pod(), 'Deployment'), objects: [] },
  ],
  invalid: [
    { name: 'no quota', object: namespace(), errors: [{ messageId: 'noQuota', path: 'metadata' }] },
    { name: 'quota of another namespace', object: namespace(), objects: [quota('other')], errors: [{ messageId: 'noQuota', path: 'metadata' }] },
  ],
});
