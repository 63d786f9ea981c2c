/**
 * Without a priority class every pod has the same priority (0), so under resource pressure the scheduler cannot
 * tell critical services from batch work when it preempts.
 * Restricted fields: <pod spec>.priorityClassName
 * Allowed values: any name.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'priority-class-missing',
  meta: {
    title: 'Workloads should set a priority class',
    category: 'scheduling',
    severity: 'info',
    description: 'Pods without a priority class all share the default priority, so when a cluster runs out of room a critical service may wait behind, or be preempted for, unimportant work.',
    remediation: 'Create PriorityClasses for your service tiers and set priorityClassName on each workload.',
    appliesTo: 'workloads',
    messages: { missing: 'The pod sets no priorityClassName.' },
    references: [
      { title: 'Kubernetes: Pod Priority and Preemption', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/' },
    ],
    peers: { polaris: ['priorityClassNotSet'], kubeLinter: ['priority-class-name'] },
    optional: true,
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const name = pod.spec.priorityClassName;
    return typeof name === 'string' && name !== '' ? [] : [{ messageId: 'missing', path: pod.specPath }];
  },
});
