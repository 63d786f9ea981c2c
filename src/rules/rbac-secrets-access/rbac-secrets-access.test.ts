import { ruleTester } from '../../testing/index.js';
import rule from './rbac-secrets-access.rule.js';

const role = (rules: unknown[], kind = 'Role', name = 'reader') => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, namespace: kind === 'Role' ? 'shop' : undefined }, rules,
});

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }]),
    { name: 'named Secrets only', object: role([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['web-tls'], verbs: ['get'] }]) },
    { name: 'write without read', object: role([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }]) },
    { name: 'secrets of another API group', object: role([{ apiGroups: ['example.com'], resources: ['secrets'], verbs: ['get'] }]) },
    { name: 'a subresource of secrets is not secrets', object: role([{ apiGroups: [''], resources: ['*/status'], verbs: ['get'] }]) },
    { name: 'Kubernetes bootstrap role', object: { ...role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }], 'ClusterRole', 'edit'), metadata: { name: 'edit', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } } },
    { name: 'system: name', object: role([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }], 'ClusterRole', 'system:controller:foo') },
    { name: 'aggregated ClusterRole is read as written (empty rules)', object: { ...role([], 'ClusterRole', 'monitoring'), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] } } },
    { name: 'not RBAC', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] } },
  ],
  invalid: [
    {
      name: 'Role lists secrets',
      object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'create'] }]),
      errors: [{ messageId: 'readSecrets', path: 'rules[1]' }],
    },
    {
      name: 'ClusterRole with wildcard verbs on every resource',
      object: role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'ClusterRole'),
      errors: [{ messageId: 'readSecrets', path: 'rules[0]' }],
    },
    {
      name: 'aggregated ClusterRole with its own rules',
      object: { ...role([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }], 'ClusterRole', 'monitoring'), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] } },
      errors: [{ messageId: 'readSecrets', path: 'rules[0]' }],
    },
    {
      name: 'watch only',
      object: role([{ apiGroups: [''], resources: ['secrets'], verbs: ['watch'] }], 'ClusterRole'),
      errors: [{ messageId: 'readSecrets', path: 'rules[0]' }],
    },
  ],
});
