/**
 * A NetworkPolicy whose pod selector matches nothing protects nothing, and a peer selector that matches nothing
 * allows nothing: both usually mean a label typo. Restricted fields: NetworkPolicy spec.podSelector and
 * spec.{ingress[*].from,egress[*].to}[*].podSelector (peers without namespaceSelector).
 * Allowed values: selectors matching a workload of the policy's namespace.   Source: kube-score networkpolicy-targets-pod.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject, namespaceOf } from '../../core/k8s/object.js';
import { isNetworkPolicy, policyPodSelector } from '../../core/k8s/network-policy.js';
import { runningWorkloadCandidates, runningWorkloadsIn } from '../../core/k8s/running-workloads.js';
import { selectorMatches, type LabelSelector } from '../../core/k8s/selectors.js';

export default defineRule({
  id: 'network-policy-no-matching-pods',
  meta: {
    title: 'NetworkPolicy selectors should match a workload',
    category: 'cross-object',
    severity: 'low',
    description: 'A NetworkPolicy that selects no pod isolates nothing, and a peer selector that matches no pod opens nothing, so the intended protection or access silently does not exist.',
    remediation: 'Make the selector match the pod template labels of the workloads the policy is meant for.',
    appliesTo: ['NetworkPolicy'],
    messages: {
      selectsNothing: 'spec.podSelector matches no workload in namespace {{namespace}}, so this policy isolates nothing.',
      peerSelectsNothing: 'This peer podSelector matches no workload in namespace {{namespace}}.',
    },
    references: [
      { title: 'Kubernetes documentation: Network Policies', url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/' },
    ],
    peers: { kubeScore: ['networkpolicy-targets-pod'], kubeLinter: ['dangling-networkpolicy', 'dangling-networkpolicypeer-podselector'], kubescape: ['C-0299'] },
  },
  check(object, ctx) {
    if (!isNetworkPolicy(object)) return [];
    const namespace = namespaceOf(object) ?? 'default';
    // Manifests are often scanned piecemeal; judge only namespaces whose workloads are part of the scan.
    const workloads = ctx.objects.workloads();
    if (runningWorkloadsIn(workloads, namespace).length === 0) return [];
    const matchesAny = (selector: LabelSelector) => isObject(selector)
      && runningWorkloadCandidates(workloads, namespace, selector.matchLabels).some(({ pod }) => selectorMatches(selector, pod.metadata.labels));
    const violations = [];
    if (!matchesAny(policyPodSelector(object))) violations.push({ messageId: 'selectsNothing' as const, path: 'spec.podSelector', data: { namespace } });
    for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
      const rules: unknown[] = Array.isArray(object.spec?.[direction]) ? object.spec[direction] : [];
      rules.forEach((rule: any, i) => {
        const peers: unknown[] = Array.isArray(rule?.[peersKey]) ? rule[peersKey] : [];
        peers.forEach((peer: any, j) => {
          // A peer with a namespaceSelector selects pods of other namespaces, which the scan may not contain.
          if (!isObject(peer?.podSelector) || peer.namespaceSelector !== undefined) return;
          if (!matchesAny(peer.podSelector as LabelSelector)) {
            violations.push({ messageId: 'peerSelectsNothing' as const, path: `spec.${direction}[${i}].${peersKey}[${j}].podSelector`, data: { namespace } });
          }
        });
      });
    }
    return violations;
  },
});
