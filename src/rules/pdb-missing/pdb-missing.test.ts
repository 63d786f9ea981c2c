import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './pdb-missing.rule.js';

const pdb = (labels: Record<string, string>, namespace = 'shop') => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
});
const deployment = asWorkload(pod(), 'Deployment');
const single = { ...deployment, spec: { ...deployment.spec, replicas: 1 } };
const hpa = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 },
};

ruleTester(rule).run({
  valid: [
    { name: 'a matching PDB', object: deployment, objects: [pdb({ app: 'web' })] },
    { name: 'one replica needs no budget', object: single },
    { name: 'bare pods, Jobs and DaemonSets are out of scope', object: asWorkload(pod(), 'DaemonSet') },
    { name: 'a ReplicaSet is usually owned by a Deployment', object: asWorkload(pod(), 'ReplicaSet') },
  ],
  invalid: [
    { name: 'a Deployment without PDB', object: deployment, errors: [{ messageId: 'missing', path: 'spec' }] },
    { name: 'a StatefulSet without PDB', object: asWorkload(pod(), 'StatefulSet'), errors: [{ messageId: 'missing' }] },
    { name: 'an Argo Rollout without PDB', object: asWorkload(pod(), 'Rollout'), errors: [{ messageId: 'missing' }] },
    { name: 'an autoscaled single-replica Deployment', object: single, objects: [hpa], errors: [{ messageId: 'missing' }] },
    { name: 'a PDB for other pods', object: deployment, objects: [pdb({ app: 'api' })], errors: [{ messageId: 'missing' }] },
    { name: 'a PDB in another namespace', object: deployment, objects: [pdb({ app: 'web' }, 'other')], errors: [{ messageId: 'missing' }] },
  ],
});
