/**
 * A Windows HostProcess container runs directly on the node as a host process, with the node's network and
 * file system: the Windows equivalent of a privileged container.
 * Restricted fields: spec.securityContext.windowsOptions.hostProcess,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.windowsOptions.hostProcess
 * Allowed values: unset, false.   Source: Pod Security Standards, Baseline (HostProcess).
 * The pod-level field is reported wherever it is set, as PSA does: every container that does not override it
 * inherits it, including ephemeral containers added later.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'windows-host-process',
  meta: {
    title: 'Windows pods must not run HostProcess containers',
    category: 'host-access',
    severity: 'high',
    description: 'A HostProcess container runs as a process on the Windows node with access to its network, file system and devices: full control of the node.',
    remediation: 'Remove windowsOptions.hostProcess (or set it to false) at pod and container level.',
    appliesTo: 'workloads',
    messages: {
      pod: 'The pod runs its containers as Windows HostProcess containers (securityContext.windowsOptions.hostProcess: true).',
      container: '{{container}} runs as a Windows HostProcess container.',
    },
    references: [
      { title: 'Pod Security Standards: Baseline, HostProcess', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.10' },
      { title: 'Kubernetes: Create a Windows HostProcess Pod', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['hostProcess'], kubescape: ['C-0211', 'C-0202'], trivy: ['KSV-0103'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    if (pod.spec.securityContext?.windowsOptions?.hostProcess === true) {
      violations.push({ messageId: 'pod' as const, path: `${pod.specPath}.securityContext.windowsOptions.hostProcess` });
    }
    for (const view of containersOf(pod.spec, pod.specPath)) {
      if (view.container.securityContext?.windowsOptions?.hostProcess === true) {
        violations.push({ messageId: 'container' as const, path: `${view.path}.securityContext.windowsOptions.hostProcess`, data: { container: describeContainer(view) } });
      }
    }
    return violations;
  },
});
