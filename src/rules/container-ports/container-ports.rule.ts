/**
 * Container port declarations feed named Service ports, probes and NetworkPolicies; invalid or duplicate ones break
 * them quietly. Restricted fields: spec.{containers,initContainers}[*].ports[*].{name,containerPort,protocol}.
 * Allowed values: valid unique names, ports 1-65535, no port+protocol declared twice in the pod.
 * Source: kube-score container-ports-check.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

/** IANA_SVC_NAME as Kubernetes validates port names. */
function isValidPortName(name: string): boolean {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

export default defineRule({
  id: 'container-ports',
  meta: {
    title: 'Container ports should be valid and unique',
    category: 'hygiene',
    severity: 'low',
    description: 'Invalid port names or numbers are rejected at deploy time, and duplicate names or ports make named Service ports, probes and NetworkPolicy rules resolve to the wrong port.',
    remediation: 'Give every container port a number from 1 to 65535 and a unique lowercase name of at most 15 characters.',
    appliesTo: 'workloads',
    optional: true,
    messages: {
      invalidPort: '{{container}} port {{index}} has containerPort {{port}}; it must be 1-65535.',
      nameTooLong: '{{container}} port name "{{name}}" is longer than 15 characters.',
      invalidName: '{{container}} port name "{{name}}" must use lowercase letters, digits and single "-", with at least one letter.',
      duplicateName: '{{container}} declares port name "{{name}}" more than once.',
      duplicatePort: '{{container}} declares {{port}}/{{protocol}}, which another port of this pod already declares.',
    },
    references: [
      { title: 'Kubernetes API: ContainerPort', url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports' },
    ],
    peers: { kubeScore: ['container-ports-check'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    const seenPorts = new Set<string>();
    // Ephemeral containers cannot declare ports.
    for (const view of containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)) {
      if (!Array.isArray(view.container.ports)) continue;
      const ports: unknown[] = view.container.ports;
      // Descriptions and paths are built only for a port that is reported.
      const container = () => describeContainer(view);
      let seenNames: Set<string> | undefined;
      for (let index = 0; index < ports.length; index++) {
        const entry = (ports[index] ?? {}) as Record<string, unknown>;
        const path = () => `${view.path}.ports[${index}]`;
        const number = Number(entry.containerPort);
        const protocol = String(entry.protocol ?? 'TCP');
        if (!Number.isInteger(number) || number < 1 || number > 65535) {
          violations.push({ messageId: 'invalidPort' as const, path: `${path()}.containerPort`, data: { container: container(), index, port: String(entry.containerPort ?? 'unset') } });
        } else {
          const key = `${number}/${protocol}`;
          if (seenPorts.has(key)) violations.push({ messageId: 'duplicatePort' as const, path: `${path()}.containerPort`, data: { container: container(), port: number, protocol } });
          seenPorts.add(key);
        }
        if (typeof entry.name !== 'string') continue;
        const name = entry.name;
        if (name.length > 15) violations.push({ messageId: 'nameTooLong' as const, path: `${path()}.name`, data: { container: container(), name } });
        else if (!isValidPortName(name)) violations.push({ messageId: 'invalidName' as const, path: `${path()}.name`, data: { container: container(), name } });
        seenNames ??= new Set<string>();
        if (seenNames.has(name)) violations.push({ messageId: 'duplicateName' as const, path: `${path()}.name`, data: { container: container(), name } });
        seenNames.add(name);
      }
    }
    return violations;
  },
});
