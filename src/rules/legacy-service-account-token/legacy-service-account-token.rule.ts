/**
 * A Secret of type kubernetes.io/service-account-token holds a ServiceAccount token that never expires and is not
 * bound to a pod: whoever reads the Secret once holds the ServiceAccount's permissions until the Secret is deleted.
 * Restricted fields: Secret `type`.   Allowed values: anything but kubernetes.io/service-account-token.
 * Since 1.24 Kubernetes no longer creates these; since 1.29 it labels unused ones with
 * `kubernetes.io/legacy-token-invalid-since` and then deletes them. Reads only metadata and type, never data.
 */
import { defineRule } from '../../core/engine/define-rule.js';

const TOKEN_TYPE = 'kubernetes.io/service-account-token';
const INVALIDATED_LABEL = 'kubernetes.io/legacy-token-invalid-since';

export default defineRule({
  id: 'legacy-service-account-token',
  meta: {
    title: 'ServiceAccounts should not have long-lived token Secrets',
    category: 'service-accounts',
    severity: 'medium',
    description: 'A service-account-token Secret holds a token that never expires and is not bound to a pod, so a single read of the Secret gives lasting access with the ServiceAccount\'s permissions.',
    remediation: 'Delete the Secret and let pods use projected, expiring tokens (or kubectl create token for short-lived external access).',
    appliesTo: ['Secret'],
    messages: {
      legacyToken: 'Secret holds a long-lived token of ServiceAccount "{{serviceAccount}}" that never expires.',
      invalidatedToken: 'Secret holds a legacy token of ServiceAccount "{{serviceAccount}}" that Kubernetes invalidated on {{since}}; delete it.',
    },
    references: [
      { title: 'Kubernetes: Manually create a long-lived API token for a ServiceAccount', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#manually-create-an-api-token-for-a-serviceaccount' },
      { title: 'KEP-2799: Reduction of Secret-based Service Account Tokens', url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/2799-reduction-of-secret-based-service-account-token' },
      { title: 'Kubernetes: Legacy service account token cleaner', url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#legacy-serviceaccount-token-cleaner' },
      { title: 'CIS Kubernetes Benchmark 5.1.6: Ensure that Service Account Tokens are only mounted where necessary' },
    ],
  },
  check(object) {
    if (object.type !== TOKEN_TYPE) return [];
    const serviceAccount = object.metadata?.annotations?.['kubernetes.io/service-account.name'] ?? '(unknown)';
    const since = object.metadata?.labels?.[INVALIDATED_LABEL];
    if (since) return [{ messageId: 'invalidatedToken', path: 'type', data: { serviceAccount, since }, severity: 'low' }];
    return [{ messageId: 'legacyToken', path: 'type', data: { serviceAccount } }];
  },
});
