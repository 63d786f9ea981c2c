import { ruleTester } from '../../testing/index.js';
import rule from './rbac-cluster-admin-binding.rule.js';

const RBAC = 'rbac.authorization.k8s.io';
const binding = (kind: string, roleKind: string, roleName: string, name = 'ops-admin') => ({
  apiVersion: `${RBAC}/v1`, kind, metadata: { name, ...(kind === 'RoleBinding' ? { namespace: 'shop' } : {}) },
  roleRef: { apiGroup: RBAC, kind: roleKind, name: roleName },
  subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'ops' }],
});
const superRole = { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: 'super', namespace: 'shop' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] };

ruleTester(rule).run({
  valid: [
    binding('ClusterRoleBinding', 'ClusterRole', 'view'),
    { name: 'system: binding', object: binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin', 'system:kube-controller') },
    { name: 'bootstrap binding', object: { ...binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin', 'cluster-admin'), metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } } },
    { name: 'Role of the same name in another namespace', object: binding('RoleBinding', 'Role', 'super'), objects: [{ ...superRole, metadata: { name: 'super', namespace: 'other' } }] },
    { name: 'wildcard limited to named objects', object: binding('RoleBinding', 'Role', 'super'), objects: [{ ...superRole, rules: [{ apiGroups: ['*'], resources: ['*'], resourceNames: ['x'], verbs: ['*'] }] }] },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding to cluster-admin',
      object: binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin'),
      errors: [{ messageId: 'clusterAdmin', path: 'roleRef.name' }],
    },
    {
      name: 'RoleBinding to cluster-admin',
      object: binding('RoleBinding', 'ClusterRole', 'cluster-admin'),
      errors: [{ messageId: 'clusterAdmin', path: 'roleRef.name' }],
    },
    {
      name: 'RoleBinding to an all-powerful Role in the scan',
      object: binding('RoleBinding', 'Role', 'super'),
      objects: [superRole],
      errors: [{ messageId: 'adminEquivalent', path: 'roleRef.name' }],
    },
  ],
});
