/**
 * A liveness probe identical to the readiness probe restarts a container in exactly the situations where it
 * should only be taken out of the Service for a while (overload, a slow dependency).
 * Restricted fields: <pod spec>.containers[*].{livenessProbe,readinessProbe}
 * Allowed values: different probes (or only one of them).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { jsonEqual } from '../../core/json-equal.js';
import { APP_CONTAINERS, containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'probes-identical',
  meta: {
    title: 'Liveness and readiness probes should differ',
    category: 'reliability',
    severity: 'low',
    description: 'When both probes are the same, a container that is only temporarily unable to serve is restarted instead of being taken out of rotation, which turns load spikes into restart storms.',
    remediation: 'Make the liveness probe a cheaper check with a higher failure threshold than the readiness probe.',
    appliesTo: 'workloads',
    messages: { identical: '{{container}} uses the same probe for liveness and readiness.' },
    references: [
      { title: 'Kubernetes: Configure Liveness, Readiness and Startup Probes', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/' },
    ],
    peers: { kubeScore: ['pod-probes-identical'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return containersOf(pod.spec, pod.specPath, APP_CONTAINERS)
      .filter(({ container }) => isObject(container.livenessProbe) && jsonEqual(container.livenessProbe, container.readinessProbe))
      .map((view) => ({ messageId: 'identical' as const, path: `${view.path}.livenessProbe`, data: { container: describeContainer(view) } }));
  },
});
