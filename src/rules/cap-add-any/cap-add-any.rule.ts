/**
 * Any added capability outside an allow-list: the Pod Security Standards view, where restricted allows only
 * NET_BIND_SERVICE (the default) and baseline the runtime default set.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Allowed values: option `allowed`, default ["NET_BIND_SERVICE"], compared exactly as written, as PSA does
 * (`chown` and `CAP_CHOWN` are not `CHOWN`).   Source: Pod Security Standards, Restricted
 * and Baseline (Capabilities); Trivy KSV-0022/KSV-0106.
 * Optional: cap-sys-admin, cap-sys-module, cap-net-raw-added, cap-dangerous and cap-default-added already report
 * each added capability once, with a severity that fits it.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { addedCapabilitiesWhere } from '../../core/k8s/capabilities.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

interface Options {
  /** Capabilities that may be added, compared exactly as written (as PSA does). */
  allowed: string[];
}

export default defineRule<'added', Options>({
  id: 'cap-add-any',
  meta: {
    title: 'Containers should add no capabilities except allowed ones',
    category: 'privilege',
    severity: 'medium',
    description: 'Every added capability widens what a process in the container can do to the kernel; the restricted profile allows only NET_BIND_SERVICE.',
    remediation: 'Remove the capability from securityContext.capabilities.add, or add it to the rule\'s allowed list with a reason.',
    appliesTo: 'workloads',
    optional: true,
    messages: { added: '{{container}} adds the capability {{capability}}, which is not in the allowed list.' },
    references: [
      { title: 'Pod Security Standards: Restricted, Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'CIS Kubernetes Benchmark 5.2.9' },
      { title: 'Linux capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    ],
    peers: { trivy: ['KSV-0022', 'KSV-0106'] },
  },
  defaultOptions: { allowed: ['NET_BIND_SERVICE'] },
  validateOptions(options) {
    const allowed = (options as Partial<Options> | undefined)?.allowed;
    return allowed === undefined || (Array.isArray(allowed) && allowed.every((name) => typeof name === 'string'))
      ? []
      : ['allowed: expected an array of capability names'];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const allowed = new Set(options.allowed);
    return addedCapabilitiesWhere(pod.spec, pod.specPath, () => true).filter((entry) => !allowed.has(entry.written)).map((entry) => ({
      messageId: 'added' as const,
      path: entry.path,
      data: { container: describeContainer(entry.view), capability: entry.written },
    }));
  },
});
