import { describe, expect, it } from 'vitest';
import { credentialKind, isLiteralSecretValue, isSensitiveName, sensitiveAssignments } from './sensitive.js';

describe('isSensitiveName', () => {
  it.each(['DB_PASSWORD', 'dbPassword', 'db-password', 'db.password', 'API_KEY', 'apiKey', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'CLIENT_SECRET', 'DB_PWD'])(
    '%s names a credential', (name) => { expect(isSensitiveName(name)).toBe(true); },
  );
  it.each(['TOKEN_URL', 'PASSWORD_FILE', 'SECRET_NAME', 'AWS_ACCESS_KEY_ID', 'TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'LOG_LEVEL'])(
    '%s does not', (name) => { expect(isSensitiveName(name)).toBe(false); },
  );
});

describe('isLiteralSecretValue', () => {
  it.each(['hunter2', 'changeme', 'a b c'])('%j could be a credential', (value) => { expect(isLiteralSecretValue(value)).toBe(true); });
  it.each(['', '  ', '$(RAW)', '${DB_PASSWORD}', '{{ .Values.password }}', '<password>', 'true', '3600', '30s', '/var/run/secrets/x', 'https://vault:8200', undefined, 42])(
    '%j is not', (value) => { expect(isLiteralSecretValue(value)).toBe(false); },
  );
});

describe('credentialKind', () => {
  it('recognises well-known formats and returns a label, not the value', () => {
    expect(credentialKind('AKIAIOSFODNN7EXAMPLE')).toBe('an AWS access key');
    expect(credentialKind('-----BEGIN OPENSSH PRIVATE KEY-----\nabc')).toBe('a private key');
    expect(credentialKind('postgres://app:pw1234@db:5432/app')).toBe('a URL with an embedded password');
    expect(credentialKind('https://registry.example.com/v2/')).toBeUndefined();
    expect(credentialKind('short')).toBeUndefined();
  });
});

describe('sensitiveAssignments', () => {
  it('finds literal credential settings by line and ignores placeholders', () => {
    const text = ['db.url=jdbc:postgresql://db/app', 'db.password=s3cret-value', 'api_token: ${TOKEN}', '  "clientSecret": "abc-123",', 'token_ttl = 60'].join('\n');
    expect(sensitiveAssignments(text)).toEqual([{ line: 2, key: 'db.password' }, { line: 4, key: 'clientSecret' }]);
  });
});
