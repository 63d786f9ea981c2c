import { ruleTester } from '../../testing/index.js';
import rule from './namespace-psa-labels.rule.js';

const namespace = (labels?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments', ...(labels ? { labels } : {}) } });

ruleTester(rule).run({
  valid: [
    { name: 'enforce restricted', object: namespace({ 'pod-security.kubernetes.io/enforce': 'restricted' }) },
    { name: 'enforce baseline with a pinned version', object: namespace({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.31' }) },
    { name: 'an explicit privileged level is a deliberate choice', object: namespace({ 'pod-security.kubernetes.io/enforce': 'privileged' }) },
  ],
  invalid: [
    { name: 'no labels at all', object: namespace(), errors: [{ messageId: 'noEnforce', path: 'metadata.labels' }] },
    { name: 'unrelated labels only', object: namespace({ team: 'payments' }), errors: [{ messageId: 'noEnforce' }] },
    { name: 'warn only', object: namespace({ 'pod-security.kubernetes.io/warn': 'restricted' }), errors: [{ messageId: 'warnOrAuditOnly' }] },
    {
      name: 'warn and audit but no enforce',
      object: namespace({ 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }),
      errors: [{ messageId: 'warnOrAuditOnly' }],
    },
    {
      name: 'a level that does not exist',
      object: namespace({ 'pod-security.kubernetes.io/enforce': 'strict' }),
      errors: [{ messageId: 'invalidLevel', path: 'metadata.labels["pod-security.kubernetes.io/enforce"]' }],
    },
  ],
});
