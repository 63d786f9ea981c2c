/**
 * `--policy`/`--config` reload: a running webhook (real HTTPS on loopback) picks up a new policy when its files
 * change, keeps serving the previous configuration when the new one does not load, and counts both.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { filesFingerprint } from '../../src/io/fingerprint.js';
import { HttpsClient, makeCerts, reviewOf, settingsFrom, startServer, type TestCerts, type TestServer } from './helpers.js';
import { spawnServer } from './process.js';

const DENY_LABELLED = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-forbidden-label}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [configmaps]}
  validations:
  - expression: "!has(object.metadata.labels) || !('forbidden' in object.metadata.labels)"
    message: the label "forbidden" is not allowed
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-forbidden-label}
spec: {policyName: no-forbidden-label, validationActions: [Deny]}
`;

const labelled = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop', labels: { forbidden: 'yes' } }, data: { a: 'b' } };

let certs: TestCerts;
let policyDir: string;
let server: TestServer;

beforeAll(async () => {
  certs = await makeCerts();
  policyDir = mkdtempSync(path.join(tmpdir(), 'kubeward-reload-'));
  mkdirSync(path.join(policyDir, 'labels'));
  writeFileSync(path.join(policyDir, 'labels', 'placeholder.yaml'), '# no policy yet\n');
  const flags = { policy: [policyDir] };
  const settings = await settingsFrom(flags);
  server = await startServer(certs, settings, {
    serve: {
      // Each reload reads the files again, as `kubeward admission serve` does.
      loadSettings: () => settingsFrom(flags),
      configFingerprint: () => filesFingerprint([policyDir]),
      // Long: the test drives each comparison itself with check().
      reloadIntervalMs: 60_000,
    },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(policyDir, { recursive: true, force: true });
  rmSync(certs.dir, { recursive: true, force: true });
});

async function metric(name: string): Promise<string[]> {
  const text = (await server.client.request('GET', '/metrics')).body;
  return text.split('\n').filter((line) => line.startsWith(name));
}

it('applies a policy added under --policy without a restart, and keeps the last good one when the files break', async () => {
  const watch = server.running.configuration!;
  expect(watch).toBeDefined();
  expect(await watch.check()).toBeUndefined();
  expect((await server.client.review(reviewOf(labelled))).response.allowed).toBe(true);

  writeFileSync(path.join(policyDir, 'labels', 'policy.yaml'), DENY_LABELLED);
  expect(await watch.check()).toBe('success');
  const denied = (await server.client.review(reviewOf(labelled))).response;
  expect(denied.allowed).toBe(false);
  expect(denied.status.message).toContain('the label "forbidden" is not allowed');
  expect(await metric('kubeward_admission_policies_loaded{type="validating_admission_policies"}')).toEqual(['kubeward_admission_policies_loaded{type="validating_admission_policies"} 1']);

  // A policy whose expression does not compile: the server refuses it at start, so a reload keeps the previous set.
  writeFileSync(path.join(policyDir, 'labels', 'policy.yaml'), DENY_LABELLED.replace("!has(object.metadata.labels)", '!has(object.metadata.labels) &&& true'));
  expect(await watch.check()).toBe('failure');
  expect((await server.client.review(reviewOf(labelled))).response.allowed).toBe(false);

  rmSync(path.join(policyDir, 'labels', 'policy.yaml'));
  expect(await watch.check()).toBe('success');
  expect((await server.client.review(reviewOf(labelled))).response.allowed).toBe(true);
  expect(await watch.check()).toBeUndefined();

  expect(await metric('kubeward_admission_config_reloads_total')).toEqual([
    'kubeward_admission_config_reloads_total{result="success"} 2',
    'kubeward_admission_config_reloads_total{result="failure"} 1',
  ]);
});

it('changes the fingerprint when a file is edited, added or removed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-fingerprint-'));
  try {
    writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
    const first = await filesFingerprint([dir]);
    expect(await filesFingerprint([dir])).toBe(first);
    writeFileSync(path.join(dir, 'a.yaml'), 'a: 12\n');
    const edited = await filesFingerprint([dir]);
    expect(edited).not.toBe(first);
    writeFileSync(path.join(dir, 'b.yml'), 'b: 1\n');
    const added = await filesFingerprint([dir]);
    expect(added).not.toBe(edited);
    writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest\n');
    expect(await filesFingerprint([dir])).toBe(added);
    rmSync(path.join(dir, 'b.yml'));
    expect(await filesFingerprint([dir])).toBe(edited);
    expect(await filesFingerprint([path.join(dir, 'gone')])).toContain('missing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('sees a ConfigMap volume update (a new timestamped folder swapped in behind ..data) and loads its policy once', async () => {
  // The layout the kubelet writes: real files in ..<timestamp>/, ..data -> that folder, and name -> ..data/name.
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-configmap-'));
  try {
    const version = (name: string, text: string) => {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, 'policy.yaml'), text);
    };
    version('..2026_11_28_10_00_00.000000001', DENY_LABELLED);
    symlinkSync('..2026_11_28_10_00_00.000000001', path.join(dir, '..data'));
    symlinkSync('..data/policy.yaml', path.join(dir, 'policy.yaml'));
    const before = await filesFingerprint([dir]);
    expect((await settingsFrom({ policy: [dir] })).policies?.vaps.map((vap) => vap.name)).toEqual(['no-forbidden-label']);

    version('..2026_11_28_10_05_00.000000002', DENY_LABELLED.replace('the label "forbidden" is not allowed', 'no "forbidden" label'));
    symlinkSync('..2026_11_28_10_05_00.000000002', path.join(dir, '..data_tmp'));
    renameSync(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
    rmSync(path.join(dir, '..2026_11_28_10_00_00.000000001'), { recursive: true });
    expect(await filesFingerprint([dir])).not.toBe(before);
    const reloaded = await settingsFrom({ policy: [dir] });
    expect(reloaded.policies?.vaps.map((vap) => vap.name)).toEqual(['no-forbidden-label']);
    expect(reloaded.policies?.vaps[0].validator.validations[0].message).toBe('no "forbidden" label');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('kubeward admission serve --reload-interval: the command polls --policy and applies a new policy', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-reload-cli-'));
  writeFileSync(path.join(dir, 'empty.yaml'), '# no policy yet\n');
  const server = await spawnServer(['--tls-cert', certs.certFile, '--tls-key', certs.keyFile, '--host', '127.0.0.1', '--port', '0', '--policy', dir, '--reload-interval', '100ms', '--shutdown-delay', '0ms']);
  const client = new HttpsClient(`https://127.0.0.1:${server.port}`, certs.ca);
  try {
    expect((await client.review(reviewOf(labelled))).response.allowed).toBe(true);
    writeFileSync(path.join(dir, 'policy.yaml'), DENY_LABELLED);
    const deadline = Date.now() + 10_000;
    let allowed = true;
    while (allowed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      allowed = (await client.review(reviewOf(labelled))).response.allowed;
    }
    expect(allowed).toBe(false);
    expect(server.logs.find((entry) => entry.msg === 'configuration reloaded')).toMatchObject({ level: 'info', validating_admission_policies: 1 });
  } finally {
    client.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}, 40_000);
