/**
 * A PodDisruptionBudget without minAvailable or maxUnavailable states no budget: it selects pods but does not
 * say how many of them must stay up.
 * Restricted fields: PodDisruptionBudget spec.minAvailable, spec.maxUnavailable
 * Allowed values: exactly one of them set.
 */
import { defineRule } from '../../core/engine/define-rule.js';

export default defineRule({
  id: 'pdb-no-policy',
  meta: {
    title: 'PodDisruptionBudgets must set minAvailable or maxUnavailable',
    category: 'reliability',
    severity: 'low',
    description: 'A PodDisruptionBudget without minAvailable or maxUnavailable expresses no availability requirement, so it does not give the protection its author expected.',
    remediation: 'Set spec.maxUnavailable (or spec.minAvailable) on the PodDisruptionBudget.',
    appliesTo: ['PodDisruptionBudget'],
    messages: { noPolicy: 'The PodDisruptionBudget sets neither minAvailable nor maxUnavailable.' },
    references: [
      { title: 'Kubernetes: Specifying a Disruption Budget for your Application', url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/' },
    ],
    peers: { kubeScore: ['poddisruptionbudget-has-policy'] },
  },
  check(object) {
    if (object.kind !== 'PodDisruptionBudget') return [];
    const spec = object.spec ?? {};
    const set = (value: unknown) => value !== undefined && value !== null;
    return set(spec.minAvailable) || set(spec.maxUnavailable) ? [] : [{ messageId: 'noPolicy', path: object.spec ? 'spec' : 'metadata' }];
  },
});
