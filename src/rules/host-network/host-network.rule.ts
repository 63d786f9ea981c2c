/**
 * A pod on the host network sees every interface of the node and can bind its ports and sniff its traffic.
 * Restricted fields: spec.hostNetwork
 * Allowed values: unset, false.   Source: Pod Security Standards, Baseline (Host Namespaces).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'host-network',
  meta: {
    title: 'Pods must not use the host network',
    category: 'host-access',
    severity: 'high',
    description: 'A pod with hostNetwork shares the node\'s network namespace: it can reach node-local services, bind host ports and bypass NetworkPolicies.',
    remediation: 'Remove spec.hostNetwork (or set it to false) and expose the pod through a Service.',
    appliesTo: 'workloads',
    messages: { hostNetwork: 'The pod shares the host network namespace (hostNetwork: true).' },
    references: [
      { title: 'Pod Security Standards: Baseline, Host Namespaces', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.5' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['hostNetworkSet'], kubeLinter: ['host-network'], kubescape: ['C-0041'], trivy: ['KSV-0009'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (pod?.spec.hostNetwork !== true) return [];
    return [{ messageId: 'hostNetwork', path: `${pod.specPath}.hostNetwork` }];
  },
});
