/**
 * Resource limits: every container and init container should set resources.limits.memory.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].resources.limits.memory
 * Allowed values: any quantity; or a LimitRange default of the namespace in the input.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containersWithoutResource, resourcePath } from '../../core/k8s/resources.js';

export default defineRule({
  id: 'memory-limit-missing',
  meta: {
    title: 'Containers should have a memory limit',
    category: 'resources',
    severity: 'medium',
    description: 'A container without a memory limit can use all memory of its node, causing node-level out-of-memory kills and evictions of other pods; it is also an easy denial of service for an attacker.',
    remediation: 'Set resources.limits.memory on every container and init container.',
    appliesTo: 'workloads',
    messages: { missing: '{{container}} has no memory limit.' },
    references: [
      { title: 'Kubernetes: Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: resource policies' },
    ],
    peers: { polaris: ['memoryLimitsMissing'], kubeScore: ['container-resources'], kubeLinter: ['unset-memory-requirements'], kubescape: ['C-0271', 'C-0004'], trivy: ['KSV-0018'] },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const limitRanges = objects.inNamespace('LimitRange', namespaceOf(object) ?? '');
    return containersWithoutResource(pod, 'limits', 'memory', limitRanges)
      .map((view) => ({ messageId: 'missing' as const, path: resourcePath(view, 'limits'), data: { container: describeContainer(view) } }));
  },
});
