/**
 * Bidirectional mount propagation lets mounts made inside the container appear on the node (and in every pod
 * sharing the host path): a container can shadow node directories.
 * Reported field: spec.{initContainers,containers,ephemeralContainers}[*].volumeMounts[*].mountPropagation
 * Allowed values: unset, None, HostToContainer.   Source: Monokle KBP115.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'mount-propagation',
  meta: {
    title: 'Volume mounts must not propagate mounts back to the node',
    category: 'host-access',
    severity: 'medium',
    description: 'With Bidirectional propagation, mounts created in the container propagate to the node and to other pods, so a container can overlay node directories.',
    remediation: 'Remove mountPropagation or use HostToContainer; keep Bidirectional to privileged CSI node plugins.',
    appliesTo: 'workloads',
    messages: { bidirectional: '{{container}} mounts volume "{{volume}}" with Bidirectional mount propagation.' },
    references: [
      { title: 'Kubernetes: Volumes, mount propagation', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: {},
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const mounts: unknown[] = Array.isArray(view.container.volumeMounts) ? view.container.volumeMounts : [];
      for (let index = 0; index < mounts.length; index++) {
        const mount = mounts[index];
        if (!isObject(mount) || mount.mountPropagation !== 'Bidirectional') continue;
        violations.push({ messageId: 'bidirectional' as const, path: `${view.path}.volumeMounts[${index}].mountPropagation`, data: { container: describeContainer(view), volume: String(mount.name ?? '?') } });
      }
    }
    return violations;
  },
});
