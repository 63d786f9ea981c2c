/**
 * Resource requests: every container and init container should set resources.requests.cpu.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].resources.requests.cpu
 * Allowed values: any quantity; or a limit (copied into the request), a LimitRange default of the namespace in the input.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containersWithoutResource, resourcePath } from '../../core/k8s/resources.js';

export default defineRule({
  id: 'cpu-request-missing',
  meta: {
    title: 'Containers should request CPU',
    category: 'resources',
    severity: 'low',
    description: 'Without a CPU request the scheduler places the pod as if it needed no CPU, so nodes get overcommitted and the container is the first to be starved under contention.',
    remediation: 'Set resources.requests.cpu on every container and init container.',
    appliesTo: 'workloads',
    messages: { missing: '{{container}} has no CPU request.' },
    references: [
      { title: 'Kubernetes: Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: resource policies' },
    ],
    peers: { polaris: ['cpuRequestsMissing'], kubeScore: ['container-resources'], kubeLinter: ['unset-cpu-requirements'], kubescape: ['C-0268', 'C-0050'], trivy: ['KSV-0015'] },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const limitRanges = objects.inNamespace('LimitRange', namespaceOf(object) ?? '');
    return containersWithoutResource(pod, 'requests', 'cpu', limitRanges)
      .map((view) => ({ messageId: 'missing' as const, path: resourcePath(view, 'requests'), data: { container: describeContainer(view) } }));
  },
});
