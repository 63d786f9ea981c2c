/**
 * An autoscaler that may scale down to one replica leaves the workload with a single pod at quiet times: one
 * node failure or eviction is then an outage.
 * Restricted fields: HorizontalPodAutoscaler spec.minReplicas
 * Allowed values: 2 or more (unset means 1). minReplicas 0 (scale to zero, alpha feature gate) is left alone.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { minReplicasOf } from '../../core/k8s/controllers.js';

export default defineRule({
  id: 'hpa-min-replicas',
  meta: {
    title: 'HorizontalPodAutoscalers should keep at least two replicas',
    category: 'reliability',
    severity: 'low',
    description: 'With minReplicas 1 the autoscaler scales the workload down to a single pod, so a node failure, an eviction or a bad rollout step takes it offline.',
    remediation: 'Set spec.minReplicas to 2 or more.',
    appliesTo: ['HorizontalPodAutoscaler'],
    messages: { tooFew: 'minReplicas is {{min}}, so the autoscaler may leave a single pod.' },
    references: [
      { title: 'Kubernetes: Horizontal Pod Autoscaling', url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/' },
    ],
    peers: { polaris: ['hpaMinAvailability'], kubeScore: ['horizontalpodautoscaler-replicas'], kubeLinter: ['hpa-minimum-three-replicas'] },
    optional: true,
  },
  check(object) {
    if (object.kind !== 'HorizontalPodAutoscaler') return [];
    const min = minReplicasOf(object);
    if (min !== 1) return [];
    return [{ messageId: 'tooFew', path: object.spec?.minReplicas === undefined ? 'spec' : 'spec.minReplicas', data: { min } }];
  },
});
