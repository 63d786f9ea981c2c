/**
 * Labels tell people and tools what a workload is and who owns it; the recommended `app.kubernetes.io/*` labels
 * are what dashboards, cost tools and incident responders group by. Restricted fields: metadata.labels of workloads.
 * Allowed values: every configured label present with a non-empty value.   Source: Kubernetes recommended labels.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'required-labels',
  meta: {
    title: 'Workloads should carry the required labels',
    category: 'hygiene',
    severity: 'info',
    description: 'Without agreed labels nobody can tell from the cluster which application a workload belongs to or who owns it, which slows incident response and breaks label-based policies.',
    remediation: 'Add the required labels (by default app.kubernetes.io/name) to the workload metadata.',
    appliesTo: 'workloads',
    messages: { missingLabel: '{{kind}} has no "{{label}}" label.' },
    references: [
      { title: 'Kubernetes documentation: Recommended Labels', url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: labels for policy and audit' },
    ],
    peers: { polaris: ['metadataAndInstanceMismatched'], kubeLinter: ['required-label-owner'], kubescape: ['C-0076', 'C-0077'] },
  },
  defaultOptions: { requiredLabels: ['app.kubernetes.io/name'] as string[] },
  validateOptions(options) {
    const value = (options as { requiredLabels?: unknown }).requiredLabels;
    return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')) ? [] : ['requiredLabels must be a list of label keys'];
  },
  check(object, ctx) {
    if (!podSpecOf(object)) return [];
    const labels = object.metadata?.labels ?? {};
    return ctx.options.requiredLabels
      .filter((label) => labels[label] === undefined || labels[label] === null || String(labels[label]) === '')
      .map((label) => ({ messageId: 'missingLabel' as const, path: object.metadata?.labels ? 'metadata.labels' : 'metadata', data: { kind: object.kind, label } }));
  },
});
