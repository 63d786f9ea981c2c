/**
 * A pod in the host PID namespace sees every process of the node and, with enough privilege, can signal,
 * trace or read the environment and memory of them.
 * Restricted fields: spec.hostPID
 * Allowed values: unset, false.   Source: Pod Security Standards, Baseline (Host Namespaces).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'host-pid',
  meta: {
    title: 'Pods must not share the host process namespace',
    category: 'host-access',
    severity: 'high',
    description: 'A pod with hostPID sees all processes on the node, including other pods\' and the kubelet\'s, and can read their environment (secrets) or escape through /proc/1/root.',
    remediation: 'Remove spec.hostPID (or set it to false); use shareProcessNamespace to share processes between containers of one pod.',
    appliesTo: 'workloads',
    messages: { hostPID: 'The pod shares the host process namespace (hostPID: true).' },
    references: [
      { title: 'Pod Security Standards: Baseline, Host Namespaces', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.3' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['hostPIDSet'], kubeLinter: ['host-pid'], kubescape: ['C-0038', 'C-0275'], trivy: ['KSV-0010'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (pod?.spec.hostPID !== true) return [];
    return [{ messageId: 'hostPID', path: `${pod.specPath}.hostPID` }];
  },
});
