/**
 * A privileged container has every capability and access to all host devices: escaping to the node is trivial.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.privileged
 * Allowed values: unset, false.   Source: Pod Security Standards, Baseline.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'privileged',
  meta: {
    title: 'Containers must not run privileged',
    category: 'privilege',
    severity: 'critical',
    description: 'A privileged container runs with all capabilities and full access to the host devices, so a compromise of the container is a compromise of the node.',
    remediation: 'Remove securityContext.privileged or set it to false; grant only the specific capabilities the process needs.',
    appliesTo: 'workloads',
    messages: { privileged: '{{container}} runs privileged.' },
    references: [
      { title: 'Pod Security Standards: Baseline, Privileged Containers', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.2' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: non-root containers and privileged pods' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: {
      polaris: ['runAsPrivileged'],
      kubeScore: ['container-security-context-privileged'],
      kubeLinter: ['privileged-container'],
      kubescape: ['C-0057'],
      trivy: ['KSV-0017'],
    },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return containersOf(pod.spec, pod.specPath)
      .filter((view) => view.container.securityContext?.privileged === true)
      .map((view) => ({
        messageId: 'privileged' as const,
        path: `${view.path}.securityContext.privileged`,
        data: { container: describeContainer(view) },
      }));
  },
});
