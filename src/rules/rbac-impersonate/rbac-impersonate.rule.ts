/**
 * Impersonation lets the holder act as another user, group or service account, including cluster admins.
 * Restricted fields: Role/ClusterRole rules[*] granting `impersonate` on users, groups, serviceaccounts, uids or
 * userextras.   Allowed values: none (resourceNames still impersonate someone).   Source: CIS 5.1.8.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-impersonate',
  meta: {
    title: 'Roles should not allow impersonation',
    category: 'rbac',
    severity: 'high',
    description: 'The impersonate verb lets the holder send requests as another user, group or service account and so gain all of that identity\'s permissions.',
    remediation: 'Remove the impersonate verb and grant the needed permissions directly; exempt authenticating proxies with a reason.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { impersonate: '{{rule}} grants {{grant}}: the holder can act as other identities.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.8: Limit use of the Bind, Impersonate and Escalate permissions' },
      { title: 'Kubernetes documentation: User impersonation', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation' },
    ],
    peers: { kubescape: ['C-0065'], trivy: ['KSV-0043'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    // Named identities are still reported: `resourceNames: [system:masters]` on groups is the worst case.
    return findGrants(object, [
      { groups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
      { groups: ['authentication.k8s.io'], resources: ['uids', 'userextras/*'], verbs: ['impersonate'] },
    ], { includeNamedResources: true }).map((grant) => ({ messageId: 'impersonate' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
