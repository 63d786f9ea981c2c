/**
 * Capabilities beyond the set container runtimes grant by default (NET_ADMIN, SYS_PTRACE, BPF, DAC_READ_SEARCH,
 * ALL, …): each widens the kernel surface a container can reach, several lead straight to the node.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Allowed values: the runtime default set (PSS baseline list).   Source: Pod Security Standards, Baseline
 * (Capabilities); Polaris/KubeEye dangerousCapabilities, Kubescape C-0046 insecureCapabilities.
 * SYS_ADMIN, SYS_MODULE and NET_RAW have their own rules and are left out here, so each added capability is
 * reported by exactly one rule.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { addedCapabilitiesWhere, DEFAULT_RUNTIME_CAPABILITIES } from '../../core/k8s/capabilities.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const REPORTED_BY_OWN_RULE = new Set(['SYS_ADMIN', 'SYS_MODULE', 'NET_RAW']);
const DEFAULT_SET = new Set<string>(DEFAULT_RUNTIME_CAPABILITIES);

export default defineRule({
  id: 'cap-dangerous',
  meta: {
    title: 'Containers must not add capabilities beyond the runtime defaults',
    category: 'privilege',
    severity: 'high',
    description: 'Capabilities outside the runtime default set (NET_ADMIN, SYS_PTRACE, BPF, DAC_READ_SEARCH, ALL, …) give a container kernel powers that lead to other pods\' traffic and processes, or to the node.',
    remediation: 'Remove the capability from securityContext.capabilities.add; if it is truly needed, isolate the workload on dedicated nodes and exempt it with a reason.',
    appliesTo: 'workloads',
    messages: {
      all: '{{container}} adds ALL capabilities.',
      added: '{{container}} adds the non-default capability {{capability}}.',
    },
    references: [
      { title: 'Pod Security Standards: Baseline, Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.9' },
      { title: 'Linux capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['dangerousCapabilities'], kubescape: ['C-0046'], trivy: ['KSV-0022'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return addedCapabilitiesWhere(pod.spec, pod.specPath, (name) => !DEFAULT_SET.has(name) && !REPORTED_BY_OWN_RULE.has(name)).map((entry) => ({
      messageId: entry.name === 'ALL' ? ('all' as const) : ('added' as const),
      path: entry.path,
      data: { container: describeContainer(entry.view), capability: entry.written },
    }));
  },
});
