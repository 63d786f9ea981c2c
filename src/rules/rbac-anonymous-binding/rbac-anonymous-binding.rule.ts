/**
 * Anything granted to system:anonymous or system:unauthenticated is granted to the whole network.
 * Restricted fields: RoleBinding/ClusterRoleBinding subjects[*] naming User system:anonymous or Group
 * system:unauthenticated.   Allowed values: the default binding to system:public-info-viewer.
 * Source: kubesec BindingsToSystemAnonymous, Kubescape C-0262, Trivy KSV-0122.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isBindingObject, roleRefOf, subjectsOf } from '../../core/k8s/rbac.js';

/** Kubernetes binds unauthenticated callers to this role by default (version and health endpoints only). */
const DEFAULT_ANONYMOUS_ROLES = new Set(['system:public-info-viewer']);

export default defineRule({
  id: 'rbac-anonymous-binding',
  meta: {
    title: 'Bindings must not grant anything to anonymous users',
    category: 'rbac',
    severity: 'critical',
    description: 'Subjects system:anonymous and system:unauthenticated are every caller without credentials; any permission bound to them is public to whoever reaches the API server.',
    remediation: 'Remove the anonymous subjects from the binding and bind the permissions to authenticated users, groups or service accounts.',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    messages: { anonymous: '{{subject}} is bound to {{role}}: unauthenticated callers get its permissions.' },
    references: [
      { title: 'Kubernetes documentation: anonymous requests', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests' },
      { title: 'CIS Kubernetes Benchmark 5.1: RBAC and service accounts' },
      { title: 'MITRE ATT&CK T1078.001 Default Accounts', url: 'https://attack.mitre.org/techniques/T1078/001/' },
    ],
    peers: { kubescape: ['C-0262'], trivy: ['KSV-0122'] },
  },
  check(object) {
    if (!isBindingObject(object)) return [];
    const ref = roleRefOf(object);
    if (!ref || DEFAULT_ANONYMOUS_ROLES.has(ref.name)) return [];
    return subjectsOf(object)
      .filter(({ subject }) => (subject.kind === 'User' && subject.name === 'system:anonymous') || (subject.kind === 'Group' && subject.name === 'system:unauthenticated'))
      .map(({ subject, path }) => ({ messageId: 'anonymous' as const, path, data: { subject: `${subject.kind} ${subject.name}`, role: `${ref.kind} ${ref.name}` } }));
  },
});
