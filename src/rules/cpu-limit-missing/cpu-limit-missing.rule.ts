/**
 * Resource limits: every container and init container should set resources.limits.cpu.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].resources.limits.cpu
 * Allowed values: any quantity; or a LimitRange default of the namespace in the input.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containersWithoutResource, resourcePath } from '../../core/k8s/resources.js';

export default defineRule({
  id: 'cpu-limit-missing',
  meta: {
    title: 'Containers should have a CPU limit',
    category: 'resources',
    severity: 'low',
    description: 'A container without a CPU limit can use every idle core of its node, so a runaway or compromised process slows down its neighbours.',
    remediation: 'Set resources.limits.cpu on every container and init container, or accept the risk for latency-sensitive workloads.',
    appliesTo: 'workloads',
    messages: { missing: '{{container}} has no CPU limit.' },
    references: [
      { title: 'Kubernetes: Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: resource policies' },
    ],
    peers: { polaris: ['cpuLimitsMissing'], kubeScore: ['container-resources'], kubeLinter: ['unset-cpu-requirements'], kubescape: ['C-0270', 'C-0050'], trivy: ['KSV-0011'] },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const limitRanges = objects.inNamespace('LimitRange', namespaceOf(object) ?? '');
    return containersWithoutResource(pod, 'limits', 'cpu', limitRanges)
      .map((view) => ({ messageId: 'missing' as const, path: resourcePath(view, 'limits'), data: { container: describeContainer(view) } }));
  },
});
