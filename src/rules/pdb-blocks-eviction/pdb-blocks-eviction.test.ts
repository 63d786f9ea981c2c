import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './pdb-blocks-eviction.rule.js';

const pdb = (spec: Record<string, unknown>) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, ...spec },
});
const deployment = asWorkload(pod(), 'Deployment');
const hpa = (minReplicas?: number) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...(minReplicas ? { minReplicas } : {}), maxReplicas: 10 },
});

ruleTester(rule).run({
  valid: [
    pdb({ maxUnavailable: 1 }),
    pdb({ minAvailable: '50%' }),
    { name: 'minAvailable below the replicas', object: pdb({ minAvailable: 1 }), objects: [deployment] },
    { name: 'minAvailable below the HPA minimum', object: pdb({ minAvailable: 2 }), objects: [{ ...deployment, spec: { ...deployment.spec, replicas: 1 } }, hpa(3)] },
    { name: 'a workload the PDB does not select', object: pdb({ minAvailable: 2 }), objects: [{ ...deployment, spec: { ...deployment.spec, template: { metadata: { labels: { app: 'other' } }, spec: deployment.spec.template.spec } } }] },
    { name: 'a workload of another namespace', object: pdb({ minAvailable: 2 }), objects: [{ ...deployment, metadata: { ...deployment.metadata, namespace: 'other' } }] },
    { name: 'a scaled-down workload', object: pdb({ minAvailable: 1 }), objects: [{ ...deployment, spec: { ...deployment.spec, replicas: 0 } }] },
  ],
  invalid: [
    { name: 'maxUnavailable 0', object: pdb({ maxUnavailable: 0 }), errors: [{ messageId: 'maxUnavailableZero', path: 'spec.maxUnavailable' }] },
    { name: 'maxUnavailable 0%', object: pdb({ maxUnavailable: '0%' }), errors: [{ messageId: 'maxUnavailableZero' }] },
    { name: 'minAvailable 100%', object: pdb({ minAvailable: '100%' }), errors: [{ messageId: 'minAvailableAll', path: 'spec.minAvailable' }] },
    { name: 'minAvailable equal to the replicas', object: pdb({ minAvailable: 2 }), objects: [deployment], errors: [{ messageId: 'minAvailableReplicas', path: 'spec.minAvailable' }] },
    { name: 'minAvailable above the HPA minimum', object: pdb({ minAvailable: 2 }), objects: [deployment, hpa()], errors: [{ messageId: 'minAvailableReplicas' }] },
    { name: 'a StatefulSet with one replica', object: pdb({ minAvailable: 1 }), objects: [{ ...asWorkload(pod(), 'StatefulSet'), spec: { ...asWorkload(pod(), 'StatefulSet').spec, replicas: 1 } }], errors: [{ messageId: 'minAvailableReplicas' }] },
  ],
});
