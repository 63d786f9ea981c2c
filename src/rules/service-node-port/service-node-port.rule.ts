/**
 * A NodePort Service opens the same port on every node's IP, outside any Ingress or load balancer controls.
 * Restricted fields: Service spec.type.   Allowed values: ClusterIP, LoadBalancer, ExternalName, unset.
 * Source: kube-score service-type, kube-linter exposed-services.
 */
import { defineRule } from '../../core/engine/define-rule.js';

export default defineRule({
  id: 'service-node-port',
  meta: {
    title: 'Services should not be of type NodePort',
    category: 'exposure',
    severity: 'low',
    description: 'A NodePort Service listens on every node of the cluster, so anyone who can reach any node reaches the workload, without the TLS, authentication or source ranges of an Ingress or load balancer.',
    remediation: 'Use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer with loadBalancerSourceRanges.',
    appliesTo: ['Service'],
    messages: { nodePort: 'Service {{name}} is of type NodePort and listens on every node.' },
    references: [
      { title: 'Kubernetes documentation: Service type NodePort', url: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: network separation' },
    ],
    peers: { kubeScore: ['service-type'], kubeLinter: ['exposed-services'] },
  },
  check(object) {
    if (object.kind !== 'Service' || object.spec?.type !== 'NodePort') return [];
    return [{ messageId: 'nodePort', path: 'spec.type', data: { name: object.metadata?.name } }];
  },
});
