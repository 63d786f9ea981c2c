/**
 * runAsUser below 10000: low ids collide with users that exist on the node (system accounts, the node's own
 * users), so files on host mounts and kernel accounting treat the container as that user.
 * Reported field: effective runAsUser (container, else pod).   Wanted: set, and at least `minUid` (10000).
 * Source: kube-score container-security-context-user-group-id, Trivy KSV-0020. Windows pods are skipped.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, describeContainers, effectiveValuesByPath, isWindowsPod } from '../../core/k8s/pod-traits.js';

interface Options {
  /** The lowest accepted runAsUser. */
  minUid: number;
}

export default defineRule<'notSet' | 'low', Options>({
  id: 'high-uid',
  meta: {
    title: 'Containers should run with a high user id',
    category: 'privilege',
    severity: 'low',
    description: 'A runAsUser below 10000 can coincide with a user on the node, which then owns the container\'s files on host mounts and shares its resource limits.',
    remediation: 'Set securityContext.runAsUser to 10000 or above at pod level.',
    appliesTo: 'workloads',
    optional: true,
    messages: {
      notSet: '{{containers}}: runAsUser is not set, so the image decides the user.',
      low: '{{containers}}: runAsUser is {{value}}, below {{minimum}}.',
    },
    references: [
      { title: 'Kubernetes: Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: use containers built to run as non-root' },
    ],
    peers: { kubeScore: ['container-security-context-user-group-id'], trivy: ['KSV-0020'] },
  },
  defaultOptions: { minUid: 10000 },
  validateOptions(options) {
    const value = (options as Partial<Options> | undefined)?.minUid;
    return value === undefined || (Number.isInteger(value) && value >= 0) ? [] : ['minUid: expected a non-negative integer'];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    const violations = [];
    const reported = (value: number | undefined) => typeof value !== 'number' || value < options.minUid;
    for (const entry of effectiveValuesByPath<number>(pod.spec, pod.specPath, containersOf(pod.spec, pod.specPath), 'runAsUser', reported)) {
      if (typeof entry.value !== 'number') {
        for (const view of entry.containers) {
          violations.push({ messageId: 'notSet' as const, path: containerSecurityPath(view, 'runAsUser'), data: { containers: describeContainers([view]) } });
        }
      } else if (entry.value < options.minUid) {
        violations.push({ messageId: 'low' as const, path: entry.path, data: { containers: describeContainers(entry.containers), value: entry.value, minimum: options.minUid } });
      }
    }
    return violations;
  },
});
