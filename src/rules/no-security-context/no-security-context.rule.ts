/**
 * A container with no securityContext in a pod with no securityContext runs entirely on runtime defaults:
 * image user (often root), default capabilities, privilege escalation allowed, writable root file system.
 * Reported: containers whose own securityContext and the pod's are both missing or empty.
 * Source: Trivy KSV-0118. Optional: the field rules (run-as-non-root, privilege-escalation, seccomp-missing,
 * cap-drop-all, readonly-root-filesystem) already report each missing setting of such a container.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

function isEmpty(securityContext: unknown): boolean {
  return !isObject(securityContext) || Object.keys(securityContext).length === 0;
}

export default defineRule({
  id: 'no-security-context',
  meta: {
    title: 'Containers should not rely on the default security context',
    category: 'privilege',
    severity: 'medium',
    description: 'A container without any securityContext, in a pod without one, runs with every runtime default: possibly root, default capabilities, escalation allowed, writable root file system.',
    remediation: 'Add a pod-level securityContext (runAsNonRoot, seccompProfile) and a container securityContext (allowPrivilegeEscalation: false, capabilities.drop: [ALL], readOnlyRootFilesystem: true).',
    appliesTo: 'workloads',
    optional: true,
    messages: { none: '{{container}} has no securityContext and the pod sets none: it runs with the runtime defaults.' },
    references: [
      { title: 'Kubernetes: Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'CIS Kubernetes Benchmark 5.6.3 (apply SecurityContext to your Pods and Containers)' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
    ],
    peers: { trivy: ['KSV-0118'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || !isEmpty(pod.spec.securityContext)) return [];
    return containersOf(pod.spec, pod.specPath)
      .filter((view) => isEmpty(view.container.securityContext))
      .map((view) => ({ messageId: 'none' as const, path: view.path, data: { container: describeContainer(view) } }));
  },
});
