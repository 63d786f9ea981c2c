/**
 * Exec, attach and ephemeral containers run code inside existing pods, with their service account and mounts.
 * Restricted fields: Role/ClusterRole rules[*] granting create or get on `pods/exec` or `pods/attach`, or
 * update/patch on `pods/ephemeralcontainers`.   Allowed values: none.   Source: Polaris, Kubescape C-0002.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-exec-attach',
  meta: {
    title: 'Roles should not allow exec or attach into pods',
    category: 'rbac',
    severity: 'high',
    description: 'pods/exec, pods/attach and ephemeral containers let the holder run commands inside running pods and act with their service account, mounts and network position.',
    remediation: 'Remove pods/exec, pods/attach and pods/ephemeralcontainers from the role; grant them only to break-glass roles.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { execAttach: '{{rule}} grants {{grant}}, which runs commands inside existing pods.' },
    references: [
      { title: 'Kubernetes RBAC good practices: exec into pods', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/' },
      { title: 'MITRE ATT&CK T1609 Container Administration Command', url: 'https://attack.mitre.org/techniques/T1609/' },
    ],
    peers: {
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
      kubescape: ['C-0002'],
      trivy: ['KSV-0053', 'KSV-0054'],
    },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [
      // Exec and attach are POST (create) requests, or GET when the client upgrades to websockets.
      { groups: [''], resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'] },
      { groups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] },
    ]).map((grant) => ({ messageId: 'execAttach' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
