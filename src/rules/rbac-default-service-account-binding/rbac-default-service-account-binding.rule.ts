/**
 * Every pod that names no service account runs as `default`, so permissions bound to it reach all of them.
 * Restricted fields: RoleBinding/ClusterRoleBinding subjects[*] naming ServiceAccount `default`.
 * Allowed values: dedicated service accounts.   Source: CIS 5.1.5, Kubescape C-0189.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isBindingObject, isPlatformRbacObject, roleRefOf, subjectsOf } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-default-service-account-binding',
  meta: {
    title: 'Bindings should not grant roles to default service accounts',
    category: 'rbac',
    severity: 'medium',
    description: 'Pods that do not set serviceAccountName run as the namespace\'s default service account, so a role bound to it is silently given to every such pod.',
    remediation: 'Create a dedicated service account for the workload that needs the role, bind the role to it and set serviceAccountName.',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    messages: { defaultServiceAccount: 'ServiceAccount {{namespace}}/default is bound to {{role}}; every pod without serviceAccountName gets it.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.5: Ensure that default service accounts are not actively used' },
      { title: 'Kubernetes documentation: Configure Service Accounts for Pods', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/' },
    ],
    peers: { kubescape: ['C-0189'] },
  },
  check(object) {
    if (!isBindingObject(object) || isPlatformRbacObject(object)) return [];
    const ref = roleRefOf(object);
    if (!ref) return [];
    return subjectsOf(object)
      .filter(({ subject }) => subject.kind === 'ServiceAccount' && subject.name === 'default')
      .map(({ subject, path }) => ({
        messageId: 'defaultServiceAccount' as const,
        path,
        data: { namespace: subject.namespace ?? object.metadata?.namespace ?? 'default', role: `${ref.kind} ${ref.name}` },
      }));
  },
});
