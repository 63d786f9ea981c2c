import { ruleTester } from '../../testing/index.js';
import rule from './rbac-default-service-account-binding.rule.js';

const RBAC = 'rbac.authorization.k8s.io';
const binding = (subjects: unknown[], kind = 'RoleBinding', name = 'b') => ({
  apiVersion: `${RBAC}/v1`, kind, metadata: { name, namespace: 'shop' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' }, subjects,
});

ruleTester(rule).run({
  valid: [
    binding([{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }]),
    { name: 'a user called default', object: binding([{ kind: 'User', apiGroup: RBAC, name: 'default' }]) },
    { name: 'system binding', object: binding([{ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }], 'ClusterRoleBinding', 'system:controller:foo') },
  ],
  invalid: [
    {
      name: 'default service account in a RoleBinding',
      object: binding([{ kind: 'ServiceAccount', name: 'default', namespace: 'shop' }]),
      errors: [{ messageId: 'defaultServiceAccount', path: 'subjects[0]' }],
    },
    {
      name: 'default service account of another namespace in a ClusterRoleBinding',
      object: binding([{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }, { kind: 'ServiceAccount', name: 'default', namespace: 'ci' }], 'ClusterRoleBinding'),
      errors: [{ messageId: 'defaultServiceAccount', path: 'subjects[1]' }],
    },
  ],
});
