/**
 * Resource requests: every container and init container should set resources.requests.memory.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].resources.requests.memory
 * Allowed values: any quantity; or a limit (copied into the request), a LimitRange default of the namespace in the input.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containersWithoutResource, resourcePath } from '../../core/k8s/resources.js';

export default defineRule({
  id: 'memory-request-missing',
  meta: {
    title: 'Containers should request memory',
    category: 'resources',
    severity: 'low',
    description: 'Without a memory request the scheduler places the pod as if it needed no memory, and under memory pressure its pod is among the first to be evicted.',
    remediation: 'Set resources.requests.memory on every container and init container.',
    appliesTo: 'workloads',
    messages: { missing: '{{container}} has no memory request.' },
    references: [
      { title: 'Kubernetes: Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: resource policies' },
    ],
    peers: { polaris: ['memoryRequestsMissing'], kubeScore: ['container-resources'], kubeLinter: ['unset-memory-requirements'], kubescape: ['C-0269', 'C-0004'], trivy: ['KSV-0016'] },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const limitRanges = objects.inNamespace('LimitRange', namespaceOf(object) ?? '');
    return containersWithoutResource(pod, 'requests', 'memory', limitRanges)
      .map((view) => ({ messageId: 'missing' as const, path: resourcePath(view, 'requests'), data: { container: describeContainer(view) } }));
  },
});
