/**
 * Pod Security Admission enforces the Pod Security Standards per namespace, through the
 * `pod-security.kubernetes.io/enforce` label. Restricted fields: Namespace metadata.labels.
 * Allowed values: enforce = baseline or restricted.   Source: Kubernetes Pod Security Admission, CIS 5.2.1.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { ignoredNamespacesDefaults, judgedNamespaceName, validateIgnoredNamespaces } from '../../core/k8s/namespace-rules.js';
import { joinPath } from '../../core/yaml/field-path.js';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const LEVELS = new Set(['privileged', 'baseline', 'restricted']);

export default defineRule({
  id: 'namespace-pod-security-not-enforced',
  meta: {
    title: 'Namespaces should enforce a Pod Security Standard',
    category: 'multi-tenancy',
    severity: 'medium',
    description: 'Without an enforce label (or with enforce=privileged), Pod Security Admission lets any pod into the namespace, including privileged pods that take over their node.',
    remediation: 'Label the namespace pod-security.kubernetes.io/enforce=restricted (or baseline where restricted is not yet possible).',
    appliesTo: ['Namespace'],
    messages: {
      noEnforce: 'Namespace {{namespace}} has no {{label}} label, so Pod Security Admission does not enforce anything.',
      privileged: 'Namespace {{namespace}} enforces the privileged level, which allows every pod.',
      invalidLevel: 'Namespace {{namespace}} sets {{label}} to "{{level}}", which is not privileged, baseline or restricted.',
    },
    references: [
      { title: 'Kubernetes documentation: Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' },
      { title: 'Pod Security Standards', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
      { title: 'CIS Kubernetes Benchmark 5.2.1: Ensure that the cluster has at least one active policy control mechanism in place' },
    ],
  },
  defaultOptions: ignoredNamespacesDefaults(),
  validateOptions: validateIgnoredNamespaces,
  check(object, ctx) {
    const namespace = judgedNamespaceName(object, ctx.options);
    if (!namespace) return [];
    const labels = object.metadata?.labels;
    const level = labels?.[ENFORCE_LABEL];
    if (level === undefined || level === null || level === '') {
      return [{ messageId: 'noEnforce', path: labels ? 'metadata.labels' : 'metadata', data: { namespace, label: ENFORCE_LABEL } }];
    }
    const path = joinPath('metadata.labels', ENFORCE_LABEL);
    if (!LEVELS.has(String(level))) return [{ messageId: 'invalidLevel', path, data: { namespace, label: ENFORCE_LABEL, level: String(level) } }];
    if (level === 'privileged') return [{ messageId: 'privileged', path, data: { namespace } }];
    return [];
  },
});
