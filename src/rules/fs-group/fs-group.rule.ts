/**
 * Pods with volumes but no fsGroup: volume files keep whatever ownership they come with, which pushes teams to
 * run as root or to chown from a root init container.
 * Reported field: spec.securityContext.fsGroup (unset) in pods that have volumes.   Wanted: a non-zero gid.
 * Source: Kubescape C-0211 (rule set-fsgroup-value). fsGroup 0 is root-group's finding. Windows pods are skipped.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { isWindowsPod } from '../../core/k8s/pod-traits.js';

export default defineRule({
  id: 'fs-group',
  meta: {
    title: 'Pods with volumes should set fsGroup',
    category: 'privilege',
    severity: 'low',
    description: 'Without fsGroup, volume files are not made accessible to the pod\'s group, which leads to running as root or to root init containers that chown them.',
    remediation: 'Set spec.securityContext.fsGroup to a dedicated non-zero gid (10000 or above).',
    appliesTo: 'workloads',
    optional: true,
    messages: { notSet: 'The pod has volumes but does not set securityContext.fsGroup.' },
    references: [
      { title: 'Kubernetes: Configure a Security Context, fsGroup', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: use containers built to run as non-root' },
    ],
    peers: { kubescape: ['C-0211'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    const { spec, specPath } = pod;
    if (!Array.isArray(spec.volumes) || spec.volumes.length === 0) return [];
    if (typeof spec.securityContext?.fsGroup === 'number') return [];
    return [{ messageId: 'notSet', path: spec.securityContext ? `${specPath}.securityContext` : specPath }];
  },
});
