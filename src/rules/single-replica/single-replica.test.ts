import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './single-replica.rule.js';

const deployment = asWorkload(pod(), 'Deployment');
const withReplicas = (replicas: number | undefined) => ({ ...deployment, spec: { ...deployment.spec, replicas } });

ruleTester(rule).run({
  valid: [
    deployment,
    { name: 'scaled to zero', object: withReplicas(0) },
    {
      name: 'autoscaled',
      object: withReplicas(1),
      objects: [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 4 } }],
    },
    { name: 'a single-member StatefulSet', object: { ...asWorkload(pod(), 'StatefulSet'), spec: { ...asWorkload(pod(), 'StatefulSet').spec, replicas: 1 } } },
    { name: 'a DaemonSet has no replica count', object: asWorkload(pod(), 'DaemonSet') },
  ],
  invalid: [
    { name: 'replicas 1', object: withReplicas(1), errors: [{ messageId: 'single', path: 'spec.replicas' }] },
    { name: 'replicas unset defaults to 1', object: withReplicas(undefined), errors: [{ messageId: 'single', path: 'spec' }] },
    { name: 'an Argo Rollout with one replica', object: { ...asWorkload(pod(), 'Rollout'), spec: { ...asWorkload(pod(), 'Rollout').spec, replicas: 1 } }, errors: [{ messageId: 'single' }] },
  ],
});
