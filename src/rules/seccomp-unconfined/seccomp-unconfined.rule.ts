/**
 * An explicit Unconfined seccomp profile switches system call filtering off, even on kubelets that default to
 * RuntimeDefault.
 * Restricted fields: spec.securityContext.seccompProfile.type, spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
 * Allowed values: RuntimeDefault, Localhost, unset.   Source: Pod Security Standards, Baseline (Seccomp).
 * Reported wherever it is set, as PSA does: the pod-level profile also applies to the pod sandbox and to every
 * container that does not override it, including ephemeral containers added later.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function forbiddenType(securityContext: unknown): string | undefined {
  const type = (securityContext as { seccompProfile?: { type?: unknown } } | undefined)?.seccompProfile?.type;
  return type === undefined || type === null || ALLOWED_TYPES.has(String(type)) ? undefined : String(type);
}

export default defineRule({
  id: 'seccomp-unconfined',
  meta: {
    title: 'Pods and containers must not disable seccomp',
    category: 'kernel-hardening',
    severity: 'high',
    description: 'seccompProfile type Unconfined removes system call filtering, exposing the whole kernel interface to the container even where the node defaults to RuntimeDefault.',
    remediation: 'Set seccompProfile.type to RuntimeDefault, or to Localhost with a profile that allows the extra system calls.',
    appliesTo: 'workloads',
    messages: {
      pod: 'The pod sets seccompProfile.type to "{{type}}".',
      container: '{{container}} sets seccompProfile.type to "{{type}}".',
    },
    references: [
      { title: 'Pod Security Standards: Baseline, Seccomp', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'Kubernetes: Restrict a Container\'s Syscalls with seccomp', url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: seccomp' },
    ],
    peers: { trivy: ['KSV-0104'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    const podType = forbiddenType(pod.spec.securityContext);
    if (podType) violations.push({ messageId: 'pod' as const, path: `${pod.specPath}.securityContext.seccompProfile.type`, data: { type: podType } });
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const type = forbiddenType(view.container.securityContext);
      if (type) violations.push({ messageId: 'container' as const, path: `${view.path}.securityContext.seccompProfile.type`, data: { container: describeContainer(view), type } });
    }
    return violations;
  },
});
