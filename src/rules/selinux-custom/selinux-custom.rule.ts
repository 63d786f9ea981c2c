/**
 * Custom SELinux options: a user or role, or a type other than the container types, can lift the SELinux
 * confinement of the container (spc_t is unconfined).
 * Restricted fields: spec.securityContext.seLinuxOptions.{type,user,role},
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seLinuxOptions.{type,user,role}
 * Allowed values: type "", container_t, container_init_t, container_kvm_t, container_engine_t (PSS v1.31+);
 * user and role unset or "". level is free.   Source: Pod Security Standards, Baseline (SELinux).
 * Reported wherever set, as PSA does: the pod-level options also label the pod sandbox and its volumes.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const ALLOWED_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

type Field = 'type' | 'user' | 'role';

function forbiddenFields(securityContext: unknown): Array<{ field: Field; value: string }> {
  const options = isObject(securityContext) ? securityContext.seLinuxOptions : undefined;
  if (!isObject(options)) return [];
  const result: Array<{ field: Field; value: string }> = [];
  if (options.type !== undefined && options.type !== null && !ALLOWED_TYPES.has(String(options.type))) result.push({ field: 'type', value: String(options.type) });
  for (const field of ['user', 'role'] as const) {
    if (options[field] !== undefined && options[field] !== null && options[field] !== '') result.push({ field, value: String(options[field]) });
  }
  return result;
}

export default defineRule({
  id: 'selinux-custom',
  meta: {
    title: 'Pods and containers must not set custom SELinux options',
    category: 'kernel-hardening',
    severity: 'medium',
    description: 'A custom SELinux type, user or role can run the container outside the container SELinux policy (spc_t is unconfined), removing a layer that stops escapes on SELinux nodes.',
    remediation: 'Remove seLinuxOptions.type, user and role (keep level for MCS separation if needed), or use one of the container_* types.',
    appliesTo: 'workloads',
    messages: {
      pod: 'The pod sets seLinuxOptions.{{field}} to "{{value}}".',
      container: '{{container}} sets seLinuxOptions.{{field}} to "{{value}}".',
    },
    references: [
      { title: 'Pod Security Standards: Baseline, SELinux', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'Kubernetes: Assign SELinux labels to a Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: SELinux' },
    ],
    peers: { kubescape: ['C-0211'], trivy: ['KSV-0025'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    for (const { field, value } of forbiddenFields(pod.spec.securityContext)) {
      violations.push({ messageId: 'pod' as const, path: `${pod.specPath}.securityContext.seLinuxOptions.${field}`, data: { field, value } });
    }
    for (const view of containersOf(pod.spec, pod.specPath)) {
      for (const { field, value } of forbiddenFields(view.container.securityContext)) {
        violations.push({ messageId: 'container' as const, path: `${view.path}.securityContext.seLinuxOptions.${field}`, data: { container: describeContainer(view), field, value } });
      }
    }
    return violations;
  },
});
