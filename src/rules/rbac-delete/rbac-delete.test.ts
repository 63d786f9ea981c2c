import { ruleTester } from '../../testing/index.js';
import rule from './rbac-delete.rule.js';

const role = (rules: unknown[], kind = 'Role') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'cleaner', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get', 'list'] }]),
    { name: 'delete a named configmap', object: role([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['cache'], verbs: ['delete'] }]) },
    { name: 'delete custom resources', object: role([{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['delete'] }]) },
  ],
  invalid: [
    {
      name: 'delete pods',
      object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['delete'] }]),
      errors: [{ messageId: 'delete', path: 'rules[0]' }],
    },
    {
      name: 'deletecollection on events.k8s.io events',
      object: role([{ apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['deletecollection'] }], 'ClusterRole'),
      errors: [{ messageId: 'delete', path: 'rules[0]' }],
    },
    {
      name: 'any verb on deployments',
      object: role([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }]),
      errors: [{ messageId: 'delete', path: 'rules[0]' }],
    },
    {
      name: 'delete pod logs',
      object: role([{ apiGroups: [''], resources: ['pods/log'], verbs: ['delete'] }]),
      errors: [{ messageId: 'delete', path: 'rules[0]' }],
    },
  ],
});
