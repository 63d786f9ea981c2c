/**
 * nodes/proxy reaches the kubelet API through the API server: exec into any pod of the node, unaudited.
 * Restricted fields: Role/ClusterRole rules[*] granting any verb on `nodes/proxy`.
 * Allowed values: none.   Source: CIS 5.1.10, Kubescape C-0279, Trivy KSV-0047.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { ALL_VERBS, describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-node-proxy',
  meta: {
    title: 'Roles should not access the nodes/proxy subresource',
    category: 'rbac',
    severity: 'high',
    description: 'nodes/proxy gives direct access to the kubelet API, which can run commands in every pod of the node and bypasses API server audit logging and admission control.',
    remediation: 'Remove nodes/proxy; monitoring agents should read metrics through nodes/metrics or the metrics API instead.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { nodeProxy: '{{rule}} grants {{grant}}: direct kubelet access on every node.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.10: Minimize access to the proxy sub-resource of nodes' },
      { title: 'Kubernetes RBAC good practices: access to proxy subresource of nodes', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes' },
    ],
    peers: { kubescape: ['C-0279'], trivy: ['KSV-0047'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [{ groups: [''], resources: ['nodes/proxy'], verbs: ALL_VERBS }])
      .map((grant) => ({ messageId: 'nodeProxy' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
