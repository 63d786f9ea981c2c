import { ruleTester } from '../../testing/index.js';
import rule from './rbac-wildcard.rule.js';

const role = (rules: unknown[], kind = 'ClusterRole', name = 'ops') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }]),
    { name: 'subresource wildcard is explicit enough', object: role([{ apiGroups: [''], resources: ['*/status'], verbs: ['get'] }]) },
    { name: 'non-resource URL prefix', object: role([{ nonResourceURLs: ['/healthz/*'], verbs: ['get'] }]) },
    { name: 'the platform cluster-admin role', object: { ...role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]), metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } } },
  ],
  invalid: [
    {
      name: 'all three wildcards',
      object: role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      errors: [{ messageId: 'wildcard', path: 'rules[0]' }],
    },
    {
      name: 'wildcard verbs on pods in a Role',
      object: role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }, { apiGroups: [''], resources: ['pods'], verbs: ['*'] }], 'Role'),
      errors: [{ messageId: 'wildcard', path: 'rules[1]' }],
    },
    {
      name: 'every non-resource URL',
      object: role([{ nonResourceURLs: ['*'], verbs: ['get'] }]),
      errors: [{ messageId: 'wildcard', path: 'rules[0]' }],
    },
  ],
});
