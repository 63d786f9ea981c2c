/**
 * Long-running containers need a readiness probe. Init and ephemeral containers, and the pods of Jobs and CronJobs
 * (which run to completion), are out of scope.
 * Restricted fields: <pod spec>.containers[*].readinessProbe
 * Allowed values: any probe.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { APP_CONTAINERS, containersOf, describeContainer } from '../../core/k8s/containers.js';
import { runsToCompletion } from '../../core/k8s/controllers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'readiness-probe-missing',
  meta: {
    title: 'Long-running containers should have a readiness probe',
    category: 'reliability',
    severity: 'low',
    description: 'Without a readiness probe a container receives Service traffic as soon as it starts and while it is overloaded or shutting down, so clients see errors during every rollout.',
    remediation: 'Add a readinessProbe that succeeds only when the container can serve requests.',
    appliesTo: 'workloads',
    messages: { missing: '{{container}} has no readiness probe.' },
    references: [
      { title: 'Kubernetes: Configure Liveness, Readiness and Startup Probes', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/' },
    ],
    peers: { polaris: ['readinessProbeMissing'], kubeScore: ['pod-probes'], kubeLinter: ['no-readiness-probe'], kubescape: ['C-0018'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || runsToCompletion(object)) return [];
    return containersOf(pod.spec, pod.specPath, APP_CONTAINERS)
      .filter((view) => !isObject(view.container.readinessProbe))
      .map((view) => ({ messageId: 'missing' as const, path: view.path, data: { container: describeContainer(view) } }));
  },
});
