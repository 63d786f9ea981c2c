/**
 * Containers keep the runtime's default capability set unless they drop it; dropping ALL (and adding back
 * only what is needed) is the restricted baseline.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.drop
 * Wanted value: contains ALL (case-insensitive, as containerd and CRI-O read it).   Source: Pod Security Standards,
 * Restricted (Capabilities). Windows pods are skipped (capabilities are Linux-only), as PSA does from v1.25.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { dropsCapability } from '../../core/k8s/capabilities.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, isWindowsPod } from '../../core/k8s/pod-traits.js';

const ALL: ReadonlySet<string> = new Set(['ALL']);

export default defineRule({
  id: 'cap-drop-all',
  meta: {
    title: 'Containers should drop all capabilities',
    category: 'privilege',
    severity: 'low',
    description: 'Without capabilities.drop: [ALL] a container keeps the runtime defaults (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …), which most applications never need.',
    remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only the capabilities the process needs.',
    appliesTo: 'workloads',
    messages: { notDropped: '{{container}} does not drop ALL capabilities.' },
    references: [
      { title: 'Pod Security Standards: Restricted, Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'CIS Kubernetes Benchmark 5.2.9' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
    ],
    peers: { polaris: ['insecureCapabilities'], trivy: ['KSV-0003'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    return containersOf(pod.spec, pod.specPath)
      .filter((view) => !dropsCapability(view, ALL))
      .map((view) => ({ messageId: 'notDropped' as const, path: containerSecurityPath(view, 'capabilities', 'drop'), data: { container: describeContainer(view) } }));
  },
});
