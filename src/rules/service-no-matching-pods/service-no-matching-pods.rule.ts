/**
 * A Service whose selector matches no pod has no endpoints: every request to it fails.
 * Restricted fields: Service spec.selector.   Allowed values: a selector matching the pod labels of at least one
 * workload in the Service's namespace.   Source: kube-score service-targets-pod, kube-linter dangling-service.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { runningWorkloadCandidates, runningWorkloadsIn } from '../../core/k8s/running-workloads.js';
import { mapSelectorMatches } from '../../core/k8s/selectors.js';

export default defineRule({
  id: 'service-no-matching-pods',
  meta: {
    title: 'Service selectors should match a workload',
    category: 'cross-object',
    severity: 'low',
    description: 'A Service whose selector matches no pod gets no endpoints, so clients see connection failures; it usually means a label typo or a renamed workload.',
    remediation: 'Make spec.selector match the pod template labels of the workload the Service fronts.',
    appliesTo: ['Service'],
    messages: { noPods: 'Service {{name}} selects {{selector}}, which matches no workload in namespace {{namespace}}.' },
    references: [
      { title: 'Kubernetes documentation: Services without selectors and with selectors', url: 'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service' },
    ],
    peers: { kubeScore: ['service-targets-pod'], kubeLinter: ['dangling-service'], kubescape: ['C-0293'] },
  },
  check(object, ctx) {
    if (object.kind !== 'Service' || object.spec?.type === 'ExternalName') return [];
    const selector: Record<string, string> | undefined = object.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return [];
    const namespace = namespaceOf(object) ?? 'default';
    // Manifests are often scanned piecemeal; judge only namespaces whose workloads are part of the scan.
    if (runningWorkloadsIn(ctx.objects.workloads(), namespace).length === 0) return [];
    const candidates = runningWorkloadCandidates(ctx.objects.workloads(), namespace, selector);
    if (candidates.some(({ pod }) => mapSelectorMatches(selector, pod.metadata.labels))) return [];
    const text = Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(',');
    return [{ messageId: 'noPods', path: 'spec.selector', data: { name: object.metadata?.name, selector: text, namespace } }];
  },
});
