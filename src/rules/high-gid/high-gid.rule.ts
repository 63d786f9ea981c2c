/**
 * runAsGroup below 10000: low ids collide with groups that exist on the node (system accounts, the node's own
 * users), so files on host mounts and kernel accounting treat the container as that group.
 * Reported field: effective runAsGroup (container, else pod).   Wanted: set, and at least `minGid` (10000).
 * Source: kube-score container-security-context-user-group-id, Trivy KSV-0021. Windows pods are skipped.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, describeContainers, effectiveValuesByPath, isWindowsPod } from '../../core/k8s/pod-traits.js';

interface Options {
  /** The lowest accepted runAsGroup. */
  minGid: number;
}

export default defineRule<'notSet' | 'low', Options>({
  id: 'high-gid',
  meta: {
    title: 'Containers should run with a high group id',
    category: 'privilege',
    severity: 'low',
    description: 'A runAsGroup below 10000 can coincide with a group on the node, which then owns the container\'s files on host mounts and shares its resource limits.',
    remediation: 'Set securityContext.runAsGroup to 10000 or above at pod level.',
    appliesTo: 'workloads',
    optional: true,
    messages: {
      notSet: '{{containers}}: runAsGroup is not set, so the image decides the group.',
      low: '{{containers}}: runAsGroup is {{value}}, below {{minimum}}.',
    },
    references: [
      { title: 'Kubernetes: Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: use containers built to run as non-root' },
    ],
    peers: { kubeScore: ['container-security-context-user-group-id'], trivy: ['KSV-0021'] },
  },
  defaultOptions: { minGid: 10000 },
  validateOptions(options) {
    const value = (options as Partial<Options> | undefined)?.minGid;
    return value === undefined || (Number.isInteger(value) && value >= 0) ? [] : ['minGid: expected a non-negative integer'];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    const violations = [];
    const reported = (value: number | undefined) => typeof value !== 'number' || value < options.minGid;
    for (const entry of effectiveValuesByPath<number>(pod.spec, pod.specPath, containersOf(pod.spec, pod.specPath), 'runAsGroup', reported)) {
      if (typeof entry.value !== 'number') {
        for (const view of entry.containers) {
          violations.push({ messageId: 'notSet' as const, path: containerSecurityPath(view, 'runAsGroup'), data: { containers: describeContainers([view]) } });
        }
      } else if (entry.value < options.minGid) {
        violations.push({ messageId: 'low' as const, path: entry.path, data: { containers: describeContainers(entry.containers), value: entry.value, minimum: options.minGid } });
      }
    }
    return violations;
  },
});
