/**
 * A LimitRange gives containers default requests and limits and bounds what one container may ask for.
 * Restricted fields: Namespace objects of the scan.   Allowed values: at least one LimitRange in the namespace.
 * Source: NSA/CISA hardening guide (resource policies), Trivy KSV-0039.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { ignoredNamespacesDefaults, judgedNamespaceName, validateIgnoredNamespaces } from '../../core/k8s/namespace-rules.js';

export default defineRule({
  id: 'namespace-no-limit-range',
  meta: {
    title: 'Namespaces should have a LimitRange',
    category: 'multi-tenancy',
    severity: 'low',
    description: 'Without a LimitRange, containers that set no requests or limits get none, so they are scheduled blindly and can use a node\'s whole memory and CPU.',
    remediation: 'Add a LimitRange with default requests and limits (and maxima) for containers.',
    appliesTo: ['Namespace'],
    messages: { noLimitRange: 'Namespace {{namespace}} has no LimitRange in the scan.' },
    references: [
      { title: 'Kubernetes documentation: Limit Ranges', url: 'https://kubernetes.io/docs/concepts/policy/limit-range/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: resource policies' },
    ],
    peers: { trivy: ['KSV-0039'] },
  },
  defaultOptions: ignoredNamespacesDefaults(),
  validateOptions: validateIgnoredNamespaces,
  check(object, ctx) {
    const namespace = judgedNamespaceName(object, ctx.options);
    if (!namespace) return [];
    return ctx.objects.inNamespace('LimitRange', namespace).length > 0 ? [] : [{ messageId: 'noLimitRange', path: 'metadata', data: { namespace } }];
  },
});
