/**
 * Long-running containers need a liveness probe. Init and ephemeral containers, and the pods of Jobs and CronJobs
 * (which run to completion), are out of scope.
 * Restricted fields: <pod spec>.containers[*].livenessProbe
 * Allowed values: any probe.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { APP_CONTAINERS, containersOf, describeContainer } from '../../core/k8s/containers.js';
import { runsToCompletion } from '../../core/k8s/controllers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'liveness-probe-missing',
  meta: {
    title: 'Long-running containers should have a liveness probe',
    category: 'reliability',
    severity: 'low',
    description: 'Without a liveness probe a container that hangs (deadlock, exhausted thread pool) keeps running and keeps its place in the Service, and nothing restarts it.',
    remediation: 'Add a livenessProbe that fails only when the process cannot recover by itself.',
    appliesTo: 'workloads',
    messages: { missing: '{{container}} has no liveness probe.' },
    references: [
      { title: 'Kubernetes: Configure Liveness, Readiness and Startup Probes', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/' },
    ],
    peers: { polaris: ['livenessProbeMissing'], kubeScore: ['pod-probes'], kubeLinter: ['no-liveness-probe'], kubescape: ['C-0056'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || runsToCompletion(object)) return [];
    return containersOf(pod.spec, pod.specPath, APP_CONTAINERS)
      .filter((view) => !isObject(view.container.livenessProbe))
      .map((view) => ({ messageId: 'missing' as const, path: view.path, data: { container: describeContainer(view) } }));
  },
});
