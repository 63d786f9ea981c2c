/**
 * kube-system holds the control plane and cluster add-ons, with powerful service accounts and no Pod Security
 * enforcement; application workloads do not belong there. Restricted fields: metadata.namespace of workloads.
 * Allowed values: any namespace but kube-system, or a workload that declares itself a platform component.
 * Source: Trivy KSV-0037.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

interface Options {
  /** Names of workloads allowed in kube-system besides the ones recognised as platform components. */
  allowedWorkloads: string[];
}

const SYSTEM_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

/** Signals that Kubernetes distributions and add-ons put on their own components. */
function isPlatformComponent(labels: Record<string, string> | undefined, priorityClassName: unknown): boolean {
  if (typeof priorityClassName === 'string' && SYSTEM_PRIORITY_CLASSES.has(priorityClassName)) return true;
  if (!labels) return false;
  return labels.tier === 'control-plane' || labels['kubernetes.io/cluster-service'] === 'true' || labels['addonmanager.kubernetes.io/mode'] !== undefined;
}

export default defineRule({
  id: 'kube-system-workload',
  meta: {
    title: 'User workloads should not run in kube-system',
    category: 'multi-tenancy',
    severity: 'medium',
    description: 'kube-system holds the control plane, add-ons and their powerful service accounts and is usually exempt from Pod Security Admission, so an application placed there runs next to the cluster\'s most sensitive credentials.',
    remediation: 'Move the workload to its own namespace; platform components should carry a system priority class or the add-on manager labels.',
    appliesTo: 'workloads',
    messages: { kubeSystem: '{{kind}} {{name}} is a user workload in kube-system.' },
    references: [
      { title: 'Kubernetes documentation: initial namespaces (kube-system)', url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces' },
      { title: 'CIS Kubernetes Benchmark 5.6.1: Create administrative boundaries between resources using namespaces' },
    ],
    peers: { trivy: ['KSV-0037'] },
  },
  defaultOptions: { allowedWorkloads: [] as string[] },
  validateOptions(options) {
    const value = (options as Partial<Options>).allowedWorkloads;
    return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string')) ? [] : ['allowedWorkloads must be a list of workload names'];
  },
  check(object, ctx) {
    const pod = podSpecOf(object);
    if (!pod || object.metadata?.namespace !== 'kube-system') return [];
    const name = object.metadata?.name ?? '';
    if (ctx.options.allowedWorkloads.includes(name)) return [];
    if (isPlatformComponent(object.metadata?.labels, pod.spec.priorityClassName) || isPlatformComponent(pod.metadata.labels, undefined)) return [];
    return [{ messageId: 'kubeSystem', path: 'metadata.namespace', data: { kind: object.kind, name } }];
  },
});
