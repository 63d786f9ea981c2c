import { ruleTester } from '../../testing/index.js';
import rule from './legacy-service-account-token.rule.js';

const secret = (type: string | undefined, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'payments-token', namespace: 'payments', annotations: { 'kubernetes.io/service-account.name': 'payments' }, ...metadata },
  ...(type ? { type } : {}),
});

ruleTester(rule).run({
  valid: [
    { name: 'an Opaque Secret', object: secret('Opaque') },
    { name: 'a Secret without type (Opaque)', object: secret(undefined) },
    { name: 'a TLS Secret', object: secret('kubernetes.io/tls') },
    { name: 'a bootstrap token is not a ServiceAccount token', object: secret('bootstrap.kubernetes.io/token') },
  ],
  invalid: [
    {
      name: 'a service-account-token Secret',
      object: secret('kubernetes.io/service-account-token'),
      errors: [{ messageId: 'legacyToken', path: 'type', severity: 'medium' }],
    },
    {
      name: 'a token the legacy token cleaner invalidated',
      object: secret('kubernetes.io/service-account-token', {
        annotations: { 'kubernetes.io/service-account.name': 'payments' },
        labels: { 'kubernetes.io/legacy-token-invalid-since': '2026-01-01' },
      }),
      errors: [{ messageId: 'invalidatedToken', severity: 'low' }],
    },
    {
      name: 'a token Secret without the ServiceAccount annotation',
      object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't', namespace: 'x' }, type: 'kubernetes.io/service-account-token' },
      errors: [{ messageId: 'legacyToken' }],
    },
  ],
});
