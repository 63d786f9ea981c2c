import { ruleTester } from '../../testing/index.js';
import rule from './rbac-configmaps-write.rule.js';

const role = (rules: unknown[], kind = 'Role') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'config', namespace: 'shop' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]),
    { name: 'named application ConfigMap', object: role([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['leader-lock'], verbs: ['update'] }]) },
  ],
  invalid: [
    {
      name: 'update any ConfigMap',
      object: role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['update', 'patch'] }]),
      errors: [{ messageId: 'writeConfigMaps', path: 'rules[0]' }],
    },
    {
      name: 'named aws-auth',
      object: role([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth'], verbs: ['patch'] }], 'ClusterRole'),
      errors: [{ messageId: 'writePlatformConfigMap', path: 'rules[0]' }],
    },
    {
      name: 'wildcard resources',
      object: role([{ apiGroups: [''], resources: ['*'], verbs: ['create'] }]),
      errors: [{ messageId: 'writeConfigMaps', path: 'rules[0]' }],
    },
  ],
});
