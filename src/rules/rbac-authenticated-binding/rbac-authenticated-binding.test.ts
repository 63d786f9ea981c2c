import { ruleTester } from '../../testing/index.js';
import rule from './rbac-authenticated-binding.rule.js';

const RBAC = 'rbac.authorization.k8s.io';
const binding = (roleName: string, groups: string[], kind = 'ClusterRoleBinding', roleKind = 'ClusterRole') => ({
  apiVersion: `${RBAC}/v1`, kind, metadata: { name: 'b', namespace: 'shop' }, roleRef: { apiGroup: RBAC, kind: roleKind, name: roleName },
  subjects: groups.map((name) => ({ kind: 'Group', apiGroup: RBAC, name })),
});

ruleTester(rule).run({
  valid: [
    binding('view', ['developers']),
    { name: 'default discovery binding', object: binding('system:discovery', ['system:authenticated']) },
    { name: 'default basic-user binding', object: binding('system:basic-user', ['system:authenticated']) },
    { name: 'default issuer discovery binding', object: binding('system:service-account-issuer-discovery', ['system:serviceaccounts']) },
    { name: 'namespace service accounts group', object: binding('view', ['system:serviceaccounts:shop'], 'RoleBinding') },
  ],
  invalid: [
    {
      name: 'all users can view',
      object: binding('view', ['system:authenticated']),
      errors: [{ messageId: 'everyone', path: 'subjects[0]' }],
    },
    {
      name: 'every service account edits a namespace',
      object: binding('edit', ['developers', 'system:serviceaccounts'], 'RoleBinding'),
      errors: [{ messageId: 'everyone', path: 'subjects[1]' }],
    },
    {
      name: 'a Role named like a default ClusterRole',
      object: binding('system:discovery', ['system:authenticated'], 'RoleBinding', 'Role'),
      errors: [{ messageId: 'everyone', path: 'subjects[0]' }],
    },
  ],
});
