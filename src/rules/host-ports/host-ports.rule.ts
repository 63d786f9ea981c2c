/**
 * Host ports publish a container directly on its node's IP, outside the Service abstraction and NetworkPolicies
 * on most CNIs, and pin the pod to nodes where the port is free.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].ports[*].hostPort
 * Allowed values: unset, 0.   Source: Pod Security Standards, Baseline (HostPorts).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'host-ports',
  meta: {
    title: 'Containers must not bind host ports',
    category: 'host-access',
    severity: 'medium',
    description: 'A host port exposes the container on the node\'s own address, bypassing Services and often NetworkPolicies, and limits scheduling.',
    remediation: 'Remove ports[].hostPort and expose the container through a Service (NodePort or LoadBalancer if it must be reachable from outside).',
    appliesTo: 'workloads',
    messages: { hostPort: '{{container}} binds host port {{port}}.' },
    references: [
      { title: 'Pod Security Standards: Baseline, HostPorts', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.12' },
      { title: 'Kubernetes configuration best practices: do not specify a hostPort unless necessary', url: 'https://kubernetes.io/docs/concepts/configuration/overview/' },
    ],
    peers: { polaris: ['hostPortSet'], kubescape: ['C-0044'], trivy: ['KSV-0024'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const ports: unknown[] = Array.isArray(view.container.ports) ? view.container.ports : [];
      for (let index = 0; index < ports.length; index++) {
        const port = ports[index];
        if (!isObject(port) || port.hostPort === undefined || port.hostPort === null || Number(port.hostPort) === 0) continue;
        violations.push({ messageId: 'hostPort' as const, path: `${view.path}.ports[${index}].hostPort`, data: { container: describeContainer(view), port: String(port.hostPort) } });
      }
    }
    return violations;
  },
});
