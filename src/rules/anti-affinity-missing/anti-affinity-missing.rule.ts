/**
 * Replicas that may all be scheduled onto one node fail together with that node.
 * Applies to: Deployments, StatefulSets and replicated custom resources with more than one replica (or an HPA).
 * Allowed: a podAntiAffinity term (required or preferred), or a topologySpreadConstraint, over a node or zone
 * topology key whose label selector matches the pod's own labels.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject } from '../../core/k8s/object.js';
import { multiReplicaPodTemplateOf } from '../../core/k8s/replicated-workload.js';
import { selectorMatches } from '../../core/k8s/selectors.js';

const SPREADING_KEYS = new Set(['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);

function spreadsOwnPods(term: unknown, labels: Record<string, string> | undefined): boolean {
  return isObject(term) && SPREADING_KEYS.has(term.topologyKey) && selectorMatches(term.labelSelector, labels);
}

export default defineRule({
  id: 'anti-affinity-missing',
  meta: {
    title: 'Replicas should be kept off the same node',
    category: 'scheduling',
    severity: 'low',
    description: 'Without pod anti-affinity or a topology spread constraint the scheduler may put all replicas on one node, and losing that node loses the whole service.',
    remediation: 'Add a preferred podAntiAffinity term on kubernetes.io/hostname (or a topologySpreadConstraint) that selects the workload\'s own pods.',
    appliesTo: 'workloads',
    messages: { missing: 'Nothing keeps the replicas of this {{kind}} on different nodes or zones.' },
    references: [
      { title: 'Kubernetes: Assigning Pods to Nodes, inter-pod affinity and anti-affinity', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity' },
    ],
    peers: { kubeScore: ['deployment-has-host-podantiaffinity', 'statefulset-has-host-podantiaffinity'], kubeLinter: ['no-anti-affinity'] },
    optional: true,
  },
  check(object, { objects }) {
    const pod = multiReplicaPodTemplateOf(object, objects);
    if (!pod) return [];
    const labels = pod.metadata.labels;
    const antiAffinity = pod.spec.affinity?.podAntiAffinity ?? {};
    const terms = [
      ...(antiAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(antiAffinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((weighted: any) => weighted?.podAffinityTerm),
      ...(pod.spec.topologySpreadConstraints ?? []),
    ];
    if (terms.some((term: unknown) => spreadsOwnPods(term, labels))) return [];
    return [{ messageId: 'missing', path: pod.specPath, data: { kind: object.kind } }];
  },
});
