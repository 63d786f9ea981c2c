/**
 * ConfigMaps configure the platform too: CoreDNS's Corefile, kube-proxy, and on EKS the aws-auth identity map.
 * Restricted fields: Role/ClusterRole rules[*] granting create, update, patch, delete or deletecollection on
 * configmaps.   Allowed values: resourceNames-limited rules that name none of the platform ConfigMaps.
 * Source: Kubescape C-0037, Trivy KSV-0049 and KSV-0115.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { describeGrant, findGrants, isPlatformRbacObject, isRoleObject, policyRulesOf, WRITE_VERBS } from '../../core/k8s/rbac.js';

/** ConfigMaps whose content changes cluster identity or DNS (EKS aws-auth, CoreDNS, kube-proxy). */
const PLATFORM_CONFIGMAPS = ['aws-auth', 'coredns', 'kube-proxy'];

export default defineRule({
  id: 'rbac-configmaps-write',
  meta: {
    title: 'Roles should not write ConfigMaps broadly',
    category: 'rbac',
    severity: 'medium',
    description: 'Write access to ConfigMaps reaches platform configuration: rewriting CoreDNS poisons name resolution and rewriting EKS aws-auth maps any IAM identity to system:masters.',
    remediation: 'Limit ConfigMap writes to namespaces and names the holder owns with resourceNames, and never to aws-auth, coredns or kube-proxy.',
    appliesTo: ['Role', 'ClusterRole'],
    messages: {
      writeConfigMaps: '{{rule}} grants {{grant}}.',
      writePlatformConfigMap: '{{rule}} grants {{grant}} for {{names}}, which configure cluster identity or DNS.',
    },
    references: [
      { title: 'Amazon EKS: aws-auth ConfigMap', url: 'https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html' },
      { title: 'MITRE ATT&CK T1565 Data Manipulation', url: 'https://attack.mitre.org/techniques/T1565/' },
    ],
    peers: { kubescape: ['C-0037'], trivy: ['KSV-0049', 'KSV-0115'] },
  },
  check(object) {
    if (!isRoleObject(object) || isPlatformRbacObject(object)) return [];
    const rules = policyRulesOf(object);
    return findGrants(object, [{ groups: [''], resources: ['configmaps'], verbs: WRITE_VERBS }], { includeNamedResources: true }).flatMap((grant): Array<Violation<'writeConfigMaps' | 'writePlatformConfigMap'>> => {
      const names = (rules[grant.index].resourceNames ?? []).map(String);
      if (names.length === 0) return [{ messageId: 'writeConfigMaps' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant) } }];
      const platform = names.filter((name) => PLATFORM_CONFIGMAPS.includes(name));
      if (platform.length === 0) return [];
      return [{ messageId: 'writePlatformConfigMap' as const, path: grant.path, data: { rule: grant.path, grant: describeGrant(grant), names: platform.join(', ') } }];
    });
  },
});
