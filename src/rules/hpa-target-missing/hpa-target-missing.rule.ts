/**
 * An autoscaler whose scaleTargetRef names no existing object does nothing, usually because of a typo or a
 * renamed workload.
 * Restricted fields: HorizontalPodAutoscaler spec.scaleTargetRef
 * Allowed values: an object of that kind and name in the autoscaler's namespace among the input. Checked only when
 * the input holds at least one object of the target kind in that namespace.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { scalesObject } from '../../core/k8s/controllers.js';
import { isObject, namespaceOf } from '../../core/k8s/object.js';

export default defineRule({
  id: 'hpa-target-missing',
  meta: {
    title: 'HorizontalPodAutoscalers must target an existing workload',
    category: 'reliability',
    severity: 'medium',
    description: 'An autoscaler pointing at a workload that does not exist scales nothing, so the intended workload runs at a fixed size under load.',
    remediation: 'Fix spec.scaleTargetRef (apiVersion, kind, name) or add the target workload to the manifests.',
    appliesTo: ['HorizontalPodAutoscaler'],
    messages: {
      missing: 'scaleTargetRef {{kind}} "{{name}}" is not among the {{kind}}s of namespace {{namespace}} in the input.',
      noTarget: 'The autoscaler has no scaleTargetRef.',
    },
    references: [
      { title: 'Kubernetes: Horizontal Pod Autoscaling', url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/' },
    ],
    peers: { kubeScore: ['horizontalpodautoscaler-has-target'], kubeLinter: ['dangling-horizontalpodautoscaler'], kubescape: ['C-0300'] },
  },
  check(object, { objects }) {
    if (object.kind !== 'HorizontalPodAutoscaler') return [];
    const target = object.spec?.scaleTargetRef;
    if (!isObject(target) || typeof target.kind !== 'string' || typeof target.name !== 'string') {
      return [{ messageId: 'noTarget', path: 'spec' }];
    }
    const namespace = namespaceOf(object) ?? 'default';
    const candidates = objects.inNamespace(target.kind, namespace);
    if (candidates.length === 0) return [];
    if (candidates.some((candidate) => scalesObject(object, candidate))) return [];
    return [{ messageId: 'missing', path: 'spec.scaleTargetRef', data: { kind: target.kind, name: target.name, namespace } }];
  },
});
