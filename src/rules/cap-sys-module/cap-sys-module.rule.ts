/**
 * CAP_SYS_MODULE loads and unloads kernel modules: code that runs in the node's kernel, outside every
 * container boundary.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Forbidden value: SYS_MODULE (any case, as runtimes read it; the CAP_ prefix is accepted too, see core/k8s/capabilities.ts).
 * Source: Pod Security Standards, Baseline (Capabilities) forbids it with every other non-default capability.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { addedCapabilitiesWhere } from '../../core/k8s/capabilities.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'cap-sys-module',
  meta: {
    title: 'Containers must not add CAP_SYS_MODULE',
    category: 'privilege',
    severity: 'high',
    description: "CAP_SYS_MODULE lets the container load kernel modules into the node's kernel, which is arbitrary code execution in the kernel.",
    remediation: 'Remove SYS_MODULE from securityContext.capabilities.add; drop ALL and add back only narrow capabilities.',
    appliesTo: 'workloads',
    messages: { added: '{{container}} adds the capability {{capability}}.' },
    references: [
      { title: 'Pod Security Standards: Baseline, Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.9' },
      { title: 'Linux capabilities(7): CAP_SYS_MODULE', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'MITRE ATT&CK T1547.006 Kernel Modules and Extensions', url: 'https://attack.mitre.org/techniques/T1547/006/' },
    ],
    peers: { kubescape: ['C-0046'], trivy: ['KSV-0120'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return addedCapabilitiesWhere(pod.spec, pod.specPath, (name) => name === 'SYS_MODULE').map((entry) => ({
      messageId: 'added' as const,
      path: entry.path,
      data: { container: describeContainer(entry.view), capability: entry.written },
    }));
  },
});
