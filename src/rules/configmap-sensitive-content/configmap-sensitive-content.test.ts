import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/engine/define-rule.js';
import type { K8sObject } from '../../core/k8s/object.js';
import { ruleTester, runRule } from '../../testing/index.js';
import rule from './configmap-sensitive-content.rule.js';

// Fake credentials in the shapes the rule recognises; none of them is real.
const FAKE_PASSWORD = 'not-a-real-password-42';
const FAKE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n';
const configMap = (data: Record<string, string>, binaryData?: Record<string, string>): K8sObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data, ...(binaryData ? { binaryData } : {}),
});

ruleTester(rule).run({
  valid: [
    configMap({ LOG_LEVEL: 'info', 'nginx.conf': 'server {\n  listen 8080;\n}\n' }),
    { name: 'keys about credentials that are not credentials', object: configMap({ TOKEN_URL: 'https://auth.example.com/token', PASSWORD_MIN_LENGTH: '12', SECRET_NAME: 'db' }) },
    { name: 'placeholders in a config file', object: configMap({ 'application.properties': 'db.url=jdbc:postgresql://db/app\ndb.password=${DB_PASSWORD}\n' }) },
    { name: 'not a ConfigMap', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: FAKE_PASSWORD } } },
  ],
  invalid: [
    { name: 'a literal password under a credential key', object: configMap({ LOG_LEVEL: 'info', DB_PASSWORD: FAKE_PASSWORD }), errors: [{ messageId: 'sensitiveKey', path: 'data.DB_PASSWORD' }] },
    { name: 'a private key', object: configMap({ 'tls.key': FAKE_KEY }), errors: [{ messageId: 'credentialValue', path: 'data["tls.key"]' }] },
    {
      name: 'a password in an embedded properties file',
      object: configMap({ 'application.properties': 'db.url=jdbc:postgresql://db/app\ndb.user=app\ndb.password=' + FAKE_PASSWORD + '\n' }),
      errors: [{ messageId: 'sensitiveLines', path: 'data["application.properties"]' }],
    },
    {
      name: 'a token in an embedded YAML file',
      object: configMap({ 'config.yaml': 'server:\n  port: 8080\n  apiToken: "' + FAKE_PASSWORD + '"\n' }),
      errors: [{ messageId: 'sensitiveLines', path: 'data["config.yaml"]' }],
    },
    {
      name: 'a private key in binaryData',
      object: configMap({}, { 'key.pem': Buffer.from(FAKE_KEY).toString('base64') }),
      errors: [{ messageId: 'credentialValue', path: 'binaryData["key.pem"]' }],
    },
  ],
});

describe('configmap-sensitive-content messages', () => {
  it('never contain the value', () => {
    const object = configMap({ DB_PASSWORD: FAKE_PASSWORD, 'tls.key': FAKE_KEY, 'app.env': `API_KEY=${FAKE_PASSWORD}\n` });
    const messages = runRule(rule, object).map((v) => formatMessage(rule.meta.messages[v.messageId as keyof typeof rule.meta.messages], v.data));
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message).not.toContain(FAKE_PASSWORD);
      expect(message).not.toContain('MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu');
    }
  });
});
