/**
 * When an HPA manages a workload's replica count, a replica count in the manifest fights it: every apply resets
 * the workload to the manifest's number until the autoscaler corrects it again.
 * Restricted fields: spec.replicas of workloads that an HPA of the input scales
 * Allowed values: unset.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { autoscalersOf } from '../../core/k8s/controllers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'replicas-with-hpa',
  meta: {
    title: 'Autoscaled workloads should not set spec.replicas',
    category: 'reliability',
    severity: 'low',
    description: 'A fixed spec.replicas on a workload that an autoscaler manages is re-applied on every deploy, scaling a busy workload down (or an idle one up) until the autoscaler reacts.',
    remediation: 'Remove spec.replicas from workloads that a HorizontalPodAutoscaler scales.',
    appliesTo: 'workloads',
    messages: { replicasSet: 'spec.replicas is {{replicas}}, but {{hpa}} scales this {{kind}}; every apply resets the replica count.' },
    references: [
      { title: 'Kubernetes: Horizontal Pod Autoscaling, migrating Deployments to horizontal scaling', url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling' },
    ],
    peers: { kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'] },
  },
  check(object, { objects }) {
    const replicas = object.spec?.replicas;
    const namespace = namespaceOf(object);
    if (!podSpecOf(object) || typeof replicas !== 'number' || namespace === undefined) return [];
    const [hpa] = autoscalersOf(objects.inNamespace('HorizontalPodAutoscaler', namespace), object);
    if (!hpa) return [];
    return [{ messageId: 'replicasSet', path: 'spec.replicas', data: { replicas, kind: object.kind, hpa: `HorizontalPodAutoscaler ${hpa.metadata?.name}` } }];
  },
});
