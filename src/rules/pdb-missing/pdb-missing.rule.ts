/**
 * Without a PodDisruptionBudget, a node drain may evict every replica of a service at once.
 * Reads: PodDisruptionBudgets of the workload's namespace in the input.
 * Applies to: Deployments, StatefulSets and replicated custom resources that run 2 or more replicas or are
 * autoscaled. Allowed: a PodDisruptionBudget whose selector matches the pod template labels.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isReplicatedService, lowestReplicas } from '../../core/k8s/controllers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { selectorMatches } from '../../core/k8s/selectors.js';

export default defineRule({
  id: 'pdb-missing',
  meta: {
    title: 'Replicated workloads should have a PodDisruptionBudget',
    category: 'reliability',
    severity: 'low',
    description: 'Without a PodDisruptionBudget, node drains and cluster upgrades may evict all replicas of a service at the same time.',
    remediation: 'Add a PodDisruptionBudget with maxUnavailable: 1 that selects the workload\'s pods.',
    appliesTo: 'workloads',
    messages: { missing: 'No PodDisruptionBudget of namespace {{namespace}} in the input selects the pods of this {{kind}}.' },
    references: [
      { title: 'Kubernetes: Disruptions, pod disruption budgets', url: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets' },
    ],
    peers: { polaris: ['missingPodDisruptionBudget'], kubeScore: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'] },
    optional: true,
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    const namespace = namespaceOf(object);
    if (!pod || namespace === undefined || !isReplicatedService(object)) return [];
    const { replicas, autoscaled } = lowestReplicas(object, objects.inNamespace('HorizontalPodAutoscaler', namespace));
    if (!autoscaled && replicas < 2) return [];
    const covered = objects.inNamespace('PodDisruptionBudget', namespace).some((pdb) => selectorMatches(pdb.spec?.selector, pod.metadata.labels));
    return covered ? [] : [{ messageId: 'missing', path: 'spec', data: { namespace, kind: object.kind } }];
  },
});
