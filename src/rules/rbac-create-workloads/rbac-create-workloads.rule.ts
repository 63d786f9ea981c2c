/**
 * Whoever can create or change a pod template can run it with any service account, host mount or privilege the
 * namespace admits. Restricted fields: Role/ClusterRole rules[*] granting create, update or patch on pods and
 * pod controllers.   Allowed values: none.   Source: CIS 5.1.4, Kubescape C-0188, Trivy KSV-0048.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

const WORKLOAD_VERBS = ['create', 'update', 'patch'];

export default defineRule({
  id: 'rbac-create-workloads',
  meta: {
    title: 'Roles that create workloads should be few',
    category: 'rbac',
    severity: 'medium',
    description: 'Creating or changing pods and pod controllers lets the holder run any image as any service account of the namespace, with whatever host access admission allows.',
    remediation: 'Grant workload write access to deployment pipelines only, and enforce Pod Security Admission in the namespaces they deploy to.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { createWorkloads: '{{rule}} grants {{grant}}, which runs arbitrary pods.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.4: Minimize access to create pods' },
      { title: 'Kubernetes RBAC good practices: workload creation', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation' },
    ],
    peers: { kubeLinter: ['access-to-create-pods'], kubescape: ['C-0188'], trivy: ['KSV-0048'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [
      { groups: [''], resources: ['pods', 'replicationcontrollers'], verbs: WORKLOAD_VERBS },
      { groups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], verbs: WORKLOAD_VERBS },
      { groups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WORKLOAD_VERBS },
    ]).map((grant) => ({ messageId: 'createWorkloads' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
