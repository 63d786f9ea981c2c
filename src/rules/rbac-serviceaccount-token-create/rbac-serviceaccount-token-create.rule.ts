/**
 * Creating service account tokens mints credentials for every service account in scope.
 * Restricted fields: Role/ClusterRole rules[*] granting create on `serviceaccounts/token`.
 * Allowed values: resourceNames-limited rules.   Source: CIS 5.1.13, Kubescape C-0282.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-serviceaccount-token-create',
  meta: {
    title: 'Roles should not mint service account tokens',
    category: 'rbac',
    severity: 'medium',
    description: 'create on serviceaccounts/token issues a token for any service account in scope, so the holder gains the permissions of the most powerful one.',
    remediation: 'Remove serviceaccounts/token, or limit it with resourceNames to the service accounts the holder really issues tokens for.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { tokenCreate: '{{rule}} grants {{grant}}: the holder can act as any service account in scope.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.13: Minimize access to the service account token creation' },
      { title: 'Kubernetes RBAC good practices: token request', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request' },
    ],
    peers: { kubescape: ['C-0282'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [{ groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }])
      .map((grant) => ({ messageId: 'tokenCreate' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
