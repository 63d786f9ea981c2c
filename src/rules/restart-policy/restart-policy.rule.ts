/**
 * Each controller kind accepts only some pod restart policies; the API server rejects the others, so the
 * manifest fails at deploy time.
 * Restricted fields: <pod spec>.restartPolicy
 * Allowed values: Job and CronJob: OnFailure or Never (unset means Always and is rejected); Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, ReplicationController: Always or unset. Pods and PodTemplates: anything.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);
const ALWAYS_RUNNING = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

export default defineRule({
  id: 'restart-policy',
  meta: {
    title: 'Pod restart policy must suit the controller kind',
    category: 'reliability',
    severity: 'low',
    description: 'Jobs and CronJobs need restartPolicy OnFailure or Never and long-running controllers need Always; anything else is rejected by the API server when the manifest is applied.',
    remediation: 'Set restartPolicy: OnFailure (or Never) in Job and CronJob templates, and leave it unset or Always elsewhere.',
    appliesTo: 'workloads',
    messages: {
      runToCompletion: 'Pods of a {{kind}} must use restartPolicy OnFailure or Never, not {{policy}}.',
      alwaysRunning: 'Pods of a {{kind}} must use restartPolicy Always, not {{policy}}.',
    },
    references: [
      { title: 'Kubernetes: Jobs, pod template (restartPolicy)', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template' },
      { title: 'Kubernetes: Pod Lifecycle, container restart policy', url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy' },
    ],
    peers: { kubeScore: ['cronjob-restartpolicy'], kubeLinter: ['restart-policy'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const policy = pod.spec.restartPolicy;
    const path = policy === undefined ? pod.specPath : `${pod.specPath}.restartPolicy`;
    if (RUN_TO_COMPLETION.has(object.kind) && policy !== 'OnFailure' && policy !== 'Never') {
      return [{ messageId: 'runToCompletion', path, data: { kind: object.kind, policy: policy === undefined ? 'the default Always' : String(policy) } }];
    }
    if (ALWAYS_RUNNING.has(object.kind) && policy !== undefined && policy !== 'Always') {
      return [{ messageId: 'alwaysRunning', path, data: { kind: object.kind, policy: String(policy) } }];
    }
    return [];
  },
});
