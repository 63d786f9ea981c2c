import { ruleTester } from '../../testing/index.js';
import rule from './hpa-min-replicas.rule.js';

const hpa = (minReplicas?: number) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...(minReplicas === undefined ? {} : { minReplicas }), maxReplicas: 10 },
});

ruleTester(rule).run({
  valid: [hpa(2), hpa(5), { name: 'scale to zero is a deliberate choice', object: hpa(0) }],
  invalid: [
    { name: 'minReplicas 1', object: hpa(1), errors: [{ messageId: 'tooFew', path: 'spec.minReplicas' }] },
    { name: 'minReplicas unset defaults to 1', object: hpa(), errors: [{ messageId: 'tooFew', path: 'spec' }] },
  ],
});
