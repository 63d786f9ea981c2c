import { ruleTester } from '../../testing/index.js';
import rule from './rbac-persistent-volume-create.rule.js';

const role = (rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'storage' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] }, { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list'] }]),
  ],
  invalid: [
    {
      name: 'create persistentvolumes',
      object: role([{ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create', 'delete'] }]),
      errors: [{ messageId: 'createPersistentVolumes', path: 'rules[0]' }],
    },
    {
      name: 'any verb on any core resource',
      object: role([{ apiGroups: [''], resources: ['*'], verbs: ['*'] }]),
      errors: [{ messageId: 'createPersistentVolumes', path: 'rules[0]' }],
    },
  ],
});
