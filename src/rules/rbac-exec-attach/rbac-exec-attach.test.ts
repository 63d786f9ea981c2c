import { ruleTester } from '../../testing/index.js';
import rule from './rbac-exec-attach.rule.js';

const role = (rules: unknown[], kind = 'Role') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'ops', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'create'] }]),
    { name: 'pods does not cover pods/exec', object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }]) },
    { name: 'list on pods/exec does nothing', object: role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['list'] }]) },
    { name: 'system role', object: { ...role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], 'ClusterRole'), metadata: { name: 'system:aggregate-to-edit' } } },
  ],
  invalid: [
    {
      name: 'create on pods/exec',
      object: role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]),
      errors: [{ messageId: 'execAttach', path: 'rules[0]' }],
    },
    {
      name: 'get on pods/attach (websocket)',
      object: role([{ apiGroups: [''], resources: ['pods/log', 'pods/attach'], verbs: ['get'] }], 'ClusterRole'),
      errors: [{ messageId: 'execAttach', path: 'rules[0]' }],
    },
    {
      name: 'any subresource named exec',
      object: role([{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }]),
      errors: [{ messageId: 'execAttach', path: 'rules[0]' }],
    },
    {
      name: 'ephemeral containers',
      object: role([{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }]),
      errors: [{ messageId: 'execAttach', path: 'rules[0]' }],
    },
    {
      name: 'wildcard role',
      object: role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'ClusterRole'),
      errors: [{ messageId: 'execAttach', path: 'rules[0]' }],
    },
  ],
});
