/**
 * CAP_SYS_ADMIN is the catch-all capability: mount, namespaces, BPF, device and many ioctl operations. Most
 * container escapes (cgroup release_agent, mounting the host disk) start from it.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Forbidden value: SYS_ADMIN (any case, as runtimes read it; the CAP_ prefix is accepted too, see core/k8s/capabilities.ts).
 * Source: Pod Security Standards, Baseline (Capabilities) forbids it with every other non-default capability.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { addedCapabilitiesWhere } from '../../core/k8s/capabilities.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'cap-sys-admin',
  meta: {
    title: 'Containers must not add CAP_SYS_ADMIN',
    category: 'privilege',
    severity: 'critical',
    description: 'CAP_SYS_ADMIN is close to full root: it allows mounting file systems, using BPF and namespaces, and most known container escapes need it.',
    remediation: 'Remove SYS_ADMIN from securityContext.capabilities.add; drop ALL and add back only narrow capabilities.',
    appliesTo: 'workloads',
    messages: { added: '{{container}} adds the capability {{capability}}.' },
    references: [
      { title: 'Pod Security Standards: Baseline, Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.9' },
      { title: 'Linux capabilities(7): CAP_SYS_ADMIN', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['dangerousCapabilities'], kubescape: ['C-0046'], trivy: ['KSV-0005'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return addedCapabilitiesWhere(pod.spec, pod.specPath, (name) => name === 'SYS_ADMIN').map((entry) => ({
      messageId: 'added' as const,
      path: entry.path,
      data: { container: describeContainer(entry.view), capability: entry.written },
    }));
  },
});
