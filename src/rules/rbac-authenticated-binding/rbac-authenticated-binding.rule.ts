/**
 * system:authenticated is every user and service account with valid credentials; on managed clusters that can be
 * any account of the cloud provider. Restricted fields: RoleBinding/ClusterRoleBinding subjects[*] naming Group
 * system:authenticated or system:serviceaccounts.   Allowed values: Kubernetes' default discovery roles.
 * Source: Kubescape C-0265, Trivy KSV-01011.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isBindingObject, roleRefOf, subjectsOf } from '../../core/k8s/rbac.js';

/** Roles Kubernetes itself binds to these groups: discovery, self-review and the OIDC issuer metadata. */
const DEFAULT_ROLES = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:service-account-issuer-discovery']);
const EVERYONE_GROUPS = new Set(['system:authenticated', 'system:serviceaccounts']);

export default defineRule({
  id: 'rbac-authenticated-binding',
  meta: {
    title: 'Bindings should not grant permissions to all authenticated users',
    category: 'rbac',
    severity: 'critical',
    description: 'The groups system:authenticated and system:serviceaccounts contain every user and every service account (on some managed clusters, any account of the cloud provider), so a permission bound to them is held by everyone.',
    remediation: 'Bind the role to the specific groups, users or service accounts that need it.',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    messages: { everyone: 'Group {{group}} is bound to {{role}}: every authenticated identity gets its permissions.' },
    references: [
      { title: 'Kubernetes RBAC: default roles and role bindings', url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings' },
      { title: 'GKE best practices for RBAC: avoid default roles and groups', url: 'https://cloud.google.com/kubernetes-engine/docs/best-practices/rbac' },
    ],
    peers: { kubescape: ['C-0265'], trivy: ['KSV-01011'] },
  },
  check(object) {
    if (!isBindingObject(object)) return [];
    const ref = roleRefOf(object);
    if (!ref || (ref.kind === 'ClusterRole' && DEFAULT_ROLES.has(ref.name))) return [];
    return subjectsOf(object)
      .filter(({ subject }) => subject.kind === 'Group' && EVERYONE_GROUPS.has(subject.name ?? ''))
      .map(({ subject, path }) => ({ messageId: 'everyone' as const, path, data: { group: subject.name, role: `${ref.kind} ${ref.name}` } }));
  },
});
