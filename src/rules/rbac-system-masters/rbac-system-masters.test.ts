import { ruleTester } from '../../testing/index.js';
import rule from './rbac-system-masters.rule.js';

const RBAC = 'rbac.authorization.k8s.io';
const binding = (subjects: unknown[], metadata: Record<string, unknown> = { name: 'admins' }) => ({
  apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' }, subjects,
});

ruleTester(rule).run({
  valid: [
    binding([{ kind: 'Group', apiGroup: RBAC, name: 'platform-admins' }]),
    { name: 'the bootstrap cluster-admin binding', object: binding([{ kind: 'Group', apiGroup: RBAC, name: 'system:masters' }], { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }) },
    { name: 'a user named system:masters is not the group', object: binding([{ kind: 'User', apiGroup: RBAC, name: 'system:masters' }]) },
  ],
  invalid: [
    {
      name: 'group system:masters',
      object: binding([{ kind: 'User', apiGroup: RBAC, name: 'alice' }, { kind: 'Group', apiGroup: RBAC, name: 'system:masters' }]),
      errors: [{ messageId: 'systemMasters', path: 'subjects[1]' }],
    },
  ],
});
