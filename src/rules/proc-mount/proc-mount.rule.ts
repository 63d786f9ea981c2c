/**
 * An Unmasked /proc exposes the kernel interfaces the runtime normally hides from containers
 * (/proc/sys, /proc/sysrq-trigger, /proc/kcore, …).
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount
 * Allowed values: unset, Default.   Source: Pod Security Standards, Baseline (/proc Mount Type).
 * In pods with hostUsers: false the finding is graded low: PSS baseline v1.35 allows it there (the masked
 * paths belong to the pod's user namespace), PSS restricted still forbids it.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { usesUserNamespace } from '../../core/k8s/pod-traits.js';

export default defineRule({
  id: 'proc-mount',
  meta: {
    title: 'Containers must use the default /proc mount',
    category: 'kernel-hardening',
    severity: 'medium',
    description: 'procMount: Unmasked removes the masking of sensitive /proc paths, exposing kernel interfaces that help escape the container.',
    remediation: 'Remove securityContext.procMount or set it to Default.',
    appliesTo: 'workloads',
    messages: {
      unmasked: '{{container}} sets securityContext.procMount to "{{value}}".',
      unmaskedInUserNamespace: '{{container}} sets securityContext.procMount to "{{value}}" (in a user namespace, which limits the exposure).',
    },
    references: [
      { title: 'Pod Security Standards: Baseline, /proc Mount Type', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'Kubernetes: Configure a Security Context, procMount', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['procMount'], kubeLinter: ['unsafe-proc-mount'], kubescape: ['C-0211'], trivy: ['KSV-0027'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const inUserNamespace = usesUserNamespace(pod.spec);
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const value = view.container.securityContext?.procMount;
      if (value === undefined || value === null || value === 'Default') continue;
      const path = `${view.path}.securityContext.procMount`;
      const data = { container: describeContainer(view), value: String(value) };
      violations.push(inUserNamespace
        ? { messageId: 'unmaskedInUserNamespace' as const, path, data, severity: 'low' as const }
        : { messageId: 'unmasked' as const, path, data });
    }
    return violations;
  },
});
