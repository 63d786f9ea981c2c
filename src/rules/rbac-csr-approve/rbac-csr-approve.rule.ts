/**
 * Approving CertificateSigningRequests mints client certificates, which the API server accepts as any user or group.
 * Restricted fields: Role/ClusterRole rules[*] granting update/patch on `certificatesigningrequests/approval`, or
 * `approve` on `signers`.   Allowed values: none.   Source: CIS 5.1.11, Kubescape C-0280.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

const CERTIFICATES = 'certificates.k8s.io';

export default defineRule({
  id: 'rbac-csr-approve',
  meta: {
    title: 'Roles should not approve certificate signing requests',
    category: 'rbac',
    severity: 'medium',
    description: 'Approving CSRs for the kube-apiserver-client signer issues certificates for any user name and group, including system:masters.',
    remediation: 'Leave CSR approval to the controller manager and a small admin role; remove the approval subresource and the approve verb from other roles.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: {
      approval: '{{rule}} grants {{grant}}: the holder can approve certificate requests.',
      signer: '{{rule}} grants {{grant}}: the holder can approve requests for these signers.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.11: Minimize access to the approval sub-resource of certificatesigningrequests objects' },
      { title: 'Kubernetes documentation: Certificates and Certificate Signing Requests, authorization', url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization' },
    ],
    peers: { kubescape: ['C-0280'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    const approval = findGrants(object, [{ groups: [CERTIFICATES], resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] }])
      .map((grant) => ({ messageId: 'approval' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
    // Signers are always named with resourceNames (the signer name), so named rules count here.
    const signer = findGrants(object, [{ groups: [CERTIFICATES], resources: ['signers'], verbs: ['approve'] }], { includeNamedResources: true })
      .map((grant) => ({ messageId: 'signer' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
    return [...approval, ...signer].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  },
});
