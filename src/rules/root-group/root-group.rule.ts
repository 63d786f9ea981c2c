/**
 * Processes in the root group (gid 0) can read and write every file that is group-owned by root: on host
 * mounts, shared volumes and much of the image.
 * Reported fields: effective runAsGroup (container, else pod), spec.securityContext.supplementalGroups[*],
 * spec.securityContext.fsGroup.   Allowed values: anything but 0.   Source: Trivy KSV-0116, kube-linter run-as-non-root.
 * Pods with hostUsers: false are skipped: gid 0 in a user namespace is not gid 0 on the node.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { describeContainers, effectiveValuesByPath, usesUserNamespace } from '../../core/k8s/pod-traits.js';

const isZero = (value: number | undefined) => value === 0;

export default defineRule({
  id: 'root-group',
  meta: {
    title: 'Containers must not run in the root group',
    category: 'privilege',
    severity: 'low',
    description: 'Group 0 grants access to every file group-owned by root, on host mounts, in shared volumes and in the image.',
    remediation: 'Set runAsGroup and fsGroup to a non-zero gid (10000 or above) and remove 0 from supplementalGroups.',
    appliesTo: 'workloads',
    messages: {
      runAsGroup: '{{containers}}: runAsGroup is 0 (root group).',
      supplementalGroup: 'The pod adds the root group (0) to supplementalGroups.',
      fsGroup: 'The pod sets fsGroup to 0, so its volumes are owned by the root group.',
    },
    references: [
      { title: 'Kubernetes: Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: use containers built to run as non-root' },
    ],
    peers: { kubeLinter: ['run-as-non-root'], kubescape: ['C-0013'], trivy: ['KSV-0116'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || usesUserNamespace(pod.spec)) return [];
    const { spec, specPath } = pod;
    const violations = [];
    for (const entry of effectiveValuesByPath<number>(spec, specPath, containersOf(spec, specPath), 'runAsGroup', isZero)) {
      violations.push({ messageId: 'runAsGroup' as const, path: entry.path, data: { containers: describeContainers(entry.containers) } });
    }
    const supplementalGroups: unknown[] = Array.isArray(spec.securityContext?.supplementalGroups) ? spec.securityContext.supplementalGroups : [];
    supplementalGroups.forEach((gid, index) => {
      if (gid === 0) violations.push({ messageId: 'supplementalGroup' as const, path: `${specPath}.securityContext.supplementalGroups[${index}]` });
    });
    if (spec.securityContext?.fsGroup === 0) violations.push({ messageId: 'fsGroup' as const, path: `${specPath}.securityContext.fsGroup` });
    return violations;
  },
});
