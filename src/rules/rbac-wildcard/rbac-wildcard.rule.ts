/**
 * A `*` in a policy rule grants everything that exists now and everything added later (new resources, CRDs,
 * subresources). Restricted fields: Role/ClusterRole rules[*].{verbs,resources,apiGroups,nonResourceURLs}.
 * Allowed values: explicit lists.   Source: CIS 5.1.3, Kubescape C-0187, Trivy KSV-0044/0045/0046.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isPlatformRbacObject, isRoleObject, policyRulesOf } from '../../core/k8s/rbac.js';

const FIELDS = ['verbs', 'resources', 'apiGroups', 'nonResourceURLs'] as const;

export default defineRule({
  id: 'rbac-wildcard',
  meta: {
    title: 'Roles should not use wildcards',
    category: 'rbac',
    severity: 'high',
    description: 'A wildcard grants every verb, resource or API group, including subresources such as pods/exec and resources installed later, so the role is far wider than anyone reviewed.',
    remediation: 'List the verbs, resources and API groups the holder needs explicitly.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { wildcard: '{{rule}} uses "*" in {{fields}}.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.3: Minimize wildcard use in Roles and ClusterRoles' },
      { title: 'Kubernetes RBAC good practices: least privilege', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege' },
    ],
    peers: { kubeLinter: ['wildcard-in-rules'], kubescape: ['C-0187'], trivy: ['KSV-0044', 'KSV-0045', 'KSV-0046', 'KSV-0112'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return policyRulesOf(object).flatMap((rule, index) => {
      const fields = FIELDS.filter((field) => Array.isArray(rule[field]) && rule[field].some((value) => value === '*'));
      if (fields.length === 0) return [];
      return [{ messageId: 'wildcard' as const, path: `rules[${index}]`, data: { rule: `rules[${index}]`, fields: fields.join(', ') } }];
    });
  },
});
