/**
 * Members of system:masters bypass RBAC and authorization webhooks entirely, and the membership cannot be revoked
 * by deleting a binding. Restricted fields: RoleBinding/ClusterRoleBinding subjects[*] naming Group system:masters.
 * Allowed values: none outside Kubernetes' bootstrap policy.   Source: CIS 5.1.7, Trivy KSV-0123.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isBindingObject, isPlatformRbacObject, subjectsOf } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-system-masters',
  meta: {
    title: 'Bindings should not reference the system:masters group',
    category: 'rbac',
    severity: 'critical',
    description: 'system:masters is a break-glass group that skips every authorization check; referencing it in bindings signals that credentials carrying it are in use and hides how powerful they are.',
    remediation: 'Remove the system:masters subject and give administrators a named group bound to a reviewed role.',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    messages: { systemMasters: 'The binding names Group system:masters, which bypasses RBAC entirely.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.7: Avoid use of system:masters group' },
      { title: 'Kubernetes RBAC good practices: avoid system:masters', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege' },
    ],
    peers: { kubescape: ['C-0246'], trivy: ['KSV-0123'] },
  },
  check(object) {
    if (!isBindingObject(object) || isPlatformRbacObject(object)) return [];
    return subjectsOf(object)
      .filter(({ subject }) => subject.kind === 'Group' && subject.name === 'system:masters')
      .map(({ path }) => ({ messageId: 'systemMasters' as const, path }));
  },
});
