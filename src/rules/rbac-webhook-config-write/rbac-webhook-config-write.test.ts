import { ruleTester } from '../../testing/index.js';
import rule from './rbac-webhook-config-write.rule.js';

const ADMISSION = 'admissionregistration.k8s.io';
const role = (rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'webhook' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [ADMISSION], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'list', 'watch'] }]),
    { name: 'patch its own configuration', object: role([{ apiGroups: [ADMISSION], resources: ['validatingwebhookconfigurations'], resourceNames: ['kubeward'], verbs: ['patch'] }]) },
  ],
  invalid: [
    {
      name: 'create mutating webhooks',
      object: role([{ apiGroups: [ADMISSION], resources: ['mutatingwebhookconfigurations'], verbs: ['create'] }]),
      errors: [{ messageId: 'webhookWrite', path: 'rules[0]' }],
    },
    {
      name: 'delete admission policy bindings',
      object: role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { apiGroups: [ADMISSION], resources: ['validatingadmissionpolicybindings'], verbs: ['delete'] }]),
      errors: [{ messageId: 'webhookWrite', path: 'rules[1]' }],
    },
    {
      name: 'everything in the group',
      object: role([{ apiGroups: [ADMISSION], resources: ['*'], verbs: ['*'] }]),
      errors: [{ messageId: 'webhookWrite', path: 'rules[0]' }],
    },
  ],
});
