/**
 * Reading Secrets returns their values, including legacy service account token Secrets.
 * Restricted fields: Role/ClusterRole rules[*] granting get, list or watch on core `secrets`.
 * Allowed values: rules limited with resourceNames (reading named Secrets only).   Source: CIS 5.1.2.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-secrets-access',
  meta: {
    title: 'Roles should not read all Secrets',
    category: 'rbac',
    severity: 'high',
    description: 'get, list or watch on Secrets returns their contents: passwords, keys and service account tokens that lead to further access.',
    remediation: 'Drop the read verbs on secrets, or limit the rule to the Secrets the workload needs with resourceNames.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { readSecrets: '{{rule}} grants {{grant}}, which returns Secret values.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.2: Minimize access to secrets' },
      { title: 'Kubernetes RBAC good practices: listing secrets', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets' },
      { title: 'MITRE ATT&CK T1552.007 Container API credentials', url: 'https://attack.mitre.org/techniques/T1552/007/' },
    ],
    peers: { kubeLinter: ['access-to-secrets'], kubescape: ['C-0015', 'C-0186'], trivy: ['KSV-0041', 'KSV-0113'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [{ groups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }]).map((grant) => ({
      messageId: 'readSecrets' as const,
      path: grant.path,
      data: { rule: grant.path, grant: describeGrant(grant) },
    }));
  },
});
