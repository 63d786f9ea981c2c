/**
 * An autoscaler whose maxReplicas is not above minReplicas cannot scale: it either pins the workload to one size
 * or is rejected by the API server.
 * Restricted fields: HorizontalPodAutoscaler spec.maxReplicas
 * Allowed values: greater than the effective minReplicas (default 1).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { minReplicasOf } from '../../core/k8s/controllers.js';

export default defineRule({
  id: 'hpa-fixed-replicas',
  meta: {
    title: 'HorizontalPodAutoscalers need maxReplicas above minReplicas',
    category: 'reliability',
    severity: 'low',
    description: 'When maxReplicas equals minReplicas the autoscaler never scales, and when it is lower the API server rejects the object; either way the workload cannot absorb load.',
    remediation: 'Set spec.maxReplicas above spec.minReplicas, or remove the autoscaler and set replicas directly.',
    appliesTo: ['HorizontalPodAutoscaler'],
    messages: {
      equal: 'maxReplicas equals minReplicas ({{min}}), so the autoscaler never scales.',
      below: 'maxReplicas {{max}} is below minReplicas {{min}}; the API server rejects this.',
    },
    references: [
      { title: 'Kubernetes: Horizontal Pod Autoscaling', url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/' },
    ],
    peers: { polaris: ['hpaMaxAvailability'] },
  },
  check(object) {
    if (object.kind !== 'HorizontalPodAutoscaler') return [];
    const max = object.spec?.maxReplicas;
    if (typeof max !== 'number') return [];
    const min = minReplicasOf(object);
    if (max === min) return [{ messageId: 'equal', path: 'spec.maxReplicas', data: { min, max } }];
    if (max < min) return [{ messageId: 'below', path: 'spec.maxReplicas', data: { min, max } }];
    return [];
  },
});
