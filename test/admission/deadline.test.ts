/**
 * The API server's `?timeout=` over real HTTPS: a review whose body arrives after the API server has stopped
 * waiting is answered by the failure mode without being evaluated (the answer would not be read, and under
 * overload the work would delay the reviews that can still be answered); one that arrives in time is evaluated.
 */
import { connect } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultAdmissionSettings } from '../../src/server/admission/settings.js';
import { builtinRegistry } from '../../src/rules/index.js';
import { pod } from '../../src/testing/fixtures.js';
import { makeCerts, removeDir, reviewOf, startServer, type TestCerts, type TestServer } from './helpers.js';

let certs: TestCerts;
let server: TestServer;

beforeAll(async () => {
  certs = await makeCerts();
  server = await startServer(certs, defaultAdmissionSettings(builtinRegistry()));
});

afterAll(async () => {
  await server?.close();
  if (certs) removeDir(certs.dir);
});

/** Sends the headers, waits `delayMs`, then sends the body; resolves with the parsed response body. */
function slowReview(timeout: string, delayMs: number): Promise<any> {
  const body = Buffer.from(JSON.stringify(reviewOf(pod(), { namespace: 'shop' })));
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.running.port, ca: certs.ca, servername: 'localhost' }, () => {
      socket.write(`POST /validate?timeout=${timeout} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      setTimeout(() => socket.write(body), delayMs);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      try {
        resolve({ head: text.slice(0, split), review: JSON.parse(text.slice(split + 4)) });
      } catch (error) {
        reject(new Error(`unexpected answer: ${text}`, { cause: error }));
      }
    });
    socket.on('error', reject);
  });
}

async function budgetErrors(): Promise<number> {
  const metrics = await server.client.request('GET', '/metrics');
  return Number(/kubeward_admission_evaluation_errors_total\{component="budget"\} (\d+)/.exec(metrics.body)?.[1] ?? 0);
}

it("answers a review that arrives after the API server's timeout by the failure mode, without evaluating it", async () => {
  const before = await budgetErrors();
  const { head, review } = await slowReview('1s', 1200);
  expect(head).toMatch(/^HTTP\/1\.1 200/);
  expect(review.response.allowed).toBe(false);
  expect(review.response.status.message).toContain("evaluation exceeded the 0 ms left before the API server's timeout; checks not evaluated");
  expect(await budgetErrors()).toBeGreaterThan(before);
});

it('evaluates the same slow review when the timeout leaves time for it', async () => {
  const before = await budgetErrors();
  const { review } = await slowReview('10s', 1200);
  expect(review.response.allowed).toBe(true);
  expect(review.response.status).toBeUndefined();
  expect(await budgetErrors()).toBe(before);
});
