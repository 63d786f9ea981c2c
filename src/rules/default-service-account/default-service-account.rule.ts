/**
 * Pods that run as the namespace's `default` ServiceAccount share one identity with every other pod that did
 * not pick one, so any RBAC granted to `default` reaches all of them.
 * Restricted fields: <pod spec>.serviceAccountName (and the deprecated serviceAccount)
 * Allowed values: a ServiceAccount name other than `default`.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { serviceAccountOf } from '../../core/k8s/service-account.js';

export default defineRule({
  id: 'default-service-account',
  meta: {
    title: 'Workloads should run as their own ServiceAccount',
    category: 'service-accounts',
    severity: 'low',
    description: 'The default ServiceAccount is shared by every pod of the namespace that names none, so permissions granted to one of them are granted to all.',
    remediation: 'Create a ServiceAccount per workload and set serviceAccountName to it.',
    appliesTo: 'workloads',
    messages: {
      implicitDefault: 'The pod names no ServiceAccount, so it runs as "default".',
      explicitDefault: 'The pod runs as the "default" ServiceAccount.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.5: Ensure that default service accounts are not actively used' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: service accounts' },
      { title: 'Kubernetes: Service Accounts', url: 'https://kubernetes.io/docs/concepts/security/service-accounts/' },
    ],
    peers: { kubeLinter: ['default-service-account'], kubescape: ['C-0189'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const serviceAccount = serviceAccountOf(pod);
    if (serviceAccount.name !== 'default') return [];
    return [{ messageId: serviceAccount.explicit ? 'explicitDefault' : 'implicitDefault', path: serviceAccount.path }];
  },
});
