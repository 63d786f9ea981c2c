import { ruleTester } from '../../testing/index.js';
import rule from './rbac-node-proxy.rule.js';

const role = (rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'monitoring' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['nodes', 'nodes/metrics', 'nodes/stats'], verbs: ['get', 'list'] }]),
    { name: 'nodes does not cover nodes/proxy', object: role([{ apiGroups: [''], resources: ['nodes'], verbs: ['*'] }]) },
  ],
  invalid: [
    {
      name: 'get nodes/proxy',
      object: role([{ apiGroups: [''], resources: ['nodes', 'nodes/proxy'], verbs: ['get'] }]),
      errors: [{ messageId: 'nodeProxy', path: 'rules[0]' }],
    },
    {
      name: 'every proxy subresource',
      object: role([{ apiGroups: [''], resources: ['*/proxy'], verbs: ['create'] }]),
      errors: [{ messageId: 'nodeProxy', path: 'rules[0]' }],
    },
  ],
});
