/**
 * A PersistentVolume can point at a hostPath, and a pod that claims it reads and writes the node's filesystem.
 * Restricted fields: Role/ClusterRole rules[*] granting create on core `persistentvolumes`.
 * Allowed values: none.   Source: CIS 5.1.9, Kubescape C-0278.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

export default defineRule({
  id: 'rbac-persistent-volume-create',
  meta: {
    title: 'Roles should not create PersistentVolumes',
    category: 'rbac',
    severity: 'medium',
    description: 'Creating a PersistentVolume lets the holder define a hostPath volume and mount the node\'s filesystem through a claim, around Pod Security Admission\'s hostPath ban.',
    remediation: 'Let users create PersistentVolumeClaims against StorageClasses; keep PersistentVolume creation for storage provisioners.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { createPersistentVolumes: '{{rule}} grants {{grant}}: the holder can define volumes on node paths.' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.9: Minimize access to create persistent volumes' },
      { title: 'Kubernetes RBAC good practices: persistent volume creation', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation' },
    ],
    peers: { kubescape: ['C-0278'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [{ groups: [''], resources: ['persistentvolumes'], verbs: ['create'] }])
      .map((grant) => ({ messageId: 'createPersistentVolumes' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
