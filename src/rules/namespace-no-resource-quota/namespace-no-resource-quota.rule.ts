/**
 * A ResourceQuota caps what one namespace may consume, so one tenant (or one compromised workload) cannot starve
 * the others. Restricted fields: Namespace objects of the scan.   Allowed values: at least one ResourceQuota in the
 * namespace.   Source: NSA/CISA hardening guide (resource policies), Trivy KSV-0040.
 */
import { defineRule } from '../../core/engine/define-rule.js';

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export default defineRule({
  id: 'namespace-no-resource-quota',
  meta: {
    title: 'Namespaces should have a ResourceQuota',
    category: 'multi-tenancy',
    severity: 'low',
    description: 'Without a ResourceQuota one namespace can claim all CPU, memory, storage or object counts of the cluster, which starves every other tenant (or lets a cryptominer grow unchecked).',
    remediation: 'Add a ResourceQuota to the namespace with limits on CPU, memory, storage and object counts.',
    appliesTo: ['Namespace'],
    messages: { noQuota: 'Namespace {{namespace}} has no ResourceQuota in the scan.' },
    references: [
      { title: 'Kubernetes documentation: Resource Quotas', url: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: resource policies' },
      { title: 'MITRE ATT&CK T1496 Resource Hijacking', url: 'https://attack.mitre.org/techniques/T1496/' },
    ],
    peers: { trivy: ['KSV-0040'] },
  },
  defaultOptions: { ignoredNamespaces: SYSTEM_NAMESPACES as string[] },
  validateOptions(options) {
    const value = (options as { ignoredNamespaces?: unknown }).ignoredNamespaces;
    return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string')) ? [] : ['ignoredNamespaces must be a list of namespace names'];
  },
  check(object, ctx) {
    const namespace = object.metadata?.name;
    if (object.kind !== 'Namespace' || !namespace || ctx.options.ignoredNamespaces.includes(namespace)) return [];
    return ctx.objects.inNamespace('ResourceQuota', namespace).length > 0 ? [] : [{ messageId: 'noQuota', path: 'metadata', data: { namespace } }];
  },
});
