/**
 * A ResourceQuota caps what one namespace may consume, so one tenant (or one compromised workload) cannot starve
 * the others. Restricted fields: Namespace objects of the scan.   Allowed values: at least one ResourceQuota in the
 * namespace.   Source: NSA/CISA hardening guide (resource policies), Trivy KSV-0040.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { ignoredNamespacesDefaults, judgedNamespaceName, validateIgnoredNamespaces } from '../../core/k8s/namespace-rules.js';

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
  defaultOptions: ignoredNamespacesDefaults(),
  validateOptions: validateIgnoredNamespaces,
  check(object, ctx) {
    const namespace = judgedNamespaceName(object, ctx.options);
    if (!namespace) return [];
    return ctx.objects.inNamespace('ResourceQuota', namespace).length > 0 ? [] : [{ messageId: 'noQuota', path: 'metadata', data: { namespace } }];
  },
});
