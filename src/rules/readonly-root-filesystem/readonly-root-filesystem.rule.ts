/**
 * A writable root file system lets an intruder change the container's binaries and drop tools that persist for
 * the container's lifetime.
 * Reported field: spec.{initContainers,containers}[*].securityContext.readOnlyRootFilesystem
 * Wanted value: true.   Source: Polaris notReadOnlyRootFilesystem, kube-linter no-read-only-root-fs, Trivy KSV-0014.
 * Ephemeral containers are out of scope (interactive debugging needs a writable file system); Windows pods are
 * skipped because the field is Linux-only.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, isWindowsPod } from '../../core/k8s/pod-traits.js';

export default defineRule({
  id: 'readonly-root-filesystem',
  meta: {
    title: 'Containers should use a read-only root file system',
    category: 'privilege',
    severity: 'medium',
    description: 'With a writable root file system an attacker can replace the application\'s binaries and libraries or install tools; read-only forces writes into explicit volumes.',
    remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes (/tmp, caches).',
    appliesTo: 'workloads',
    messages: {
      writable: '{{container}} has a writable root file system (readOnlyRootFilesystem: false).',
      notSet: '{{container}} does not set securityContext.readOnlyRootFilesystem: true.',
    },
    references: [
      { title: 'NSA/CISA Kubernetes Hardening Guide: immutable container file systems' },
      { title: 'Kubernetes: Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'MITRE ATT&CK T1554 Compromise Host Software Binary', url: 'https://attack.mitre.org/techniques/T1554/' },
    ],
    peers: {
      polaris: ['notReadOnlyRootFilesystem'],
      kubeScore: ['container-security-context-readonlyrootfilesystem'],
      kubeLinter: ['no-read-only-root-fs'],
      kubescape: ['C-0017'],
      trivy: ['KSV-0014'],
    },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)) {
      const value = view.container.securityContext?.readOnlyRootFilesystem;
      if (value === true) continue;
      const data = { container: describeContainer(view) };
      violations.push(value === false
        ? { messageId: 'writable' as const, path: `${view.path}.securityContext.readOnlyRootFilesystem`, data }
        : { messageId: 'notSet' as const, path: containerSecurityPath(view, 'readOnlyRootFilesystem'), data });
    }
    return violations;
  },
});
