/**
 * A controller finds its pods through spec.selector; when the selector does not match the pod template's labels
 * the controller can never see the pods it creates.
 * Restricted fields: spec.selector of Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController, Job
 * with manualSelector, and custom resources with spec.selector + spec.template (Argo Rollouts and the like)
 * Allowed values: a non-empty selector that matches spec.template.metadata.labels.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { mapSelectorMatches, selectorMatches } from '../../core/k8s/selectors.js';

/** Kinds whose API requires a label selector (apps/v1). */
const SELECTOR_REQUIRED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const BUILT_IN = new Set(['Pod', 'PodTemplate', 'CronJob', 'Job', 'ReplicationController', ...SELECTOR_REQUIRED]);

function isEmptySelector(selector: Record<string, any>): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

export default defineRule({
  id: 'selector-mismatch',
  meta: {
    title: 'Controller selectors must match their pod template labels',
    category: 'reliability',
    severity: 'high',
    description: 'A controller whose selector does not match its pod template cannot count or manage the pods it creates; the API rejects such apps/v1 objects, and other kinds keep creating pods without end.',
    remediation: 'Make spec.selector a subset of spec.template.metadata.labels.',
    appliesTo: 'workloads',
    messages: {
      mismatch: 'spec.selector does not match the pod template labels, so the {{kind}} cannot find its own pods.',
      missing: 'The {{kind}} has no spec.selector.',
      empty: 'spec.selector of the {{kind}} is empty and would select every pod of the namespace.',
    },
    references: [
      { title: 'Kubernetes: Deployments, selector', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector' },
      { title: 'Kubernetes: Labels and Selectors', url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/' },
    ],
    peers: {
      kubeScore: ['deployment-pod-selector-labels-match-template-metadata-labels', 'statefulset-pod-selector-labels-match-template-metadata-labels'],
      kubeLinter: ['mismatching-selector'],
      kubescape: ['C-0296'],
    },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const { kind } = object;
    const selector = object.spec?.selector;
    const labels = pod.metadata.labels;
    if (kind === 'ReplicationController') {
      // An RC without a selector defaults it to the template labels.
      if (!isObject(selector) || Object.keys(selector).length === 0) return [];
      return mapSelectorMatches(selector, labels) ? [] : [{ messageId: 'mismatch', path: 'spec.selector', data: { kind } }];
    }
    if (kind === 'Job' && object.spec?.manualSelector !== true) return [];
    const checked = SELECTOR_REQUIRED.has(kind) || kind === 'Job' || (!BUILT_IN.has(kind) && isObject(selector));
    if (!checked) return [];
    if (!isObject(selector)) return [{ messageId: 'missing', path: 'spec', data: { kind } }];
    if (isEmptySelector(selector)) return [{ messageId: 'empty', path: 'spec.selector', data: { kind } }];
    return selectorMatches(selector, labels) ? [] : [{ messageId: 'mismatch', path: 'spec.selector', data: { kind } }];
  },
});
