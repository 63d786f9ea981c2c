/**
 * A default-deny ingress policy makes every pod of the namespace closed unless another policy opens it, so new
 * workloads start isolated. Restricted fields: Namespace objects of the scan.   Allowed values: a networking.k8s.io
 * NetworkPolicy in the namespace with an empty podSelector, Ingress among its policy types and no ingress rules.
 * Source: Kubernetes documentation "Default deny all ingress traffic", NSA/CISA hardening guide.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { ignoredNamespacesDefaults, judgedNamespaceName, validateIgnoredNamespaces } from '../../core/k8s/namespace-rules.js';
import { isEmptySelector, isNetworkPolicy, policyDirections, policyPodSelector } from '../../core/k8s/network-policy.js';
import type { K8sObject } from '../../core/k8s/object.js';

export function isDefaultDenyIngress(policy: K8sObject): boolean {
  const ingress: unknown = policy.spec?.ingress;
  return isNetworkPolicy(policy)
    && isEmptySelector(policyPodSelector(policy))
    && policyDirections(policy).has('Ingress')
    && (ingress === undefined || ingress === null || (Array.isArray(ingress) && ingress.length === 0));
}

export default defineRule({
  id: 'namespace-no-default-deny-ingress',
  meta: {
    title: 'Namespaces should have a default-deny ingress NetworkPolicy',
    category: 'multi-tenancy',
    severity: 'medium',
    description: 'Without a default-deny ingress policy, every pod that no other policy selects accepts connections from anywhere in the cluster, including every new workload added later.',
    remediation: 'Add a NetworkPolicy with podSelector {}, policyTypes [Ingress] and no ingress rules, then allow the needed traffic explicitly.',
    appliesTo: ['Namespace'],
    messages: { noDefaultDeny: 'Namespace {{namespace}} has no default-deny ingress NetworkPolicy.' },
    references: [
      { title: 'Kubernetes documentation: Default deny all ingress traffic', url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: network policies (default deny)' },
    ],
  },
  defaultOptions: ignoredNamespacesDefaults(),
  validateOptions: validateIgnoredNamespaces,
  check(object, ctx) {
    const namespace = judgedNamespaceName(object, ctx.options);
    if (!namespace) return [];
    if (ctx.objects.inNamespace('NetworkPolicy', namespace).some(isDefaultDenyIngress)) return [];
    return [{ messageId: 'noDefaultDeny', path: 'metadata', data: { namespace } }];
  },
});
