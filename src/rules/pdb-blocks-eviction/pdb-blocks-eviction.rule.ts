/**
 * A PodDisruptionBudget that allows no disruption blocks every node drain that touches its pods, so cluster
 * upgrades and autoscaler scale-downs hang until someone deletes it.
 * Restricted fields: PodDisruptionBudget spec.maxUnavailable, spec.minAvailable
 * Allowed values: maxUnavailable above 0 / 0%; minAvailable below 100% and, for every selected workload in the
 * input, below its lowest replica count (spec.replicas, or the minReplicas of an HPA that scales it).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { autoscalersOf, minReplicasOf } from '../../core/k8s/controllers.js';
import { describeRef, namespaceOf, refOf } from '../../core/k8s/object.js';
import { replicasOf } from '../../core/k8s/pod-spec.js';
import { selectorMatches } from '../../core/k8s/selectors.js';

function percent(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)%$/.exec(value.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

export default defineRule({
  id: 'pdb-blocks-eviction',
  meta: {
    title: 'PodDisruptionBudgets must allow at least one disruption',
    category: 'reliability',
    severity: 'medium',
    description: 'A budget that allows zero disruptions makes every drain of a node running the selected pods wait forever, which blocks cluster upgrades and node maintenance.',
    remediation: 'Use maxUnavailable: 1 (or a minAvailable below the replica count) and run enough replicas to honour it.',
    appliesTo: ['PodDisruptionBudget'],
    messages: {
      maxUnavailableZero: 'maxUnavailable is {{value}}, so no selected pod may ever be evicted.',
      minAvailableAll: 'minAvailable is {{value}}, so no selected pod may ever be evicted.',
      minAvailableReplicas: 'minAvailable {{value}} is not below the {{replicas}} replica(s) of {{workload}}{{source}}, so none of its pods may be evicted.',
    },
    references: [
      { title: 'Kubernetes: Specifying a Disruption Budget, rounding and zero budgets', url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/' },
      { title: 'Kubernetes: Safely Drain a Node', url: 'https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/' },
    ],
    peers: { polaris: ['pdbDisruptionsIsZero', 'pdbMinAvailableGreaterThanHPAMinReplicas'], kubeLinter: ['pdb-min-available', 'pdb-max-unavailable'] },
  },
  check(object, { objects }) {
    if (object.kind !== 'PodDisruptionBudget') return [];
    const { maxUnavailable, minAvailable, selector } = object.spec ?? {};
    if (maxUnavailable === 0 || percent(maxUnavailable) === 0) {
      return [{ messageId: 'maxUnavailableZero', path: 'spec.maxUnavailable', data: { value: String(maxUnavailable) } }];
    }
    if ((percent(minAvailable) ?? 0) >= 100) {
      return [{ messageId: 'minAvailableAll', path: 'spec.minAvailable', data: { value: String(minAvailable) } }];
    }
    if (typeof minAvailable !== 'number') return [];
    const namespace = namespaceOf(object);
    const hpas = namespace === undefined ? [] : objects.inNamespace('HorizontalPodAutoscaler', namespace);
    const violations = [];
    for (const { object: workload, pod } of objects.workloads()) {
      if (namespaceOf(workload) !== namespace || !selectorMatches(selector, pod.metadata.labels)) continue;
      const scaledBy = autoscalersOf(hpas, workload);
      const replicas = scaledBy.length > 0 ? Math.min(...scaledBy.map(minReplicasOf)) : replicasOf(workload) ?? (typeof workload.spec?.replicas === 'number' ? workload.spec.replicas : undefined);
      if (replicas === undefined || replicas === 0 || minAvailable < replicas) continue;
      violations.push({
        messageId: 'minAvailableReplicas' as const,
        path: 'spec.minAvailable',
        data: { value: minAvailable, replicas, workload: describeRef(refOf(workload)), source: scaledBy.length > 0 ? ' (HPA minReplicas)' : '' },
      });
    }
    return violations;
  },
});
