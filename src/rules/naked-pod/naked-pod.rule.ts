/**
 * A Pod created directly, without a controller, is not recreated when its node fails or it is evicted, and cannot
 * be rolled out or scaled.
 * Restricted fields: Pod metadata.ownerReferences
 * Allowed values: an owner reference (ReplicaSet, StatefulSet, DaemonSet, Job, a custom controller, …).
 */
import { defineRule } from '../../core/engine/define-rule.js';

export default defineRule({
  id: 'naked-pod',
  meta: {
    title: 'Pods should be managed by a controller',
    category: 'reliability',
    severity: 'low',
    description: 'A bare Pod is gone for good when its node fails, it is evicted or the node is drained; a controller would replace it.',
    remediation: 'Run the pod through a Deployment, StatefulSet, DaemonSet or Job instead of creating it directly.',
    appliesTo: ['Pod'],
    messages: { naked: 'The Pod has no owner, so nothing recreates it when it is evicted or its node fails.' },
    references: [
      { title: 'Kubernetes: Configuration Best Practices, "naked" Pods', url: 'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs' },
    ],
    peers: { kubescape: ['C-0073'] },
    optional: true,
  },
  check(object) {
    if (object.kind !== 'Pod') return [];
    const owners = object.metadata?.ownerReferences;
    return Array.isArray(owners) && owners.length > 0 ? [] : [{ messageId: 'naked', path: 'metadata' }];
  },
});
