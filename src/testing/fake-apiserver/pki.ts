/**
 * TEST DOUBLE support: a throw-away certificate authority for the fake API server, made with the `openssl` CLI
 * (node:crypto makes keys but cannot issue X.509 certificates). A CA, a serving certificate for 127.0.0.1 and
 * localhost, and client certificates whose CN is the user and whose O entries are the groups, as kube-apiserver reads them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface KeyPair {
  cert: string;
  key: string;
}

export interface TestPki {
  ca: KeyPair;
  server: KeyPair;
  /** A client certificate signed by the CA: CN = user, one O per group. */
  issueClientCert(user: string, groups?: readonly string[]): KeyPair;
}

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Slashes and plus signs would break openssl's `-subj` syntax; test names never need them. */
function subjectPart(value: string): string {
  if (/[/+=\\]/.test(value)) throw new Error(`certificate subject value not supported by the test PKI: ${value}`);
  return value;
}

function issue(dir: string, ca: KeyPair, name: string, subject: string, extensions: string): KeyPair {
  writeFileSync(path.join(dir, 'ca.crt'), ca.cert);
  writeFileSync(path.join(dir, 'ca.key'), ca.key, { mode: 0o600 });
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, ['req', '-new', ...EC_KEY, '-keyout', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
  openssl(dir, [
    'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(Date.now() % 1e12),
    '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`,
  ]);
  return { cert: readFileSync(path.join(dir, `${name}.crt`), 'utf8'), key: readFileSync(path.join(dir, `${name}.key`), 'utf8') };
}

/** Creates a fresh CA and serving certificate; files live in a temporary folder that is removed again. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-apiserver-pki-'));
  try {
    openssl(dir, [
      'req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=fake-apiserver-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    const ca = { cert: readFileSync(path.join(dir, 'ca.crt'), 'utf8'), key: readFileSync(path.join(dir, 'ca.key'), 'utf8') };
    const server = issue(dir, ca, 'server', '/CN=fake-apiserver', [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ].join('\n'));
    return {
      ca,
      server,
      issueClientCert(user, groups = []) {
        const clientDir = mkdtempSync(path.join(tmpdir(), 'fake-apiserver-client-'));
        try {
          const subject = `${groups.map((group) => `/O=${subjectPart(group)}`).join('')}/CN=${subjectPart(user)}`;
          return issue(clientDir, ca, 'client', subject, [
            'basicConstraints=critical,CA:FALSE',
            'keyUsage=critical,digitalSignature,keyEncipherment',
            'extendedKeyUsage=clientAuth',
          ].join('\n'));
        } finally {
          rmSync(clientDir, { recursive: true, force: true });
        }
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
