import { ruleTester } from '../../testing/index.js';
import rule from './rbac-escalate-bind.rule.js';

const RBAC = 'rbac.authorization.k8s.io';
const role = (rules: unknown[], kind = 'ClusterRole') => ({ apiVersion: `${RBAC}/v1`, kind, metadata: { name: 'rbac-manager', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [RBAC], resources: ['roles', 'rolebindings'], verbs: ['get', 'list', 'watch'] }]),
    { name: 'bind limited to named roles', object: role([{ apiGroups: [RBAC], resources: ['clusterroles'], resourceNames: ['view'], verbs: ['bind'] }]) },
    { name: 'escalate in another group', object: role([{ apiGroups: [''], resources: ['roles'], verbs: ['escalate'] }]) },
    { name: 'write on roles without escalate', object: role([{ apiGroups: [RBAC], resources: ['roles'], verbs: ['create', 'update'] }], 'Role') },
  ],
  invalid: [
    {
      name: 'escalate on clusterroles',
      object: role([{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['escalate'] }]),
      errors: [{ messageId: 'escalateBind', path: 'rules[0]' }],
    },
    {
      name: 'create rolebindings',
      object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create'] }], 'Role'),
      errors: [{ messageId: 'writeBindings', path: 'rules[1]' }],
    },
    {
      name: 'wildcards grant both',
      object: role([{ apiGroups: [RBAC], resources: ['*'], verbs: ['*'] }]),
      errors: [{ messageId: 'escalateBind', path: 'rules[0]' }, { messageId: 'writeBindings', path: 'rules[0]' }],
    },
    {
      name: 'findings in rule order',
      object: role([{ apiGroups: [RBAC], resources: ['clusterrolebindings'], verbs: ['patch'] }, { apiGroups: [RBAC], resources: ['roles'], verbs: ['bind'] }]),
      errors: [{ messageId: 'writeBindings', path: 'rules[0]' }, { messageId: 'escalateBind', path: 'rules[1]' }],
    },
  ],
});
