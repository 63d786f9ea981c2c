import { ruleTester } from '../../testing/index.js';
import rule from './rbac-impersonate.rule.js';

const role = (rules: unknown[], kind = 'ClusterRole') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'proxy' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['users', 'serviceaccounts'], verbs: ['get', 'list'] }]),
    { name: 'impersonate on an unrelated resource', object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['impersonate'] }]) },
    { name: 'bootstrap role', object: { ...role([{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }]), metadata: { name: 'x', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } } },
  ],
  invalid: [
    {
      name: 'impersonate users and groups',
      object: role([{ apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] }]),
      errors: [{ messageId: 'impersonate', path: 'rules[0]' }],
    },
    {
      name: 'impersonate a named group is still reported',
      object: role([{ apiGroups: [''], resources: ['groups'], resourceNames: ['system:masters'], verbs: ['impersonate'] }]),
      errors: [{ messageId: 'impersonate', path: 'rules[0]' }],
    },
    {
      name: 'user extras',
      object: role([{ apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes'], verbs: ['impersonate'] }], 'Role'),
      errors: [{ messageId: 'impersonate', path: 'rules[0]' }],
    },
    {
      name: 'any verb on service accounts',
      object: role([{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['*'] }]),
      errors: [{ messageId: 'impersonate', path: 'rules[0]' }],
    },
  ],
});
