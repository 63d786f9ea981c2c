/**
 * A container explicitly told to run as uid 0: root, whatever the image says.
 * Restricted fields: spec.securityContext.runAsUser, spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsUser
 * Allowed values: any non-zero value, unset.   Source: Pod Security Standards, Restricted (Running as Non-root user).
 * Reported where the effective value is set: a pod-level 0 inherited by several containers is one finding.
 * Pods with hostUsers: false are skipped, as PSA does from v1.35.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { describeContainers, effectiveValuesByPath, usesUserNamespace } from '../../core/k8s/pod-traits.js';

const isZero = (value: number | undefined) => value === 0;

export default defineRule({
  id: 'run-as-uid-0',
  meta: {
    title: 'Containers must not set runAsUser to 0',
    category: 'privilege',
    severity: 'high',
    description: 'runAsUser: 0 forces the container to run as root, which shares uid 0 with the node and turns any escape or writable host mount into root access.',
    remediation: 'Set runAsUser to a non-zero uid (10000 or above) and runAsNonRoot: true.',
    appliesTo: 'workloads',
    messages: { uid0: '{{containers}}: runAsUser is 0 (root).' },
    references: [
      { title: 'Pod Security Standards: Restricted, Running as Non-root user', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'CIS Kubernetes Benchmark 5.2.7' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: use containers built to run as non-root' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { kubeLinter: ['run-as-non-root'], kubescape: ['C-0013'], trivy: ['KSV-0105'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || usesUserNamespace(pod.spec)) return [];
    return effectiveValuesByPath<number>(pod.spec, pod.specPath, containersOf(pod.spec, pod.specPath), 'runAsUser', isZero)
      .map((entry) => ({ messageId: 'uid0' as const, path: entry.path, data: { containers: describeContainers(entry.containers) } }));
  },
});
