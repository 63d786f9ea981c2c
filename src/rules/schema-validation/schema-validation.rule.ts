/**
 * Built-in objects must match the Kubernetes API's field types: an unknown field is a typo (a misspelt
 * `securityContext` silently drops every setting under it) or a field of another version, and a value of the
 * wrong JSON type cannot be decoded at all.
 * Restricted fields: every field of the kinds in SCHEMA_KINDS (core, apps, batch, networking, RBAC, policy, …).
 * Allowed values: fields of the Kubernetes API (client-node's OpenAPI models) with values of their type; null.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { SCHEMA_API_VERSION, validateAgainstSchema } from '../../core/k8s/schema/validate.js';

export default defineRule<'unknownField' | 'wrongType'>({
  id: 'schema-validation',
  meta: {
    title: 'Objects must match the Kubernetes API schema',
    category: 'hygiene',
    severity: 'high',
    description: 'A misspelt field is dropped without a word unless the API server validates strictly, so a typo in securityContext or resources quietly removes the protection it was meant to add; a value of the wrong type makes the object undeployable.',
    remediation: 'Correct the field name or the value type to what the Kubernetes API reference gives for that field.',
    appliesTo: 'all',
    messages: {
      unknownField: 'Field "{{field}}" is not part of {{model}} in the Kubernetes {{version}} API: a typo, or a field of another version. Strict validation rejects the object; otherwise the field is silently dropped.',
      wrongType: '{{field}} must be {{expected}}, not {{actual}}: the API server cannot decode the object.',
    },
    references: [
      { title: 'Kubernetes API reference', url: 'https://kubernetes.io/docs/reference/kubernetes-api/' },
      { title: 'Kubernetes: field validation (kubectl --validate=strict)', url: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation' },
    ],
    peers: { kubeLinter: ['schema-validation'] },
  },
  check(object) {
    return validateAgainstSchema(object).map((problem) => problem.kind === 'unknown-field'
      ? { messageId: 'unknownField' as const, path: problem.path, data: { field: problem.field, model: problem.model ?? '', version: SCHEMA_API_VERSION } }
      : { messageId: 'wrongType' as const, path: problem.path, data: { field: problem.path, expected: problem.expected ?? '', actual: problem.actual } });
  },
});
