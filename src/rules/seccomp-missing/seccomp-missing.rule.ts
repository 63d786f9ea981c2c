/**
 * Containers without a seccomp profile run with every system call allowed, unless the kubelet happens to be
 * started with --seccomp-default (which manifests cannot show).
 * Restricted fields: spec.securityContext.seccompProfile.type, spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
 * Wanted value: set on the pod (containers inherit it) or on every container.   Source: Pod Security Standards,
 * Restricted (Seccomp). An explicit Unconfined is seccomp-unconfined's finding. Windows pods are skipped, as PSA does from v1.25.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, isWindowsPod } from '../../core/k8s/pod-traits.js';
import { effectiveSecurityFieldValue } from '../../core/k8s/security-context.js';

export default defineRule({
  id: 'seccomp-missing',
  meta: {
    title: 'Containers should run with a seccomp profile',
    category: 'kernel-hardening',
    severity: 'medium',
    description: 'Without a seccomp profile every system call is available to the container, including the rarely used ones most kernel exploits and escapes rely on.',
    remediation: 'Set securityContext.seccompProfile.type: RuntimeDefault at pod level (or Localhost with a reviewed profile).',
    appliesTo: 'workloads',
    messages: { notSet: '{{container}} has no seccomp profile (seccompProfile is set neither on the container nor on the pod).' },
    references: [
      { title: 'Pod Security Standards: Restricted, Seccomp', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'Kubernetes: Restrict a Container\'s Syscalls with seccomp', url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' },
      { title: 'CIS Kubernetes Benchmark 5.6.2 (5.7.2 before v1.12)' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: seccomp' },
    ],
    peers: { kubeScore: ['container-seccomp-profile'], kubescape: ['C-0210', 'C-0211'], trivy: ['KSV-0030'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    return containersOf(pod.spec, pod.specPath)
      .filter((view) => !effectiveSecurityFieldValue<{ type?: string }>(pod.spec, view, 'seccompProfile')?.type)
      .map((view) => ({ messageId: 'notSet' as const, path: containerSecurityPath(view, 'seccompProfile'), data: { container: describeContainer(view) } }));
  },
});
