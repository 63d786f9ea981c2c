import { ruleTester } from '../../testing/index.js';
import rule from './hpa-fixed-replicas.rule.js';

const hpa = (minReplicas: number | undefined, maxReplicas: number) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...(minReplicas === undefined ? {} : { minReplicas }), maxReplicas },
});

ruleTester(rule).run({
  valid: [hpa(2, 10), { name: 'default minimum of 1', object: hpa(undefined, 2) }],
  invalid: [
    { name: 'equal bounds', object: hpa(3, 3), errors: [{ messageId: 'equal', path: 'spec.maxReplicas' }] },
    { name: 'max of 1 with the default minimum', object: hpa(undefined, 1), errors: [{ messageId: 'equal' }] },
    { name: 'max below min', object: hpa(4, 2), errors: [{ messageId: 'below', path: 'spec.maxReplicas' }] },
  ],
});
