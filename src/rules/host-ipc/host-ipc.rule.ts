/**
 * A pod in the host IPC namespace can read and write the node's shared memory segments and message queues.
 * Restricted fields: spec.hostIPC
 * Allowed values: unset, false.   Source: Pod Security Standards, Baseline (Host Namespaces).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'host-ipc',
  meta: {
    title: 'Pods must not share the host IPC namespace',
    category: 'host-access',
    severity: 'high',
    description: 'A pod with hostIPC can access the shared memory and message queues of every process on the node, which leaks or tampers with their data.',
    remediation: 'Remove spec.hostIPC (or set it to false); containers of one pod already share an IPC namespace.',
    appliesTo: 'workloads',
    messages: { hostIPC: 'The pod shares the host IPC namespace (hostIPC: true).' },
    references: [
      { title: 'Pod Security Standards: Baseline, Host Namespaces', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.4' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
    ],
    peers: { polaris: ['hostIPCSet'], kubeLinter: ['host-ipc'], kubescape: ['C-0038', 'C-0276'], trivy: ['KSV-0008'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (pod?.spec.hostIPC !== true) return [];
    return [{ messageId: 'hostIPC', path: `${pod.specPath}.hostIPC` }];
  },
});
