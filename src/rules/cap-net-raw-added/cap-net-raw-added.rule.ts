/**
 * CAP_NET_RAW opens raw and packet sockets: crafted packets, spoofing, ARP and DNS poisoning of neighbours
 * on the pod network.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Forbidden value: NET_RAW (any case, as runtimes read it; the CAP_ prefix is accepted too, see core/k8s/capabilities.ts).
 * Source: Pod Security Standards, Baseline (Capabilities) forbids it with every other non-default capability.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { addedCapabilitiesWhere } from '../../core/k8s/capabilities.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'cap-net-raw-added',
  meta: {
    title: 'Containers must not add CAP_NET_RAW',
    category: 'privilege',
    severity: 'high',
    description: "CAP_NET_RAW allows raw and packet sockets: spoofing, sniffing and ARP/DNS poisoning of other pods on the node's network.",
    remediation: 'Remove NET_RAW from securityContext.capabilities.add; drop ALL and add back only narrow capabilities.',
    appliesTo: 'workloads',
    messages: { added: '{{container}} adds the capability {{capability}}.' },
    references: [
      { title: 'Pod Security Standards: Baseline, Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.8' },
      { title: 'Linux capabilities(7): CAP_NET_RAW', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'MITRE ATT&CK T1557 Adversary-in-the-Middle', url: 'https://attack.mitre.org/techniques/T1557/' },
    ],
    peers: { kubescape: ['C-0046'], trivy: ['KSV-0119'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return addedCapabilitiesWhere(pod.spec, pod.specPath, (name) => name === 'NET_RAW').map((entry) => ({
      messageId: 'added' as const,
      path: entry.path,
      data: { container: describeContainer(entry.view), capability: entry.written },
    }));
  },
});
