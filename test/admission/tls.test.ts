/**
 * TLS: certificates from `kubeward admission certs` verify for 127.0.0.1; swapping the certificate files under a
 * running server makes the next connection see the new certificate (no restart); a half-swapped pair is not
 * applied; TLS older than 1.2 is refused.
 */
import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultAdmissionSettings } from '../../src/server/admission/settings.js';
import { builtinRegistry } from '../../src/rules/index.js';
import { pod } from '../../src/testing/fixtures.js';
import { eventually, HttpsClient, makeCerts, removeDir, reviewOf, startServer, tempDir, type TestCerts, type TestServer } from './helpers.js';

let served: TestCerts;
let first: TestCerts;
let second: TestCerts;
let server: TestServer;

beforeAll(async () => {
  first = await makeCerts();
  second = await makeCerts();
  // The server reads its pair from a folder of its own, as from a mounted Secret.
  const dir = tempDir();
  copyFileSync(first.certFile, path.join(dir, 'tls.crt'));
  copyFileSync(first.keyFile, path.join(dir, 'tls.key'));
  served = { ...first, dir, certFile: path.join(dir, 'tls.crt'), keyFile: path.join(dir, 'tls.key') };
  server = await startServer(served, defaultAdmissionSettings(builtinRegistry()));
});

afterAll(async () => {
  await server?.close();
  for (const certs of [served, first, second]) if (certs) removeDir(certs.dir);
});

/** The fingerprint of the certificate a fresh TLS connection is served, verified against `ca`. */
function servedFingerprint(port: number, ca: string[], options: { maxVersion?: 'TLSv1.1' | 'TLSv1.3' } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost', ...options }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', reject);
  });
}

const fingerprintOf = (file: string) => new X509Certificate(readFileSync(file)).fingerprint256;

it('serves the certificate from the files, signed by the CA that `certs` printed as caBundle', async () => {
  expect(Buffer.from(first.caBundle, 'base64').toString('utf8')).toBe(first.ca);
  const leaf = new X509Certificate(readFileSync(first.certFile));
  expect(leaf.subjectAltName).toContain('DNS:kubeward-webhook.kubeward.svc');
  expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
  expect(leaf.checkIssued(new X509Certificate(first.ca))).toBe(true);
  expect(await servedFingerprint(server.running.port, [first.ca])).toBe(fingerprintOf(first.certFile));
});

it('refuses TLS 1.1', async () => {
  await expect(servedFingerprint(server.running.port, [first.ca], { maxVersion: 'TLSv1.1' })).rejects.toThrow();
});

it('keeps the old pair while only the certificate has changed (key still old), then applies the new pair', async () => {
  // Half a swap: the new certificate next to the old key does not verify as a pair.
  copyFileSync(second.certFile, `${served.certFile}.tmp`);
  renameSync(`${served.certFile}.tmp`, served.certFile);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await servedFingerprint(server.running.port, [first.ca, second.ca])).toBe(fingerprintOf(first.certFile));

  copyFileSync(second.keyFile, `${served.keyFile}.tmp`);
  renameSync(`${served.keyFile}.tmp`, served.keyFile);
  const fingerprint = await eventually(() => servedFingerprint(server.running.port, [first.ca, second.ca]), (value) => value === fingerprintOf(second.certFile));
  expect(fingerprint).toBe(fingerprintOf(second.certFile));

  // A client that trusts only the new CA can now review.
  const client = new HttpsClient(server.url, second.ca, { keepAlive: false });
  const answer = await client.review(reviewOf(pod(), { namespace: 'shop' }));
  expect(answer.response.allowed).toBe(true);
  client.close();
  const metrics = (await new HttpsClient(server.url, second.ca, { keepAlive: false }).request('GET', '/metrics')).body;
  expect(metrics).toMatch(/kubeward_admission_certificate_reloads_total\{result="success"\} 1/);
});
