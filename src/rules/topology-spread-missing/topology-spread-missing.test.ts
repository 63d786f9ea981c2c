import { asWorkload, pod, podSpecPathOf, ruleTester } from '../../testing/index.js';
import rule from './topology-spread-missing.rule.js';

const spread = (labelSelector: unknown) => pod((p) => {
  p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector }];
});
const deployment = asWorkload(pod(), 'Deployment');

ruleTester(rule).run({
  valid: [
    { name: 'a zone spread over its own pods', object: asWorkload(spread({ matchLabels: { app: 'web' } }), 'Deployment') },
    { name: 'one replica', object: { ...deployment, spec: { ...deployment.spec, replicas: 1 } } },
    { name: 'a bare pod', object: pod() },
  ],
  invalid: [
    ...(['Deployment', 'StatefulSet', 'Rollout'] as const).map((kind) => ({
      name: `no constraints in a ${kind}`,
      object: asWorkload(pod(), kind),
      errors: [{ messageId: 'missing', path: podSpecPathOf(kind) }],
    })),
    { name: 'a selector for other pods', object: asWorkload(spread({ matchLabels: { app: 'db' } }), 'Deployment'), errors: [{ messageId: 'selectorMismatch', path: 'spec.template.spec.topologySpreadConstraints[0]' }] },
    { name: 'no selector at all', object: asWorkload(spread(undefined), 'StatefulSet'), errors: [{ messageId: 'selectorMismatch' }] },
  ],
});
