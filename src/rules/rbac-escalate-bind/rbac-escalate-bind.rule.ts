/**
 * RBAC's escalation prevention stops users from granting permissions they lack, unless they hold `escalate` or
 * `bind`. Restricted fields: Role/ClusterRole rules[*] granting escalate/bind on roles or clusterroles, or
 * create/update/patch on rolebindings or clusterrolebindings.   Allowed values: resourceNames-limited rules.
 * Source: CIS 5.1.8, Kubernetes RBAC "privilege escalation prevention".
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export default defineRule({
  id: 'rbac-escalate-bind',
  meta: {
    title: 'Roles should not allow RBAC escalation',
    category: 'rbac',
    severity: 'high',
    description: 'escalate and bind switch off RBAC\'s escalation prevention, and write access to bindings hands the holder\'s permissions to anyone; either way a role can become cluster admin.',
    remediation: 'Remove escalate and bind, and keep binding write access for the platform team; limit bind with resourceNames to the roles that may be handed out.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: {
      escalateBind: '{{rule}} grants {{grant}}: the holder can grant permissions it does not have.',
      writeBindings: '{{rule}} grants {{grant}}: the holder can bind roles to any subject.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.8: Limit use of the Bind, Impersonate and Escalate permissions' },
      { title: 'Kubernetes RBAC: privilege escalation prevention and bootstrapping', url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping' },
    ],
    peers: { kubescape: ['C-0191'], trivy: ['KSV-0050', 'KSV-0051', 'KSV-0052'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    const escalate = findGrants(object, [{ groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] }])
      .map((grant) => ({ messageId: 'escalateBind' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
    const bindings = findGrants(object, [{ groups: [RBAC_GROUP], resources: ['rolebindings', 'clusterrolebindings'], verbs: ['create', 'update', 'patch'] }])
      .map((grant) => ({ messageId: 'writeBindings' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
    return [...escalate, ...bindings].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  },
});
