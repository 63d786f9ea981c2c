import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/engine/define-rule.js';
import { asWorkload, pod, podSpecPathOf, ruleTester, runRule, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './credential-in-env.rule.js';

// Fake credentials in the shapes the rule recognises; none of them is real.
const FAKE_PASSWORD = 'hunter2-but-longer';
const FAKE_AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const FAKE_GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
const FAKE_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';
const withEnv = (env: unknown[]) => pod((p) => { p.spec.containers[0].env = env; });
const literalPassword = withEnv([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', value: FAKE_PASSWORD }]);

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'password from a Secret', object: withEnv([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]) },
    { name: 'a path to the credential', object: withEnv([{ name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/db/password' }, { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/var/run/secrets/gcp/key.json' }]) },
    { name: 'settings about tokens', object: withEnv([{ name: 'TOKEN_TTL', value: '3600' }, { name: 'AUTH_TOKEN_URL', value: 'https://auth.example.com/token' }, { name: 'SECRET_NAME', value: 'db' }, { name: 'ENABLE_API_KEY', value: 'true' }]) },
    { name: 'an empty value and a $(VAR) reference', object: withEnv([{ name: 'DB_PASSWORD', value: '' }, { name: 'API_TOKEN', value: '$(RAW_TOKEN)' }]) },
    { name: 'an ordinary name with an ordinary value', object: withEnv([{ name: 'GREETING', value: 'hello world, this is long enough' }]) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `literal password in a ${kind}`,
      object: asWorkload(literalPassword, kind),
      errors: [{ messageId: 'sensitiveName', path: `${podSpecPathOf(kind)}.containers[0].env[1].value` }],
    })),
    { name: 'camelCase name', object: withEnv([{ name: 'apiKey', value: 'k-1234567890' }]), errors: [{ messageId: 'sensitiveName' }] },
    { name: 'an AWS key under an innocent name', object: withEnv([{ name: 'CONFIG', value: FAKE_AWS_KEY }]), errors: [{ messageId: 'credentialValue', path: 'spec.containers[0].env[0].value' }] },
    { name: 'a GitHub token', object: withEnv([{ name: 'GITHUB_TOKEN', value: FAKE_GITHUB_TOKEN }]), errors: [{ messageId: 'credentialValue' }] },
    { name: 'a URL with a password', object: withEnv([{ name: 'DATABASE_URL', value: 'postgres://app:s3cret-pw@db:5432/app' }]), errors: [{ messageId: 'credentialValue' }] },
    {
      name: 'a JWT in an init container',
      object: pod((p) => { p.spec.initContainers[0].env = [{ name: 'BOOTSTRAP', value: FAKE_JWT }]; }),
      errors: [{ messageId: 'credentialValue', path: 'spec.initContainers[0].env[0].value' }],
    },
    {
      name: 'ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', env: [{ name: 'ADMIN_PASSWORD', value: 'changeme' }] }]; }),
      errors: [{ messageId: 'sensitiveName', path: 'spec.ephemeralContainers[0].env[0].value' }],
    },
  ],
});

describe('credential-in-env messages', () => {
  it('never contain the value', () => {
    const object = withEnv([
      { name: 'DB_PASSWORD', value: FAKE_PASSWORD },
      { name: 'CONFIG', value: FAKE_AWS_KEY },
      { name: 'GITHUB_TOKEN', value: FAKE_GITHUB_TOKEN },
      { name: 'BOOTSTRAP', value: FAKE_JWT },
    ]);
    const messages = runRule(rule, object).map((v) => formatMessage(rule.meta.messages[v.messageId as keyof typeof rule.meta.messages], v.data));
    expect(messages).toHaveLength(4);
    for (const secret of [FAKE_PASSWORD, FAKE_AWS_KEY, FAKE_GITHUB_TOKEN, FAKE_JWT]) {
      for (const message of messages) expect(message).not.toContain(secret);
    }
  });
});
