/**
 * Pod Security Admission enforces a Pod Security Standard per namespace, chosen by the namespace's labels; a
 * namespace without an `enforce` label only gets the cluster-wide default, which is `privileged` (nothing blocked)
 * unless the API server's AdmissionConfiguration says otherwise.
 * Restricted fields: Namespace metadata.labels["pod-security.kubernetes.io/enforce"].
 * Allowed values: privileged, baseline, restricted (a deliberate `privileged` passes; other rules judge the pods).
 */
import { defineRule } from '../../core/engine/define-rule.js';

const PREFIX = 'pod-security.kubernetes.io/';
const LEVELS = ['privileged', 'baseline', 'restricted'];

export default defineRule({
  id: 'namespace-psa-labels',
  meta: {
    title: 'Namespaces should set a Pod Security Admission enforce level',
    category: 'multi-tenancy',
    severity: 'medium',
    description: 'Without a pod-security.kubernetes.io/enforce label, Pod Security Admission applies only the cluster default, which admits privileged pods unless the API server was configured otherwise.',
    remediation: 'Label the namespace with pod-security.kubernetes.io/enforce: restricted (or baseline), starting with warn and audit to see what would break.',
    appliesTo: ['Namespace'],
    messages: {
      noEnforce: 'Namespace has no pod-security.kubernetes.io/enforce label: Pod Security Admission applies only the cluster default here.',
      warnOrAuditOnly: 'Namespace sets pod-security.kubernetes.io/{{modes}} but no enforce label: violations are reported, never blocked.',
      invalidLevel: 'Namespace label pod-security.kubernetes.io/enforce has the value "{{value}}", which is not a Pod Security level (privileged, baseline, restricted).',
    },
    references: [
      { title: 'Kubernetes: Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' },
      { title: 'Kubernetes: Enforce Pod Security Standards with namespace labels', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/' },
      { title: 'CIS Kubernetes Benchmark 5.2.1: Ensure that the cluster has at least one active policy control mechanism in place' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: Pod Security' },
    ],
  },
  check(object) {
    const labels = object.metadata?.labels ?? {};
    const enforce = labels[`${PREFIX}enforce`];
    if (enforce === undefined) {
      const modes = ['warn', 'audit'].filter((mode) => labels[`${PREFIX}${mode}`] !== undefined);
      if (modes.length > 0) return [{ messageId: 'warnOrAuditOnly', path: 'metadata.labels', data: { modes: modes.join(' and ') } }];
      return [{ messageId: 'noEnforce', path: 'metadata.labels' }];
    }
    if (!LEVELS.includes(enforce)) {
      return [{ messageId: 'invalidLevel', path: `metadata.labels["${PREFIX}enforce"]`, data: { value: enforce } }];
    }
    return [];
  },
});
