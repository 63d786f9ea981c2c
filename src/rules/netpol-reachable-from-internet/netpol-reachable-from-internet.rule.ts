/**
 * A workload that NetworkPolicies protect, yet one of them admits every external address (an ipBlock of
 * 0.0.0.0/0, a rule without `from`): anything that can route to a pod IP may connect. Unprotected workloads
 * are another rule's concern unless `includeUnprotected`.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { judgedIngressExposures } from '../../analysers/netpol/index.js';
import { includeUnprotectedDefaults, validateIncludeUnprotected, type IncludeUnprotectedOptions } from '../../core/k8s/netpol-rule-options.js';

export default defineRule<'fromInternet', IncludeUnprotectedOptions>({
  id: 'netpol-reachable-from-internet',
  meta: {
    title: 'Workloads should not accept traffic from every external address',
    category: 'exposure',
    severity: 'high',
    description: 'A policy that admits 0.0.0.0/0 lets any host that can route to the pod connect, including the internet when nodes or load balancers forward it.',
    remediation: 'Replace the 0.0.0.0/0 ipBlock (or the rule without from) by the CIDRs of the clients, or by the ingress controller\'s namespace.',
    appliesTo: 'workloads',
    messages: { fromInternet: '{{workload}} accepts {{conn}} from every external address (0.0.0.0/0).' },
    references: [
      { title: 'Kubernetes: Network Policies, ipBlock', url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: network separation and hardening' },
      { title: 'MITRE ATT&CK T1190 Exploit Public-Facing Application', url: 'https://attack.mitre.org/techniques/T1190/' },
    ],
  },
  defaultOptions: includeUnprotectedDefaults(),
  validateOptions: validateIncludeUnprotected,
  check(object, ctx) {
    return judgedIngressExposures(ctx.objects, object, ctx.options.includeUnprotected)
      .filter((exposure) => !exposure.fromAnywhere.isEmpty)
      .map((exposure) => ({ messageId: 'fromInternet' as const, data: { workload: exposure.workload.id, conn: exposure.fromAnywhere.toString() } }));
  },
});
