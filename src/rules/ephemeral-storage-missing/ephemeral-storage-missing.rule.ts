/**
 * Local ephemeral storage (writable layer, emptyDir, logs) is shared by every pod of a node; without a request the
 * scheduler ignores it and without a limit one pod can fill the disk.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].resources.{requests,limits}.ephemeral-storage
 * Allowed values: any quantity, or a LimitRange default of the namespace in the input.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { effectiveResource, resourcePath, type ResourceBound } from '../../core/k8s/resources.js';

const BOUNDS: ReadonlyArray<{ bound: ResourceBound; messageId: 'requestMissing' | 'limitMissing' }> = [
  { bound: 'requests', messageId: 'requestMissing' },
  { bound: 'limits', messageId: 'limitMissing' },
];

export default defineRule({
  id: 'ephemeral-storage-missing',
  meta: {
    title: 'Containers should request and limit ephemeral storage',
    category: 'resources',
    severity: 'low',
    description: 'Without an ephemeral-storage limit one container can fill the node\'s disk with logs, temporary files or emptyDir data, and the kubelet then evicts other pods.',
    remediation: 'Set resources.requests and resources.limits for ephemeral-storage on every container and init container.',
    appliesTo: 'workloads',
    messages: {
      requestMissing: '{{container}} has no ephemeral-storage request.',
      limitMissing: '{{container}} has no ephemeral-storage limit.',
    },
    references: [
      { title: 'Kubernetes: Local ephemeral storage', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage' },
    ],
    peers: { kubeScore: ['container-ephemeral-storage-request-and-limit'] },
    optional: true,
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const limitRanges = objects.inNamespace('LimitRange', namespaceOf(object) ?? '');
    return containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS).flatMap((view) =>
      BOUNDS.filter(({ bound }) => effectiveResource(view, bound, 'ephemeral-storage', limitRanges) === undefined).map(({ bound, messageId }) => ({
        messageId,
        path: resourcePath(view, bound),
        data: { container: describeContainer(view) },
      })));
  },
});
