/**
 * A pod that names a ServiceAccount which does not exist is never created (the ReplicaSet or Job keeps failing).
 * Restricted fields: <pod spec>.serviceAccountName
 * Allowed values: a ServiceAccount of the same namespace in the input. Checked only when the input holds at
 * least one ServiceAccount of that namespace, so a workload scanned without its namespace's accounts is not
 * reported; `default` is never reported, Kubernetes creates it in every namespace.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { serviceAccountOf } from '../../core/k8s/service-account.js';

export default defineRule({
  id: 'service-account-missing',
  meta: {
    title: 'Workloads must reference an existing ServiceAccount',
    category: 'service-accounts',
    severity: 'medium',
    description: 'Pods that name a ServiceAccount that does not exist are rejected at creation, so the workload never starts; the name is usually a typo or a missing manifest.',
    remediation: 'Add the ServiceAccount to the manifests or correct serviceAccountName.',
    appliesTo: 'workloads',
    messages: {
      missing: 'ServiceAccount "{{serviceAccount}}" is not among the ServiceAccounts of namespace {{namespace}} in the input.',
    },
    references: [
      { title: 'Kubernetes: Configure Service Accounts for Pods', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/' },
    ],
    peers: { kubeLinter: ['non-existent-service-account'], kubescape: ['C-0307'] },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    const namespace = namespaceOf(object);
    if (!pod || namespace === undefined) return [];
    const serviceAccount = serviceAccountOf(pod);
    if (serviceAccount.name === 'default') return [];
    if (objects.inNamespace('ServiceAccount', namespace).length === 0) return [];
    if (objects.find('ServiceAccount', namespace, serviceAccount.name)) return [];
    return [{ messageId: 'missing', path: serviceAccount.path, data: { serviceAccount: serviceAccount.name, namespace } }];
  },
});
