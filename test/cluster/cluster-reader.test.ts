/**
 * The cluster reader on its own: paging with tiny pages, restarts after 410 Gone, legacy and aggregated discovery,
 * what a Secret keeps, and kubeconfig precedence and errors (kubectl's rules, never a localhost:8080 fallback).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKubeConfig, normaliseListItem, readClusterObjects } from '../../src/io/cluster.js';
import { UsageError } from '../../src/core/errors.js';
import type { K8sObject } from '../../src/core/k8s/object.js';
import type { RecordedRequest } from '../../src/testing/fake-apiserver/index.js';
import { SECRET_VALUES, startFixtureCluster, type FixtureCluster } from './helpers.js';

const keyOf = (o: K8sObject) => `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** What the server holds, minus what the scan deliberately skips (none of the fixtures are events). */
function storedKeys(cluster: FixtureCluster): string[] {
  return cluster.server.store.all().map(keyOf).sort();
}

describe('reading a cluster', () => {
  let cluster: FixtureCluster;
  beforeAll(async () => {
    cluster = await startFixtureCluster();
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('reads every stored object, with apiVersion and kind, at the default page size', async () => {
    const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {} });
    expect(input.objects.map(keyOf).sort()).toEqual(storedKeys(cluster));
    expect(input.locate?.(input.objects[0], 'spec')).toBeUndefined();
    // Built-in lists send items without apiVersion/kind; the reader sets them from the resource.
    const podList = cluster.server.requests.find((r) => r.path === '/api/v1/pods');
    expect(podList?.query.limit).toBe('500');
  });

  it('pages with a tiny page size and loses nothing', async () => {
    const before = cluster.server.requests.length;
    const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {}, pageSize: 1 });
    expect(input.objects.map(keyOf).sort()).toEqual(storedKeys(cluster));
    const podPages = cluster.server.requests.slice(before).filter((r) => r.path === '/api/v1/pods');
    expect(podPages).toHaveLength(5);
    expect(podPages.slice(1).every((r) => r.query.continue)).toBe(true);
  });

  it('keeps only metadata and type of Secrets, without the last-applied copy of their data', async () => {
    const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {} });
    const secrets = input.objects.filter((o) => o.kind === 'Secret');
    expect(secrets).toHaveLength(2);
    for (const secret of secrets) {
      expect(Object.keys(secret).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'type']);
      expect(secret.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
    }
    const everything = JSON.stringify(input);
    for (const value of SECRET_VALUES) expect(everything).not.toContain(value);
  });

  it('returns every object as the server stores it, field for field (raw JSON, no client models)', async () => {
    const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {} });
    const stored = new Map(cluster.server.store.all().map((o) => [keyOf(o), o]));
    const compared = input.objects.filter((o) => o.kind !== 'Secret');
    expect(compared.length).toBe(stored.size - 2);
    for (const object of compared) expect(object).toEqual(stored.get(keyOf(object)));
  });

  it('drops managedFields and keeps fields the client models do not know', () => {
    const item = { metadata: { name: 'x', managedFields: [{ manager: 'kubectl' }] }, spec: { futureField: { enabled: true } } };
    const object = normaliseListItem(item, { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['list'] });
    expect(object).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { futureField: { enabled: true } } });
  });
});

describe('410 Gone on a continue token', () => {
  it('restarts the list and ends with every object exactly once', async () => {
    let compacted = false;
    const cluster = await startFixtureCluster({
      onRequest(request, server) {
        // The second page of pods arrives after an etcd compaction.
        if (!compacted && request.path === '/api/v1/pods' && request.query.continue) {
          compacted = true;
          server.store.compact();
        }
      },
    });
    try {
      const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {}, pageSize: 2 });
      expect(input.diagnostics).toEqual([]);
      const pods = input.objects.filter((o) => o.kind === 'Pod').map(keyOf);
      expect(pods).toHaveLength(5);
      expect(new Set(pods).size).toBe(5);
      const podRequests = cluster.server.requests.filter((r: RecordedRequest) => r.path === '/api/v1/pods');
      expect(podRequests.map((r) => [r.status, Boolean(r.query.continue)])).toEqual([
        [200, false], [410, true], [200, false], [200, true], [200, true],
      ]);
    } finally {
      await cluster.close();
    }
  });

  it('gives up after repeated expiries with a warning, and reads everything else', async () => {
    const cluster = await startFixtureCluster({
      onRequest(request, server) {
        if (request.path === '/api/v1/pods' && request.query.continue) server.store.compact();
      },
    });
    try {
      const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {}, pageSize: 2 });
      const messages = input.diagnostics.map((d) => d.message);
      expect(messages).toContain('could not list pods: 410 Expired; Pod objects were not checked');
      // Compaction expires every token in flight, so a concurrent paged list may give up too; nothing else fails.
      expect(messages.every((m) => /^could not list \S+: 410 Expired;/.test(m))).toBe(true);
      expect(input.diagnostics.every((d) => d.level === 'warning')).toBe(true);
      expect(input.objects.some((o) => o.kind === 'Pod')).toBe(false);
      expect(input.objects.some((o) => o.kind === 'Deployment')).toBe(true);
      expect(cluster.server.requests.filter((r) => r.path === '/api/v1/pods' && r.status === 410)).toHaveLength(4);
    } finally {
      await cluster.close();
    }
  });
});

describe('discovery', () => {
  it('uses the legacy documents when the server has no aggregated discovery', async () => {
    const cluster = await startFixtureCluster({ aggregatedDiscovery: false });
    try {
      const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {} });
      expect(input.objects.map(keyOf).sort()).toEqual(storedKeys(cluster));
      const paths = cluster.server.requests.map((r) => r.path);
      expect(paths).toContain('/api/v1');
      expect(paths).toContain('/apis/argoproj.io/v1alpha1');
      // autoscaling serves v2 and v1: only the preferred version is listed.
      expect(paths).toContain('/apis/autoscaling/v2/horizontalpodautoscalers');
      expect(paths).not.toContain('/apis/autoscaling/v1/horizontalpodautoscalers');
    } finally {
      await cluster.close();
    }
  });

  it('uses aggregated discovery in two requests and skips events and unlistable resources', async () => {
    const cluster = await startFixtureCluster();
    try {
      await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {} });
      const paths = cluster.server.requests.map((r) => r.path);
      expect(paths.slice(0, 2)).toEqual(['/api', '/apis']);
      expect(paths).not.toContain('/api/v1');
      expect(paths).not.toContain('/api/v1/events');
      expect(paths).not.toContain('/apis/events.k8s.io/v1/events');
      expect(paths).not.toContain('/api/v1/bindings');
      expect(paths).not.toContain('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
      expect(paths).toContain('/apis/argoproj.io/v1alpha1/rollouts');
    } finally {
      await cluster.close();
    }
  });
});

describe('an API group that does not answer', () => {
  it('is a warning in legacy discovery, and the rest is read', async () => {
    const cluster = await startFixtureCluster({ aggregatedDiscovery: false, unavailableGroups: ['argoproj.io'] });
    try {
      const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {} });
      expect(input.diagnostics.map((d) => [d.level, d.message])).toEqual([
        ['warning', 'could not discover argoproj.io/v1alpha1: ServiceUnavailable; its resources were not checked'],
      ]);
      expect(input.objects.some((o) => o.kind === 'Rollout')).toBe(false);
      expect(input.objects.some((o) => o.kind === 'Deployment')).toBe(true);
    } finally {
      await cluster.close();
    }
  });

  it('is a warning when its list fails after aggregated discovery', async () => {
    const cluster = await startFixtureCluster({ unavailableGroups: ['argoproj.io'] });
    try {
      const input = await readClusterObjects({ kubeconfig: cluster.kubeconfig(), env: {} });
      expect(input.diagnostics.map((d) => [d.level, d.message])).toEqual([
        ['warning', 'could not list rollouts.argoproj.io: 503 ServiceUnavailable; Rollout objects were not checked'],
      ]);
      expect(input.objects.length).toBe(storedKeys(cluster).length - 1);
    } finally {
      await cluster.close();
    }
  });
});

describe('kubeconfig', () => {
  let cluster: FixtureCluster;
  beforeAll(async () => {
    cluster = await startFixtureCluster();
  });
  afterAll(async () => {
    await cluster.close();
  });

  /** A kubeconfig with two contexts, `<prefix>-a` and `<prefix>-b`, whose clusters differ only in name. */
  function twoContexts(file: string, prefix: string, current: string | undefined, server = cluster.server.url): string {
    const ca = Buffer.from(cluster.server.caCert).toString('base64');
    writeFileSync(path.join(cluster.dir, file), JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'shared', cluster: { server, 'certificate-authority-data': ca } }],
      users: [{ name: 'shared', user: { token: 'admin' } }],
      contexts: [`${prefix}-a`, `${prefix}-b`].map((name) => ({ name, context: { cluster: 'shared', user: 'shared' } })),
      ...(current ? { 'current-context': current } : {}),
    }));
    return path.join(cluster.dir, file);
  }

  it('merges $KUBECONFIG as kubectl does: the first file to set a name or current-context wins', () => {
    const first = twoContexts('first', 'one', 'one-b');
    const second = twoContexts('second', 'two', 'two-a', 'https://127.0.0.1:1');
    const connection = loadKubeConfig({ env: { KUBECONFIG: [path.join(cluster.dir, 'missing'), first, second].join(path.delimiter) } });
    expect(connection.context).toBe('one-b');
    // Both files define cluster "shared": the first one's server is kept, without "Duplicate cluster" errors.
    expect(connection.server).toBe(cluster.server.url);
    expect(connection.kubeConfig.getContexts().map((c) => c.name)).toEqual(['one-a', 'one-b', 'two-a', 'two-b']);
    expect(connection.origin).toBe('KUBECONFIG');
  });

  it('--kubeconfig beats $KUBECONFIG, and --context beats current-context', () => {
    const first = twoContexts('flag', 'flag', 'flag-a');
    const other = twoContexts('env', 'env', 'env-a');
    const connection = loadKubeConfig({ kubeconfig: first, context: 'flag-b', env: { KUBECONFIG: other } });
    expect(connection.context).toBe('flag-b');
    expect(connection.origin).toBe(`--kubeconfig ${first}`);
  });

  it('falls back to ~/.kube/config, then to the in-cluster ServiceAccount', () => {
    const home = path.join(cluster.dir, 'home');
    mkdirSync(path.join(home, '.kube'), { recursive: true });
    writeFileSync(path.join(home, '.kube', 'config'), cluster.server.kubeconfig({ token: 'admin' }, { context: 'home' }));
    expect(loadKubeConfig({ env: { HOME: home } }).context).toBe('home');

    const serviceAccountDir = path.join(cluster.dir, 'serviceaccount');
    mkdirSync(serviceAccountDir, { recursive: true });
    writeFileSync(path.join(serviceAccountDir, 'token'), 'admin');
    writeFileSync(path.join(serviceAccountDir, 'ca.crt'), cluster.server.caCert);
    const port = new URL(cluster.server.url).port;
    const inCluster = loadKubeConfig({ env: { HOME: cluster.dir, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port }, serviceAccountDir });
    expect(inCluster).toMatchObject({ context: 'in-cluster', server: `https://127.0.0.1:${port}`, origin: 'in-cluster' });
  });

  it('scans in-cluster with the ServiceAccount token file', async () => {
    const serviceAccountDir = path.join(cluster.dir, 'serviceaccount');
    const port = new URL(cluster.server.url).port;
    const input = await readClusterObjects({ env: { HOME: cluster.dir, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port }, serviceAccountDir });
    expect(input.source.context).toBe('in-cluster');
    expect(input.objects.length).toBe(storedKeys(cluster).length);
  });

  it('fails with a usage error, never localhost:8080, when nothing is configured', () => {
    expect(() => loadKubeConfig({ env: { HOME: path.join(cluster.dir, 'nowhere') }, serviceAccountDir: path.join(cluster.dir, 'nowhere') }))
      .toThrow(/no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ~\/\.kube\/config/);
    expect(() => loadKubeConfig({ env: { KUBECONFIG: path.join(cluster.dir, 'nowhere') } })).toThrow(/names no existing file/);
    expect(() => loadKubeConfig({ kubeconfig: 'nowhere', cwd: cluster.dir, env: {} })).toThrow('--kubeconfig nowhere: no such file');
  });

  it('explains an unusable kubeconfig', () => {
    const file = twoContexts('no-current', 'x', undefined);
    expect(() => loadKubeConfig({ kubeconfig: file, env: {} })).toThrow(/sets no current-context; pass --context \(contexts: x-a, x-b\)/);
    expect(() => loadKubeConfig({ kubeconfig: file, context: 'y', env: {} })).toThrow(/context "y" is not in the kubeconfig/);
    const broken = path.join(cluster.dir, 'broken');
    writeFileSync(broken, 'clusters:\n- cluster: {}\n');
    expect(() => loadKubeConfig({ kubeconfig: broken, env: {} })).toThrow(UsageError);
    const dangling = path.join(cluster.dir, 'dangling');
    writeFileSync(dangling, JSON.stringify({ contexts: [{ name: 'c', context: { cluster: 'gone', user: 'u' } }], 'current-context': 'c' }));
    expect(() => loadKubeConfig({ kubeconfig: dangling, env: {} })).toThrow('context "c" names cluster "gone", which the kubeconfig does not define');
  });

  it('says so when the cluster cannot be reached or refuses the credentials', async () => {
    const closed = twoContexts('closed', 'closed', 'closed-a', 'https://127.0.0.1:1');
    await expect(readClusterObjects({ kubeconfig: closed, env: {} })).rejects.toThrow(/cannot reach the cluster of context "closed-a" at https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    const wrongToken = cluster.kubeconfig({ token: 'not-a-token' });
    await expect(readClusterObjects({ kubeconfig: wrongToken, env: {} })).rejects.toThrow(/rejected the credentials \(401 Unauthorized\)/);
    const untrusted = path.join(cluster.dir, 'untrusted');
    writeFileSync(untrusted, JSON.stringify({
      clusters: [{ name: 'c', cluster: { server: cluster.server.url } }],
      users: [{ name: 'u', user: { token: 'admin' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'c',
    }));
    await expect(readClusterObjects({ kubeconfig: untrusted, env: {} })).rejects.toThrow(/cannot reach the cluster.*self-signed|cannot reach the cluster.*certificate/);
  });
});
