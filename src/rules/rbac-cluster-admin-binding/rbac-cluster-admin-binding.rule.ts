/**
 * cluster-admin (or any role that grants `*` on `*` in `*`) is unlimited power; bindings to it should be rare.
 * Restricted fields: RoleBinding/ClusterRoleBinding roleRef naming ClusterRole cluster-admin, or a Role/ClusterRole
 * in the scan whose rules grant every verb on every resource.   Allowed values: other roles.
 * Source: CIS 5.1.1, Polaris clusterrolebindingClusterAdmin.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isBindingObject, isPlatformRbacObject, policyRulesOf, referencedRole, roleRefOf, type PolicyRule } from '../../core/k8s/rbac.js';

function grantsEverything(rule: PolicyRule): boolean {
  const has = (list: unknown) => Array.isArray(list) && list.includes('*');
  return has(rule.verbs) && has(rule.resources) && has(rule.apiGroups) && !(rule.resourceNames?.length);
}

export default defineRule({
  id: 'rbac-cluster-admin-binding',
  meta: {
    title: 'Bindings should not grant cluster-admin',
    category: 'rbac',
    severity: 'high',
    description: 'cluster-admin allows every action on every resource; in a ClusterRoleBinding it covers the whole cluster, and in a RoleBinding everything in the namespace.',
    remediation: 'Bind a role that lists only the permissions needed, and keep cluster-admin for break-glass access.',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    messages: {
      clusterAdmin: '{{kind}} grants the cluster-admin ClusterRole.',
      adminEquivalent: '{{kind}} grants {{role}}, whose rules allow every verb on every resource.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.1: Ensure that the cluster-admin role is only used where required' },
      { title: 'Kubernetes RBAC: user-facing roles', url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles' },
    ],
    peers: {
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
      kubeLinter: ['cluster-admin-role-binding'],
      kubescape: ['C-0035', 'C-0185'],
      trivy: ['KSV-0111'],
    },
  },
  check(object, ctx) {
    if (!isBindingObject(object) || isPlatformRbacObject(object)) return [];
    const ref = roleRefOf(object);
    if (!ref) return [];
    if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
      return [{ messageId: 'clusterAdmin', path: 'roleRef.name', data: { kind: object.kind } }];
    }
    const role = referencedRole(object, (kind, namespace, name) => ctx.objects.find(kind, namespace, name));
    if (role && policyRulesOf(role).some(grantsEverything)) {
      return [{ messageId: 'adminEquivalent', path: 'roleRef.name', data: { kind: object.kind, role: `${ref.kind} ${ref.name}` } }];
    }
    return [];
  },
});
