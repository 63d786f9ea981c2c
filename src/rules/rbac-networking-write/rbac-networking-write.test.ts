import { ruleTester } from '../../testing/index.js';
import rule from './rbac-networking-write.rule.js';

const role = (rules: unknown[], kind = 'Role') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'net', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: ['', 'networking.k8s.io'], resources: ['services', 'networkpolicies'], verbs: ['get', 'list', 'watch'] }]),
    { name: 'status subresource', object: role([{ apiGroups: [''], resources: ['services/status'], verbs: ['update'] }]) },
    { name: 'named service', object: role([{ apiGroups: [''], resources: ['services'], resourceNames: ['web'], verbs: ['patch'] }]) },
  ],
  invalid: [
    {
      name: 'delete networkpolicies',
      object: role([{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['delete'] }]),
      errors: [{ messageId: 'networkingWrite', path: 'rules[0]' }],
    },
    {
      name: 'create services and endpointslices',
      object: role([{ apiGroups: [''], resources: ['services'], verbs: ['create'] }, { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['update'] }], 'ClusterRole'),
      errors: [{ messageId: 'networkingWrite', path: 'rules[0]' }, { messageId: 'networkingWrite', path: 'rules[1]' }],
    },
  ],
});
