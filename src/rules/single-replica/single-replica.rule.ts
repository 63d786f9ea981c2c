/**
 * A Deployment with one replica is down whenever its only pod is: during every rollout hiccup, node drain or
 * crash.
 * Restricted fields: Deployment (and replicated custom resource) spec.replicas
 * Allowed values: 2 or more; 0 (scaled down on purpose); anything when an HPA of the input scales the workload.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isReplicatedService, lowestReplicas } from '../../core/k8s/controllers.js';
import { namespaceOf } from '../../core/k8s/object.js';

export default defineRule({
  id: 'single-replica',
  meta: {
    title: 'Deployments should run more than one replica',
    category: 'reliability',
    severity: 'low',
    description: 'A single replica means any pod restart, eviction or node failure is an outage of the service.',
    remediation: 'Set spec.replicas to 2 or more, or let a HorizontalPodAutoscaler manage it.',
    appliesTo: 'workloads',
    messages: { single: 'The {{kind}} runs a single replica.' },
    references: [
      { title: 'Kubernetes: Deployments, scaling a Deployment', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#scaling-a-deployment' },
    ],
    peers: { polaris: ['deploymentMissingReplicas'], kubeScore: ['deployment-replicas'], kubeLinter: ['minimum-three-replicas'] },
    optional: true,
  },
  check(object, { objects }) {
    // StatefulSets often run one stateful member on purpose; they are left out.
    if (object.kind === 'StatefulSet' || !isReplicatedService(object)) return [];
    const { replicas, autoscaled } = lowestReplicas(object, objects.inNamespace('HorizontalPodAutoscaler', namespaceOf(object) ?? 'default'));
    if (autoscaled || replicas !== 1) return [];
    return [{ messageId: 'single', path: typeof object.spec?.replicas === 'number' ? 'spec.replicas' : 'spec', data: { kind: object.kind } }];
  },
});
