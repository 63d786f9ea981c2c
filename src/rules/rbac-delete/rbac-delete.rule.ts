/**
 * Delete rights on core objects destroy data and services, and deleting events or logs hides an intrusion.
 * Restricted fields: Role/ClusterRole rules[*] granting delete or deletecollection on pods, pod logs, secrets,
 * configmaps, services, volumes, namespaces, nodes, service accounts, events and pod controllers.
 * Allowed values: resourceNames-limited rules.   Source: Kubescape C-0007 and C-0031, Trivy KSV-0042.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject } from '../../core/k8s/rbac.js';

const DELETE_VERBS = ['delete', 'deletecollection'];

export default defineRule({
  id: 'rbac-delete',
  meta: {
    title: 'Roles should not delete core resources broadly',
    category: 'rbac',
    severity: 'medium',
    description: 'Delete and deletecollection on core resources let the holder destroy data and take services down, and deleting events or pod logs removes the traces of an attack.',
    remediation: 'Remove delete and deletecollection, or limit them with resourceNames to the objects the holder owns.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: { delete: '{{rule}} grants {{grant}}.' },
    references: [
      { title: 'MITRE ATT&CK T1485 Data Destruction', url: 'https://attack.mitre.org/techniques/T1485/' },
      { title: 'MITRE ATT&CK T1070 Indicator Removal', url: 'https://attack.mitre.org/techniques/T1070/' },
    ],
    peers: { kubescape: ['C-0007', 'C-0031'], trivy: ['KSV-0042'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    return findGrants(object, [
      {
        groups: [''],
        resources: ['pods', 'pods/log', 'secrets', 'configmaps', 'services', 'persistentvolumeclaims', 'persistentvolumes', 'namespaces', 'nodes', 'serviceaccounts', 'events', 'replicationcontrollers'],
        verbs: DELETE_VERBS,
      },
      { groups: ['events.k8s.io'], resources: ['events'], verbs: DELETE_VERBS },
      { groups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], verbs: DELETE_VERBS },
      { groups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: DELETE_VERBS },
    ]).map((grant) => ({ messageId: 'delete' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }));
  },
});
