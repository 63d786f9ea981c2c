/**
 * Admission webhooks and policies see and change every object the API server admits.
 * Restricted fields: Role/ClusterRole rules[*] granting create, update, patch, delete or deletecollection on
 * admissionregistration.k8s.io webhook configurations and admission policies (and their bindings).
 * Allowed values: resourceNames-limited rules (a webhook patching its own caBundle).   Source: CIS 5.1.12.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject, WRITE_VERBS } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-webhook-config-write',
  meta: {
    title: 'Roles should not modify admission webhooks or policies',
    category: 'rbac',
    severity: 'high',
    description: 'Whoever writes webhook configurations or admission policies can intercept every object sent to the API server, inject containers or switch security enforcement off.',
    remediation: 'Keep admission configuration write access for the platform team; a webhook that patches its own caBundle should name its configuration in resourceNames.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { webhookWrite: '{{rule}} grants {{grant}}: the holder controls admission.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.12: Minimize access to webhook configuration objects' },
      { title: 'Kubernetes RBAC good practices: control admission webhooks', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks' },
    ],
    peers: { kubescape: ['C-0281'], trivy: ['KSV-0114'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [{
      groups: ['admissionregistration.k8s.io'],
      resources: [
        'mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies',
        'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings',
      ],
      verbs: WRITE_VERBS,
    }]).map((grant) => ({ messageId: 'webhookWrite' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
