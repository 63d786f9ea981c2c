/**
 * `kubeward admission …` flags: a mistake stops `serve` before it listens, with exit code 2 and a message that
 * names the flag; `certs` writes the four files (keys private) and prints the caBundle.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/commands/admission.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { makeCerts, POLICY_DIR, REPO_ROOT, removeDir, tempDir, writeFile, type TestCerts } from './helpers.js';

let certs: TestCerts;
let dir: string;

beforeAll(async () => {
  certs = await makeCerts();
  dir = tempDir();
});

afterAll(() => {
  removeDir(dir);
  removeDir(certs.dir);
});

async function serve(args: string[]): Promise<{ code: number; err: string }> {
  const io = memoryIo({ cwd: REPO_ROOT, env: {} });
  const code = await runCli(['admission', 'serve', '--tls-cert', certs.certFile, '--tls-key', certs.keyFile, '--port', '0', ...args], io);
  return { code, err: io.err() };
}

describe('admission serve refuses to start on', () => {
  it.each([
    ['an unknown check in --action', ['--action', 'no-such-check=deny'], /"no-such-check" is neither a check id/],
    ['a bad action', ['--action', 'privileged=block'], /expected ID=deny\|warn\|audit/],
    ['a bad severity', ['--deny-at', 'severe'], /--deny-at severe/],
    ['a bad failure mode', ['--failure-mode', 'maybe'], /--failure-mode maybe/],
    ['a missing policy path', ['--policy', 'no/such/dir'], /--policy no\/such\/dir: no such file/],
    ['a bad duration', ['--time-budget', 'soon'], /--time-budget soon/],
    ['a bad worker count', ['--workers', '0'], /--workers 0/],
  ])('%s', async (_, args, message) => {
    const { code, err } = await serve(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('a certificate that does not match its key', async () => {
    const other = await makeCerts();
    const io = memoryIo({ cwd: REPO_ROOT, env: {} });
    const code = await runCli(['admission', 'serve', '--tls-cert', certs.certFile, '--tls-key', other.keyFile], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/--tls-cert\/--tls-key: .*key values mismatch/);
    removeDir(other.dir);
  });

  it('a broken policy (a CEL expression that does not compile)', async () => {
    const policy = writeFile(dir, 'broken.yaml', [
      'apiVersion: admissionregistration.k8s.io/v1',
      'kind: ValidatingAdmissionPolicy',
      'metadata: {name: broken}',
      'spec:',
      '  matchConstraints: {resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]}',
      '  validations: [{expression: "object.spec.containers.all(c, "}]',
    ].join('\n'));
    const { code, err } = await serve(['--policy', policy]);
    expect(code).toBe(2);
    expect(err).toMatch(/--policy: 1 policy problem/);
  });

  it('an invalid PodSecurityConfiguration', async () => {
    const config = writeFile(dir, 'pss.yaml', 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults: {enforce: strict}\n');
    const { code, err } = await serve(['--pss-config', config]);
    expect(code).toBe(2);
    expect(err).toMatch(/defaults.enforce: Invalid value: "strict"/);
  });

  it('accepts policy names in --action (checked against the loaded policies)', async () => {
    const { code, err } = await serve(['--policy', POLICY_DIR, '--action', 'kubeward-no-such-policy=warn']);
    expect(code).toBe(2);
    expect(err).toMatch(/"kubeward-no-such-policy" is neither/);
  });
});

describe('admission certs', () => {
  it('writes ca.crt, ca.key, tls.crt, tls.key with private keys readable by the owner only, and prints the caBundle', () => {
    for (const name of ['ca.key', 'tls.key']) expect(statSync(path.join(certs.dir, name)).mode & 0o077).toBe(0);
    expect(Buffer.from(certs.caBundle, 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
  });
});

it('parseDuration', () => {
  expect([parseDuration('500ms', 'x'), parseDuration('5s', 'x'), parseDuration('1m', 'x'), parseDuration('250', 'x'), parseDuration('1.5s', 'x')]).toEqual([500, 5000, 60000, 250, 1500]);
});
