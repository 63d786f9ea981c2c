/**
 * Requests equal to limits give a pod the Guaranteed QoS class: it is never throttled below what it was promised
 * and is the last to be evicted.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].resources.{requests,limits}.{cpu,memory,ephemeral-storage}
 * Allowed values: request equal to limit when both are set (missing values are other rules' business).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { parseQuantity } from '../../core/k8s/quantity.js';
import type { ResourceName } from '../../core/k8s/resources.js';

const RESOURCES: readonly ResourceName[] = ['cpu', 'memory', 'ephemeral-storage'];

export default defineRule({
  id: 'requests-equal-limits',
  meta: {
    title: 'Container requests should equal limits',
    category: 'resources',
    severity: 'info',
    description: 'When requests are lower than limits the node is overcommitted: under pressure the container is throttled or evicted before Guaranteed pods.',
    remediation: 'Set each resource\'s request to the same quantity as its limit.',
    appliesTo: 'workloads',
    messages: { differs: '{{container}}: {{resource}} request {{request}} differs from its limit {{limit}}.' },
    references: [
      { title: 'Kubernetes: Pod Quality of Service Classes, Guaranteed', url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#guaranteed' },
    ],
    peers: {
      kubeScore: ['container-resource-requests-equal-limits', 'container-cpu-requests-equal-limits', 'container-memory-requests-equal-limits', 'container-ephemeral-storage-request-equals-limit'],
    },
    optional: true,
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)) {
      const { requests, limits } = view.container.resources ?? {};
      if (!requests || !limits) continue;
      for (const resource of RESOURCES) {
        const request = requests[resource];
        const limit = limits[resource];
        if (request === undefined || limit === undefined) continue;
        const requested = parseQuantity(request);
        const limited = parseQuantity(limit);
        if (requested === undefined || limited === undefined || requested === limited) continue;
        violations.push({
          messageId: 'differs' as const,
          path: `${view.path}.resources.requests.${resource}`,
          data: { container: describeContainer(view), resource, request: String(request), limit: String(limit) },
        });
      }
    }
    return violations;
  },
});
