/**
 * The in-cluster namespace cache (list + watch through @kubernetes/client-node) against a small list/watch test
 * double of the API server: ready after the first list, label changes from watch events take effect on the next
 * review, a dropped watch resumes, a failing list is retried, and a namespace the cache has not seen is fetched.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/rules/index.js';
import { createAdmissionApp } from '../../src/server/admission/app.js';
import { createAdmissionEvaluator } from '../../src/server/admission/evaluate.js';
import { silentLogger } from '../../src/server/admission/log.js';
import { watchClusterNamespaces, type NamespaceCache } from '../../src/server/admission/namespaces.js';
import { defaultAdmissionSettings } from '../../src/server/admission/settings.js';
import { pod } from '../../src/testing/fixtures.js';
import { eventually, reviewOf } from './helpers.js';

interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: { name: string; resourceVersion: string; labels: Record<string, string> };
}

/** TEST DOUBLE: namespaces list, get and watch, with hooks to change them and to fail. */
class FakeNamespaces {
  server: Server = createServer((req, res) => this.serve(req.url ?? '/', res));
  private version = 1;
  readonly listed = new Map<string, Namespace>();
  /** Exists for GET only: created after the last list, and no watch event yet. */
  readonly unlisted = new Map<string, Namespace>();
  watchers: ServerResponse[] = [];
  failLists = 0;
  lists = 0;
  watches = 0;

  namespace(name: string, labels: Record<string, string>): Namespace {
    return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, resourceVersion: String(++this.version), labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
  }

  private serve(url: string, res: ServerResponse): void {
    const { pathname, searchParams } = new URL(url, 'http://localhost');
    res.setHeader('content-type', 'application/json');
    if (pathname === '/api/v1/namespaces' && searchParams.get('watch') === 'true') {
      this.watches++;
      res.writeHead(200);
      res.flushHeaders();
      this.watchers.push(res);
      return;
    }
    if (pathname === '/api/v1/namespaces') {
      this.lists++;
      if (this.failLists > 0) {
        this.failLists--;
        res.writeHead(500).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500, message: 'etcd unavailable' }));
        return;
      }
      res.writeHead(200).end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: String(this.version) }, items: [...this.listed.values()] }));
      return;
    }
    const name = decodeURIComponent(pathname.replace('/api/v1/namespaces/', ''));
    const found = this.listed.get(name) ?? this.unlisted.get(name);
    if (found) res.writeHead(200).end(JSON.stringify(found));
    else res.writeHead(404).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound', message: `namespaces "${name}" not found` }));
  }

  emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', namespace: Namespace): void {
    if (type === 'DELETED') this.listed.delete(namespace.metadata.name);
    else this.listed.set(namespace.metadata.name, namespace);
    for (const watcher of this.watchers) watcher.write(`${JSON.stringify({ type, object: namespace })}\n`);
  }

  dropWatches(): void {
    for (const watcher of this.watchers.splice(0)) watcher.end();
  }
}

const fake = new FakeNamespaces();
let cache: NamespaceCache;

function kubeConfig(port: number): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'webhook', token: 'test-token' }],
    contexts: [{ name: 'test', cluster: 'test', user: 'webhook' }],
    currentContext: 'test',
  });
  return kc;
}

beforeAll(async () => {
  fake.listed.set('shop', fake.namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }));
  fake.failLists = 1;
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  cache = watchClusterNamespaces(kubeConfig((fake.server.address() as AddressInfo).port), { logger: silentLogger, maxBackoffMs: 200 });
});

afterAll(async () => {
  cache?.close();
  fake.dropWatches();
  fake.server.closeAllConnections();
  await new Promise((resolve) => fake.server.close(resolve));
});

const riskyPod = () => reviewOf(pod((p) => { delete p.spec.containers[0].securityContext.capabilities; }), { namespace: 'shop' });

it('is ready after a list (retried after a failure), and watch events change verdicts', async () => {
  expect(await eventually(() => cache.ready(), Boolean)).toBe(true);
  expect(fake.lists).toBeGreaterThanOrEqual(2);
  const app = createAdmissionApp({ evaluator: createAdmissionEvaluator(defaultAdmissionSettings(builtinRegistry()), { namespaces: cache }), ready: cache.ready });
  const review = async () => JSON.parse((await app.handle({ method: 'POST', url: '/validate', headers: {}, body: Buffer.from(JSON.stringify(riskyPod())) })).body).response;
  expect((await review()).allowed).toBe(false);

  await eventually(() => fake.watchers.length, (n) => n > 0);
  fake.emit('MODIFIED', fake.namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' }));
  expect((await eventually(review, (r) => r.allowed === true)).allowed).toBe(true);

  // The watch ends (as the API server ends them every few minutes); the cache resumes and keeps following.
  const watchesBefore = fake.watches;
  fake.dropWatches();
  await eventually(() => fake.watches, (n) => n > watchesBefore);
  await eventually(() => fake.watchers.length, (n) => n > 0);
  fake.emit('MODIFIED', fake.namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }));
  expect((await eventually(review, (r) => r.allowed === false)).status.message).toMatch(/^violates PodSecurity "restricted:latest"/);
});

it('fetches a namespace the cache has not seen yet, and knows that a missing one does not exist', async () => {
  fake.unlisted.set('fresh', fake.namespace('fresh', { 'pod-security.kubernetes.io/enforce': 'restricted' }));
  expect(cache.get('fresh')).toBeUndefined();
  const fetched = await cache.fetch('fresh');
  expect(fetched?.metadata?.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  expect(cache.get('fresh')).toBe(fetched);
  expect(await cache.fetch('missing')).toBeUndefined();
});

it('forgets deleted namespaces', async () => {
  fake.emit('ADDED', fake.namespace('temporary', {}));
  await eventually(() => cache.get('temporary'), Boolean);
  fake.emit('DELETED', fake.listed.get('temporary')!);
  expect(await eventually(() => cache.get('temporary'), (value) => value === undefined)).toBeUndefined();
});
