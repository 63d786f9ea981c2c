/**
 * A workload that NetworkPolicies protect, yet one of them admits any pod from any namespace on some port:
 * a `namespaceSelector: {}` without a podSelector, a rule without `from`, or an admin policy allowing all
 * namespaces. Unprotected workloads (no policy at all) are another rule's concern unless `includeUnprotected`.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { judgedIngressExposures } from '../../analysers/netpol/index.js';
import { includeUnprotectedDefaults, validateIncludeUnprotected, type IncludeUnprotectedOptions } from '../../core/k8s/netpol-rule-options.js';

export default defineRule<'fromAllNamespaces', IncludeUnprotectedOptions>({
  id: 'netpol-reachable-from-all-namespaces',
  meta: {
    title: 'Workloads should not accept traffic from every namespace',
    category: 'exposure',
    severity: 'medium',
    description: 'A policy that admits any pod from any namespace turns every compromised pod in the cluster into a client of this workload.',
    remediation: 'Narrow the ingress rule to the namespaces and pods that need access, with namespaceSelector and podSelector in the same peer.',
    appliesTo: 'workloads',
    messages: { fromAllNamespaces: '{{workload}} accepts {{conn}} from any pod in any namespace.' },
    references: [
      { title: 'Kubernetes: Network Policies, behavior of to and from selectors', url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: network separation and hardening' },
      { title: 'MITRE ATT&CK T1021 Remote Services (lateral movement)', url: 'https://attack.mitre.org/techniques/T1021/' },
    ],
  },
  defaultOptions: includeUnprotectedDefaults(),
  validateOptions: validateIncludeUnprotected,
  check(object, ctx) {
    return judgedIngressExposures(ctx.objects, object, ctx.options.includeUnprotected)
      .filter((exposure) => !exposure.fromEntireCluster.isEmpty)
      .map((exposure) => ({ messageId: 'fromAllNamespaces' as const, data: { workload: exposure.workload.id, conn: exposure.fromEntireCluster.toString() } }));
  },
});
