/**
 * Port-forwarding tunnels a connection through the API server into a pod, around NetworkPolicies and Ingress auth.
 * Restricted fields: Role/ClusterRole rules[*] granting create or get on `pods/portforward`.
 * Allowed values: none.   Source: Kubescape C-0063.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-port-forward',
  meta: {
    title: 'Roles should not allow port-forwarding into pods',
    category: 'rbac',
    severity: 'medium',
    description: 'pods/portforward opens a tunnel through the API server to any port of a pod, bypassing NetworkPolicies, Services and any authentication in front of them.',
    remediation: 'Remove pods/portforward from everyday roles; expose what people need through a Service with authentication.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { portForward: '{{rule}} grants {{grant}}, which tunnels around NetworkPolicies.' },
    references: [
      { title: 'Kubernetes documentation: Use Port Forwarding to Access Applications in a Cluster', url: 'https://kubernetes.io/docs/tasks/access-application-cluster/port-forward-access-application-cluster/' },
      { title: 'MITRE ATT&CK T1572 Protocol Tunneling', url: 'https://attack.mitre.org/techniques/T1572/' },
    ],
    peers: { kubescape: ['C-0063'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    // Port-forward is a POST (create), or a GET when the client upgrades to websockets.
    return findGrants(object, [{ groups: [''], resources: ['pods/portforward'], verbs: ['create', 'get'] }])
      .map((grant) => ({ messageId: 'portForward' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
