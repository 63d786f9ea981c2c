/**
 * A pod that no NetworkPolicy selects for ingress accepts connections from every pod of the cluster.
 * Restricted fields: the pod template labels of workloads, against the podSelector of the networking.k8s.io
 * NetworkPolicies of the workload's namespace.   Allowed values: selected by a policy with Ingress among its types
 * (and Egress, when `requireEgress` is set).   Source: Polaris missingNetworkPolicy, kube-score pod-networkpolicy.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { isNetworkPolicy, policyDirections, policyPodSelector } from '../../core/k8s/network-policy.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { selectorMatches } from '../../core/k8s/selectors.js';

export default defineRule({
  id: 'workload-no-network-policy',
  meta: {
    title: 'Workloads should be selected by a NetworkPolicy',
    category: 'exposure',
    severity: 'medium',
    description: 'Kubernetes allows all traffic to a pod until a NetworkPolicy selects it, so an unselected workload can be reached by any compromised pod of the cluster.',
    remediation: 'Add a NetworkPolicy (or a namespace default-deny policy) whose podSelector matches the workload\'s pod labels.',
    appliesTo: 'workloads',
    messages: {
      noIngressPolicy: 'No NetworkPolicy in namespace {{namespace}} restricts ingress to the pods of {{kind}} {{name}}.',
      noEgressPolicy: 'No NetworkPolicy in namespace {{namespace}} restricts egress from the pods of {{kind}} {{name}}.',
    },
    references: [
      { title: 'Kubernetes documentation: Network Policies, isolation of pods', url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: network policies' },
      { title: 'CIS Kubernetes Benchmark 5.3.2' },
    ],
    peers: { polaris: ['missingNetworkPolicy'], kubeScore: ['pod-networkpolicy'], kubeLinter: ['non-isolated-pod'], kubescape: ['C-0260', 'C-0030'], trivy: ['KSV-0038'] },
  },
  defaultOptions: { requireEgress: false as boolean },
  validateOptions(options) {
    const value = (options as { requireEgress?: unknown }).requireEgress;
    return value === undefined || typeof value === 'boolean' ? [] : ['requireEgress must be true or false'];
  },
  check(object, ctx) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const namespace = namespaceOf(object) ?? 'default';
    const directions = new Set<string>();
    for (const policy of ctx.objects.inNamespace('NetworkPolicy', namespace)) {
      if (isNetworkPolicy(policy) && selectorMatches(policyPodSelector(policy), pod.metadata.labels)) {
        policyDirections(policy).forEach((direction) => directions.add(direction));
        // Only these two answers are read below; once both are known, further policies change nothing.
        if (directions.has('Ingress') && (!ctx.options.requireEgress || directions.has('Egress'))) break;
      }
    }
    const data = { namespace, kind: object.kind, name: object.metadata?.name };
    const violations = [];
    if (!directions.has('Ingress')) violations.push({ messageId: 'noIngressPolicy' as const, path: pod.metadataPath, data });
    if (ctx.options.requireEgress && !directions.has('Egress')) violations.push({ messageId: 'noEgressPolicy' as const, path: pod.metadataPath, data });
    return violations;
  },
});
