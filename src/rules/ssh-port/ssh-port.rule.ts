/**
 * An SSH server in a container is a second, unaudited way in, usually with long-lived keys or passwords.
 * Restricted fields: spec.{containers,initContainers}[*].ports[*].containerPort of workloads; Service
 * spec.ports[*].{port,targetPort}.   Allowed values: anything but 22.   Source: kube-linter ssh-port, Kubescape C-0042.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const SSH = 22;

export default defineRule({
  id: 'ssh-port',
  meta: {
    title: 'Workloads and Services should not expose SSH',
    category: 'exposure',
    severity: 'medium',
    description: 'An SSH server inside a container bypasses Kubernetes authentication, RBAC and audit logging, and is a favourite target for credential brute force.',
    remediation: 'Remove the SSH server from the image; use kubectl exec or ephemeral debug containers, which RBAC and audit logs cover.',
    appliesTo: 'all',
    messages: {
      containerPort: '{{container}} declares port 22 (SSH).',
      servicePort: 'Service {{name}} exposes port 22 (SSH).',
    },
    references: [
      { title: 'MITRE ATT&CK T1021.004 Remote Services: SSH', url: 'https://attack.mitre.org/techniques/T1021/004/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: container hardening' },
    ],
    peers: { kubeLinter: ['ssh-port'], kubescape: ['C-0042'] },
  },
  check(object) {
    if (object.kind === 'Service') {
      const ports: unknown[] = Array.isArray(object.spec?.ports) ? object.spec.ports : [];
      return ports.flatMap((port: any, i) => (Number(port?.port) === SSH || Number(port?.targetPort) === SSH
        ? [{ messageId: 'servicePort' as const, path: `spec.ports[${i}]`, data: { name: object.metadata?.name } }]
        : []));
    }
    const pod = podSpecOf(object);
    if (!pod) return [];
    // Ephemeral containers cannot declare ports.
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)) {
      const ports: unknown[] = Array.isArray(view.container.ports) ? view.container.ports : [];
      for (let i = 0; i < ports.length; i++) {
        if (Number((ports[i] as any)?.containerPort) !== SSH) continue;
        violations.push({ messageId: 'containerPort' as const, path: `${view.path}.ports[${i}].containerPort`, data: { container: describeContainer(view) } });
      }
    }
    return violations;
  },
});
