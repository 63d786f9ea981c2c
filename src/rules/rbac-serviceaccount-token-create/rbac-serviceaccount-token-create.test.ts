import { ruleTester } from '../../testing/index.js';
import rule from './rbac-serviceaccount-token-create.rule.js';

const role = (rules: unknown[], kind = 'Role') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'token-issuer', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create', 'get'] }]),
    { name: 'token for a named service account', object: role([{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['ci'], verbs: ['create'] }]) },
  ],
  invalid: [
    {
      name: 'create any token',
      object: role([{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }]),
      errors: [{ messageId: 'tokenCreate', path: 'rules[0]' }],
    },
    {
      name: 'every token subresource',
      object: role([{ apiGroups: [''], resources: ['*/token'], verbs: ['*'] }], 'ClusterRole'),
      errors: [{ messageId: 'tokenCreate', path: 'rules[0]' }],
    },
  ],
});
