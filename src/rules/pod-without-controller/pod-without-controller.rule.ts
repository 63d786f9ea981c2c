/**
 * A running pod that no controller owns is not recreated when it crashes or its node is drained, and is often a
 * leftover `kubectl run` or debugging shell with more access than the workloads around it.
 * Restricted fields: metadata.ownerReferences of Pods whose status.phase is Pending or Running.
 * Allowed values: an owner reference with `controller: true` (mirror pods are owned by their Node).
 * Live only: a Pod without `status` comes from a manifest, where a bare Pod is a deliberate choice.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject } from '../../core/k8s/object.js';

const RUNNING_PHASES = new Set(['Pending', 'Running']);

export default defineRule({
  id: 'pod-without-controller',
  meta: {
    title: 'Running pods should be owned by a controller',
    category: 'reliability',
    severity: 'low',
    description: 'A pod without a controller is not recreated when it fails or its node is drained, and is often a forgotten kubectl run or debugging session.',
    remediation: 'Run it from a Deployment, StatefulSet, DaemonSet or Job, or delete it when it is a leftover.',
    appliesTo: ['Pod'],
    messages: {
      noController: 'Pod is {{phase}} and no controller owns it: nothing recreates it when it fails or its node is drained.',
    },
    references: [
      { title: 'Kubernetes: Pods and controllers', url: 'https://kubernetes.io/docs/concepts/workloads/pods/#pods-and-controllers' },
      { title: 'Kubernetes configuration best practices: naked pods', url: 'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs' },
      { title: 'Kubescape C-0073 Naked pods' },
    ],
    peers: { kubescape: ['C-0073'] },
  },
  check(object) {
    if (!isObject(object.status)) return [];
    const phase = object.status.phase;
    if (typeof phase !== 'string' || !RUNNING_PHASES.has(phase)) return [];
    const owners = Array.isArray(object.metadata?.ownerReferences) ? object.metadata.ownerReferences : [];
    if (owners.some((owner) => isObject(owner) && owner.controller === true)) return [];
    return [{ messageId: 'noController', path: 'metadata.ownerReferences', data: { phase } }];
  },
});
