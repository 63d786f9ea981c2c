/**
 * A probe that names a port the container does not declare can never connect: readiness never succeeds and
 * liveness restarts the container forever.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.port
 * Allowed values: a number, or the name of one of the container's ports[*].name.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export default defineRule({
  id: 'probe-unknown-port',
  meta: {
    title: 'Probes must use a port name the container declares',
    category: 'reliability',
    severity: 'medium',
    description: 'A probe that refers to an undeclared port name always fails, so the pod never becomes ready or is restarted in a loop.',
    remediation: 'Use the name of one of the container\'s ports, or the port number.',
    appliesTo: 'workloads',
    messages: { unknownName: '{{container}} {{probe}} uses port "{{port}}", which is not the name of any of its ports.' },
    references: [
      { title: 'Kubernetes: Configure Liveness, Readiness and Startup Probes, named ports', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port' },
    ],
    peers: { kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    // Ephemeral containers cannot have probes; sidecar init containers can.
    for (const view of containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)) {
      // The declared names are collected only for a container whose probes use a named port.
      let names: Set<unknown> | undefined;
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const port = view.container[probe]?.[handler]?.port;
          if (typeof port !== 'string' || /^\d+$/.test(port)) continue;
          names ??= new Set((Array.isArray(view.container.ports) ? view.container.ports : []).map((declared: any) => declared?.name).filter(Boolean));
          if (names.has(port)) continue;
          violations.push({
            messageId: 'unknownName' as const,
            path: `${view.path}.${probe}.${handler}.port`,
            data: { container: describeContainer(view), probe, port },
          });
        }
      }
    }
    return violations;
  },
});
