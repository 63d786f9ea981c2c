/**
 * Without allowPrivilegeEscalation: false, a process can gain more privileges than its parent (setuid
 * binaries, file capabilities): no_new_privs is not set.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation
 * Allowed values: false (unset fails).   Source: Pod Security Standards, Restricted (Privilege Escalation).
 * Windows pods are skipped (the field is Linux-only), as PSA does from v1.25.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, isWindowsPod } from '../../core/k8s/pod-traits.js';

export default defineRule({
  id: 'privilege-escalation',
  meta: {
    title: 'Containers must not allow privilege escalation',
    category: 'privilege',
    severity: 'high',
    description: 'Unless allowPrivilegeEscalation is false, setuid binaries and file capabilities let a process in the container become root or gain capabilities.',
    remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
    appliesTo: 'workloads',
    messages: {
      allowed: '{{container}} allows privilege escalation (allowPrivilegeEscalation: true).',
      notSet: '{{container}} does not set securityContext.allowPrivilegeEscalation: false.',
    },
    references: [
      { title: 'Pod Security Standards: Restricted, Privilege Escalation', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'CIS Kubernetes Benchmark 5.2.6' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
      { title: 'MITRE ATT&CK T1548 Abuse Elevation Control Mechanism', url: 'https://attack.mitre.org/techniques/T1548/' },
    ],
    peers: { polaris: ['privilegeEscalationAllowed'], kubeLinter: ['privilege-escalation-container'], kubescape: ['C-0016'], trivy: ['KSV-0001'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const value = view.container.securityContext?.allowPrivilegeEscalation;
      if (value === false) continue;
      const data = { container: describeContainer(view) };
      violations.push(value === true
        ? { messageId: 'allowed' as const, path: `${view.path}.securityContext.allowPrivilegeEscalation`, data }
        : { messageId: 'notSet' as const, path: containerSecurityPath(view, 'allowPrivilegeEscalation'), data });
    }
    return violations;
  },
});
