import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './replicas-with-hpa.rule.js';

const hpa = (kind: string, apiVersion = 'apps/v1') => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion, kind, name: 'web' }, minReplicas: 2, maxReplicas: 10 },
});
const deployment = asWorkload(pod(), 'Deployment');
const withoutReplicas = { ...deployment, spec: { ...deployment.spec, replicas: undefined } };

ruleTester(rule).run({
  valid: [
    { name: 'no autoscaler', object: deployment },
    { name: 'autoscaled without spec.replicas', object: withoutReplicas, objects: [hpa('Deployment')] },
    { name: 'an autoscaler for another kind', object: deployment, objects: [hpa('StatefulSet')] },
  ],
  invalid: [
    { name: 'an autoscaled Deployment with replicas', object: deployment, objects: [hpa('Deployment')], errors: [{ messageId: 'replicasSet', path: 'spec.replicas' }] },
    { name: 'an autoscaled StatefulSet with replicas', object: asWorkload(pod(), 'StatefulSet'), objects: [hpa('StatefulSet')], errors: [{ messageId: 'replicasSet' }] },
    { name: 'an autoscaled Rollout with replicas', object: asWorkload(pod(), 'Rollout'), objects: [hpa('Rollout', 'argoproj.io/v1alpha1')], errors: [{ messageId: 'replicasSet' }] },
  ],
});
