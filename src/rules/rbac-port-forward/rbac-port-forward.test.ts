import { ruleTester } from '../../testing/index.js';
import rule from './rbac-port-forward.rule.js';

const role = (rules: unknown[], kind = 'Role') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'dev', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list'] }]),
    { name: 'named pod only', object: role([{ apiGroups: [''], resources: ['pods/portforward'], resourceNames: ['db-0'], verbs: ['create'] }]) },
  ],
  invalid: [
    {
      name: 'create on pods/portforward',
      object: role([{ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] }]),
      errors: [{ messageId: 'portForward', path: 'rules[0]' }],
    },
    {
      name: 'all subresources',
      object: role([{ apiGroups: [''], resources: ['*'], verbs: ['get'] }], 'ClusterRole'),
      errors: [{ messageId: 'portForward', path: 'rules[0]' }],
    },
  ],
});
