/**
 * Without any NetworkPolicy, every pod of a namespace accepts traffic from every pod of the cluster.
 * Restricted fields: Namespace objects of the scan.   Allowed values: at least one NetworkPolicy (Kubernetes,
 * Calico or Cilium) in the namespace.   Source: CIS 5.3.2, Kubescape C-0206.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { ignoredNamespacesDefaults, judgedNamespaceName, validateIgnoredNamespaces } from '../../core/k8s/namespace-rules.js';

export default defineRule({
  id: 'namespace-no-network-policy',
  meta: {
    title: 'Namespaces should have a NetworkPolicy',
    category: 'multi-tenancy',
    severity: 'medium',
    description: 'Kubernetes allows all pod-to-pod traffic until a NetworkPolicy selects a pod, so a namespace without policies is open to every pod of the cluster, including compromised ones.',
    remediation: 'Add NetworkPolicies to the namespace, starting with a default-deny ingress policy and explicit allows.',
    appliesTo: ['Namespace'],
    messages: { noPolicy: 'Namespace {{namespace}} has no NetworkPolicy in the scan.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.3.2: Ensure that all Namespaces have NetworkPolicies defined' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: network policies' },
    ],
    peers: { kubescape: ['C-0206', 'C-0054', 'C-0049'] },
  },
  defaultOptions: ignoredNamespacesDefaults(),
  validateOptions: validateIgnoredNamespaces,
  check(object, ctx) {
    const namespace = judgedNamespaceName(object, ctx.options);
    if (!namespace) return [];
    // Any NetworkPolicy kind counts here: Kubernetes, Calico (same kind, other group) and Cilium.
    const policies = ctx.objects.inNamespace('NetworkPolicy', namespace).length + ctx.objects.inNamespace('CiliumNetworkPolicy', namespace).length;
    return policies > 0 ? [] : [{ messageId: 'noPolicy', path: 'metadata', data: { namespace } }];
  },
});
