/**
 * A rolling update loses no request: two webhook processes (one with two cluster workers) behind a client-side
 * balancer that, like kube-proxy with endpoints, sends only to replicas whose /readyz answers 200. One replica gets
 * SIGTERM under a steady stream of reviews; it must go unready, keep answering until traffic has moved, finish what
 * is in flight and exit 0, with zero failed requests overall.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pod } from '../../src/testing/fixtures.js';
import { HttpsClient, makeCerts, removeDir, reviewOf, tempDir, writeFile, type TestCerts } from './helpers.js';
import { spawnServer, type ServerProcess } from './process.js';

let certs: TestCerts;
let dir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  certs = await makeCerts();
  dir = tempDir();
});

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  removeDir(dir);
  removeDir(certs.dir);
});

interface Backend {
  name: string;
  client: HttpsClient;
  ready: boolean;
  served: number;
  servedAfterSigterm: number;
}

it('serves a steady stream through SIGTERM of one replica with zero failed requests', async () => {
  const labels = writeFile(dir, 'namespaces.yaml', 'shop:\n  pod-security.kubernetes.io/enforce: restricted\n');
  const common = ['--tls-cert', certs.certFile, '--tls-key', certs.keyFile, '--host', '127.0.0.1', '--port', '0', '--namespace-labels', labels, '--shutdown-delay', '1500ms', '--drain-timeout', '5s'];
  const [leaving, staying] = await Promise.all([spawnServer([...common, '--workers', '2'], 2), spawnServer([...common, '--workers', '1'])]);
  servers.push(leaving, staying);
  const leavingPorts = new Set(leaving.logs.filter((l) => l.msg === 'listening').map((l) => l.port));
  expect(leavingPorts.size).toBe(1);

  const backends: Backend[] = [leaving, staying].map((server, i) => ({
    name: i === 0 ? 'leaving' : 'staying',
    client: new HttpsClient(`https://127.0.0.1:${server.port}`, certs.ca, { maxSockets: 4 }),
    ready: true,
    served: 0,
    servedAfterSigterm: 0,
  }));
  let stop = false;
  let sigtermSent = false;
  // The endpoint controller: readiness decides who gets traffic.
  const poll = async () => {
    while (!stop) {
      await Promise.all(backends.map(async (backend) => {
        try {
          backend.ready = (await backend.client.request('GET', '/readyz')).status === 200;
        } catch {
          backend.ready = false;
        }
      }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const failures: string[] = [];
  let sent = 0;
  let turn = 0;
  const denied = reviewOf(pod((p) => { delete p.spec.containers[0].securityContext.capabilities; }), { namespace: 'shop' });
  const stream = async () => {
    while (!stop) {
      const ready = backends.filter((b) => b.ready);
      if (ready.length === 0) {
        failures.push('no ready backend');
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const backend = ready[turn++ % ready.length];
      sent++;
      try {
        const answer = await backend.client.review(denied);
        if (answer.response?.allowed !== false || !String(answer.response.status?.message).startsWith('violates PodSecurity')) failures.push(`wrong answer from ${backend.name}: ${JSON.stringify(answer)}`);
        backend.served++;
        if (sigtermSent) backend.servedAfterSigterm++;
      } catch (error) {
        failures.push(`${backend.name}: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  const polling = poll();
  const streams = Array.from({ length: 4 }, stream);

  await new Promise((resolve) => setTimeout(resolve, 1500));
  // With workers, /metrics is the sum over them (gauges like build_info take the maximum).
  const metrics = (await backends[0].client.request('GET', '/metrics')).body;
  expect(metrics).toMatch(/kubeward_admission_requests_total\{operation="CREATE",kind="Pod",decision="deny",dry_run="false"\} [1-9]/);
  expect(metrics).toMatch(/kubeward_build_info\{version="0.1.0"\} 1$/m);
  // Requests in flight at the moment of the signal must complete too.
  const inFlight = Array.from({ length: 16 }, () => backends[0].client.review(denied));
  sigtermSent = true;
  leaving.child.kill('SIGTERM');
  const inFlightAnswers = await Promise.all(inFlight);
  const exit = await leaving.exited;
  await new Promise((resolve) => setTimeout(resolve, 500));
  stop = true;
  await Promise.all([polling, ...streams]);

  expect(failures).toEqual([]);
  expect(inFlightAnswers.every((a) => a.response.allowed === false)).toBe(true);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(sent).toBeGreaterThan(200);
  expect(backends[0].served).toBeGreaterThan(0);
  expect(backends[1].servedAfterSigterm).toBeGreaterThan(0);
  const messages = leaving.logs.map((l) => l.msg);
  expect(messages).toContain('shutting down workers');
  expect(messages.filter((m) => m === 'stopped').length).toBe(3);
  for (const backend of backends) backend.client.close();

  staying.child.kill('SIGTERM');
  expect(await staying.exited).toEqual({ code: 0, signal: null });
}, 90_000);
