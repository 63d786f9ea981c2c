import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './hpa-target-missing.rule.js';

const hpa = (target: Record<string, unknown> | undefined) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' },
  spec: { ...(target ? { scaleTargetRef: target } : {}), minReplicas: 2, maxReplicas: 10 },
});
const toWeb = hpa({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
const deployment = (name: string) => ({ ...asWorkload(pod(), 'Deployment'), metadata: { name, namespace: 'shop' } });

ruleTester(rule).run({
  valid: [
    { name: 'no Deployment of the namespace in the input: not checked', object: toWeb },
    { name: 'the target exists', object: toWeb, objects: [deployment('web'), deployment('api')] },
    { name: 'a custom resource target', object: hpa({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web' }), objects: [asWorkload(pod(), 'Rollout')] },
  ],
  invalid: [
    { name: 'a misspelt target', object: toWeb, objects: [deployment('wbe')], errors: [{ messageId: 'missing', path: 'spec.scaleTargetRef' }] },
    { name: 'same name in another API group', object: hpa({ apiVersion: 'example.com/v1', kind: 'Deployment', name: 'web' }), objects: [deployment('web')], errors: [{ messageId: 'missing' }] },
    { name: 'no scaleTargetRef', object: hpa(undefined), errors: [{ messageId: 'noTarget', path: 'spec' }] },
  ],
});
