import { ruleTester } from '../../testing/index.js';
import rule from './rbac-csr-approve.rule.js';

const CERTIFICATES = 'certificates.k8s.io';
const role = (rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'csr-approver' }, rules });

ruleTester(rule).run({
  valid: [
    role([{ apiGroups: [CERTIFICATES], resources: ['certificatesigningrequests'], verbs: ['create', 'get', 'list'] }]),
    { name: 'status subresource only', object: role([{ apiGroups: [CERTIFICATES], resources: ['certificatesigningrequests/status'], verbs: ['update'] }]) },
  ],
  invalid: [
    {
      name: 'approval subresource and a named signer',
      object: role([
        { apiGroups: [CERTIFICATES], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
        { apiGroups: [CERTIFICATES], resources: ['signers'], resourceNames: ['kubernetes.io/kube-apiserver-client'], verbs: ['approve'] },
      ]),
      errors: [{ messageId: 'approval', path: 'rules[0]' }, { messageId: 'signer', path: 'rules[1]' }],
    },
    {
      name: 'wildcards',
      object: role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      errors: [{ messageId: 'approval', path: 'rules[0]' }, { messageId: 'signer', path: 'rules[0]' }],
    },
  ],
});
