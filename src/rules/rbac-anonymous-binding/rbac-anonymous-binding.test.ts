import { ruleTester } from '../../testing/index.js';
import rule from './rbac-anonymous-binding.rule.js';

const RBAC = 'rbac.authorization.k8s.io';
const binding = (roleName: string, subjects: unknown[], kind = 'ClusterRoleBinding') => ({
  apiVersion: `${RBAC}/v1`, kind, metadata: { name: 'b', namespace: 'shop' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName }, subjects,
});

ruleTester(rule).run({
  valid: [
    binding('view', [{ kind: 'Group', apiGroup: RBAC, name: 'developers' }]),
    { name: 'the default public-info-viewer binding', object: binding('system:public-info-viewer', [{ kind: 'Group', apiGroup: RBAC, name: 'system:authenticated' }, { kind: 'Group', apiGroup: RBAC, name: 'system:unauthenticated' }]) },
    { name: 'a group named like the anonymous user', object: binding('view', [{ kind: 'Group', apiGroup: RBAC, name: 'system:anonymous' }]) },
  ],
  invalid: [
    {
      name: 'anonymous user bound to view',
      object: binding('view', [{ kind: 'User', apiGroup: RBAC, name: 'system:anonymous' }]),
      errors: [{ messageId: 'anonymous', path: 'subjects[0]' }],
    },
    {
      name: 'unauthenticated group in a RoleBinding',
      object: binding('edit', [{ kind: 'User', apiGroup: RBAC, name: 'alice' }, { kind: 'Group', apiGroup: RBAC, name: 'system:unauthenticated' }], 'RoleBinding'),
      errors: [{ messageId: 'anonymous', path: 'subjects[1]' }],
    },
    {
      name: 'even the discovery role',
      object: binding('system:discovery', [{ kind: 'Group', apiGroup: RBAC, name: 'system:unauthenticated' }]),
      errors: [{ messageId: 'anonymous', path: 'subjects[0]' }],
    },
  ],
});
