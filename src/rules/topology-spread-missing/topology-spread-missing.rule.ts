/**
 * Topology spread constraints keep replicas balanced across nodes and zones; one whose selector does not match
 * the pod's own labels counts other pods and spreads nothing.
 * Applies to: Deployments, StatefulSets and replicated custom resources with more than one replica (or an HPA).
 * Restricted fields: <pod spec>.topologySpreadConstraints
 * Allowed values: at least one constraint, each with a labelSelector matching the pod template labels.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { multiReplicaPodTemplateOf } from '../../core/k8s/replicated-workload.js';
import { selectorMatches } from '../../core/k8s/selectors.js';

export default defineRule({
  id: 'topology-spread-missing',
  meta: {
    title: 'Replicated workloads should declare topology spread constraints',
    category: 'scheduling',
    severity: 'low',
    description: 'Without topology spread constraints replicas can pile up in one zone or on one node, so a zone or node outage takes out most of the service.',
    remediation: 'Add topologySpreadConstraints over topology.kubernetes.io/zone and kubernetes.io/hostname that select the workload\'s own pods.',
    appliesTo: 'workloads',
    messages: {
      missing: 'The {{kind}} has no topologySpreadConstraints.',
      selectorMismatch: 'topologySpreadConstraints[{{index}}] does not select the pod\'s own labels, so it spreads nothing.',
    },
    references: [
      { title: 'Kubernetes: Pod Topology Spread Constraints', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/' },
    ],
    peers: { polaris: ['topologySpreadConstraint'], kubeScore: ['pod-topology-spread-constraints'] },
    optional: true,
  },
  check(object, { objects }) {
    const pod = multiReplicaPodTemplateOf(object, objects);
    if (!pod) return [];
    const constraints = pod.spec.topologySpreadConstraints;
    if (!Array.isArray(constraints) || constraints.length === 0) {
      return [{ messageId: 'missing', path: pod.specPath, data: { kind: object.kind } }];
    }
    const violations: Violation<'selectorMismatch'>[] = [];
    constraints.forEach((constraint: any, index: number) => {
      if (!selectorMatches(constraint?.labelSelector, pod.metadata.labels)) {
        violations.push({ messageId: 'selectorMismatch', path: `${pod.specPath}.topologySpreadConstraints[${index}]`, data: { index } });
      }
    });
    return violations;
  },
});
