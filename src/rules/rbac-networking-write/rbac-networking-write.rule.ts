/**
 * Services, endpoints, NetworkPolicies and Ingresses decide where traffic goes and what may reach a pod.
 * Restricted fields: Role/ClusterRole rules[*] granting create, update, patch, delete or deletecollection on
 * services, endpoints, endpointslices, networkpolicies or ingresses.   Allowed values: resourceNames-limited rules.
 * Source: Trivy KSV-0056.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject, WRITE_VERBS } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-networking-write',
  meta: {
    title: 'Roles should not manage networking resources broadly',
    category: 'rbac',
    severity: 'high',
    description: 'Write access to Services, Endpoints, NetworkPolicies and Ingresses lets the holder redirect traffic (externalIPs, CVE-2020-8554), expose internal workloads or remove network isolation.',
    remediation: 'Keep networking writes in the deployment pipeline or the platform team, and limit other roles to read access.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { networkingWrite: '{{rule}} grants {{grant}}: the holder can redirect or open traffic.' },
    references: [
      { title: 'CVE-2020-8554: man in the middle using LoadBalancer or ExternalIPs', url: 'https://github.com/kubernetes/kubernetes/issues/97076' },
      { title: 'MITRE ATT&CK T1557 Adversary-in-the-Middle', url: 'https://attack.mitre.org/techniques/T1557/' },
    ],
    peers: { trivy: ['KSV-0056'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [
      { groups: [''], resources: ['services', 'endpoints'], verbs: WRITE_VERBS },
      { groups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: WRITE_VERBS },
      { groups: ['networking.k8s.io', 'extensions'], resources: ['networkpolicies', 'ingresses'], verbs: WRITE_VERBS },
    ]).map((grant) => ({ messageId: 'networkingWrite' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
