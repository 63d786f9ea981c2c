/**
 * Default capabilities added back after dropping them (CHOWN, DAC_OVERRIDE, SETUID, …): each is a privilege
 * the restricted profile takes away, and together they rebuild most of what root can do to files and users.
 * Reported field: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Reported values: the runtime default set except NET_BIND_SERVICE (which the restricted profile allows) and
 * NET_RAW (cap-net-raw-added).   Source: KubeEye InsecureCapabilities; Pod Security Standards, Restricted.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { addedCapabilitiesWhere, DEFAULT_RUNTIME_CAPABILITIES } from '../../core/k8s/capabilities.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const REPORTED = new Set<string>(DEFAULT_RUNTIME_CAPABILITIES.filter((name) => name !== 'NET_BIND_SERVICE'));

export default defineRule({
  id: 'cap-default-added',
  meta: {
    title: 'Containers should not add back default capabilities',
    category: 'privilege',
    severity: 'medium',
    description: 'Default capabilities such as CHOWN, DAC_OVERRIDE, FOWNER, SETUID and SETGID let a process bypass file permissions and change identity; the restricted profile allows none of them.',
    remediation: 'Remove the capability from securityContext.capabilities.add and fix file ownership in the image or with fsGroup instead.',
    appliesTo: 'workloads',
    messages: { added: '{{container}} adds the capability {{capability}}.' },
    references: [
      { title: 'Pod Security Standards: Restricted, Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'CIS Kubernetes Benchmark 5.2.9' },
      { title: 'Linux capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    ],
    peers: { trivy: ['KSV-0106'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return addedCapabilitiesWhere(pod.spec, pod.specPath, (name) => REPORTED.has(name)).map((entry) => ({
      messageId: 'added' as const,
      path: entry.path,
      data: { container: describeContainer(entry.view), capability: entry.written },
    }));
  },
});
