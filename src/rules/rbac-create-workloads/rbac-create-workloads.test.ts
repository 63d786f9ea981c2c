import { ruleTester } from '../../testing/index.js';
import rule from './rbac-create-workloads.rule.js';

const role = (rules: unknown[], kind = 'Role') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'deployer', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: ['', 'apps', 'batch'], resources: ['pods', 'deployments', 'jobs'], verbs: ['get', 'list', 'watch', 'delete'] }]),
    { name: 'deployments in the wrong group', object: role([{ apiGroups: [''], resources: ['deployments'], verbs: ['create'] }]) },
    { name: 'scale subresource only', object: role([{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['update', 'patch'] }]) },
    { name: 'named deployment only', object: role([{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['patch'] }]) },
  ],
  invalid: [
    {
      name: 'create pods',
      object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]),
      errors: [{ messageId: 'createWorkloads', path: 'rules[0]' }],
    },
    {
      name: 'patch deployments and daemonsets',
      object: role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }, { apiGroups: ['apps'], resources: ['deployments', 'daemonsets'], verbs: ['patch'] }], 'ClusterRole'),
      errors: [{ messageId: 'createWorkloads', path: 'rules[1]' }],
    },
    {
      name: 'any resource in batch',
      object: role([{ apiGroups: ['batch'], resources: ['*'], verbs: ['create'] }]),
      errors: [{ messageId: 'createWorkloads', path: 'rules[0]' }],
    },
  ],
});
