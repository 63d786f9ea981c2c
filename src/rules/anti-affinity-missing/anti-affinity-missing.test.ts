import { asWorkload, pod, podSpecPathOf, ruleTester } from '../../testing/index.js';
import rule from './anti-affinity-missing.rule.js';

const ownPods = { matchLabels: { 'app.kubernetes.io/name': 'web' } };
const preferred = pod((p) => {
  p.spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: ownPods } }] } };
});
const otherPods = pod((p) => {
  p.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } };
});
const deployment = asWorkload(pod(), 'Deployment');

ruleTester(rule).run({
  valid: [
    { name: 'preferred anti-affinity on hostname', object: asWorkload(preferred, 'Deployment') },
    { name: 'a zone spread constraint', object: asWorkload(pod((p) => { p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: ownPods }]; }), 'StatefulSet') },
    { name: 'one replica', object: { ...deployment, spec: { ...deployment.spec, replicas: 1 } } },
    { name: 'a DaemonSet runs one pod per node anyway', object: asWorkload(pod(), 'DaemonSet') },
  ],
  invalid: [
    ...(['Deployment', 'StatefulSet', 'Rollout'] as const).map((kind) => ({
      name: `no anti-affinity in a ${kind}`,
      object: asWorkload(pod(), kind),
      errors: [{ messageId: 'missing', path: podSpecPathOf(kind) }],
    })),
    { name: 'anti-affinity against other pods only', object: asWorkload(otherPods, 'Deployment'), errors: [{ messageId: 'missing' }] },
    {
      name: 'a topology key that does not spread',
      object: asWorkload(pod((p) => { p.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'example.com/rack-group', labelSelector: ownPods }] } }; }), 'Deployment'),
      errors: [{ messageId: 'missing' }],
    },
  ],
});
