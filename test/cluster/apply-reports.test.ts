/**
 * --apply-reports against the fake API server (a test double): reports are created, then updated in place on the
 * next run, stale kubeward reports are deleted and other tools' reports are left alone; openreports.io is used as
 * soon as the cluster serves it. Everything is read back from the server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanCluster } from '../../src/cli/commands/scan-cluster.js';
import { createApiClient, loadKubeConfig } from '../../src/io/cluster.js';
import { applyPolicyReports, fitReport } from '../../src/io/policy-reports.js';
import type { PolicyReportDocument } from '../../src/report/policyreport.js';
import { SECRET_VALUES, scanFlags, startFixtureCluster, testIo, type FixtureCluster } from './helpers.js';

let cluster: FixtureCluster;
let kubeconfig: string;

beforeEach(async () => {
  cluster = await startFixtureCluster();
  kubeconfig = cluster.kubeconfig();
});
afterEach(async () => {
  await cluster.close();
});

/** GET through the same client the scanner uses: what `kubectl get` would show. */
async function get(apiPath: string): Promise<any> {
  const client = createApiClient(loadKubeConfig({ kubeconfig, env: {} }));
  try {
    const response = await client.request('GET', apiPath);
    expect(response.status, apiPath).toBe(200);
    return response.body;
  } finally {
    client.close();
  }
}

async function create(apiPath: string, body: object): Promise<void> {
  const client = createApiClient(loadKubeConfig({ kubeconfig, env: {} }));
  try {
    const response = await client.request('POST', apiPath, { body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  } finally {
    client.close();
  }
}

const names = (list: any) => list.items.map((i: any) => `${i.metadata.namespace ?? ''}/${i.metadata.name}`).sort();
const WG = '/apis/wgpolicyk8s.io/v1alpha2';
/** Namespaces that hold objects; default and ops hold none, their Namespace objects are in the cluster report. */
const EXPECTED_NAMESPACED = ['kube-system/kubeward-kube-system', 'payments/kubeward-payments', 'shop/kubeward-shop'];

describe('scan --cluster --apply-reports', () => {
  it('creates one report per namespace and a cluster report, then updates them in place', async () => {
    const first = testIo(cluster.dir);
    const { report } = await scanCluster(scanFlags({ kubeconfig, applyReports: true }), first);
    expect(report.diagnostics).toEqual([]);
    expect(first.err()).toBe('reports (wgpolicyk8s): 4 created, 0 updated, 0 unchanged, 0 stale deleted\n');

    const namespaced = await get(`${WG}/policyreports`);
    expect(names(namespaced)).toEqual(EXPECTED_NAMESPACED);
    const payments = namespaced.items.find((i: any) => i.metadata.namespace === 'payments');
    expect(payments.metadata.labels['app.kubernetes.io/managed-by']).toBe('kubeward');
    const failed = payments.results.filter((r: any) => r.result === 'fail').map((r: any) => `${r.policy} ${r.resources[0].kind}/${r.resources[0].name}`);
    expect(failed).toContain('privileged Rollout/checkout');
    expect(failed).toContain('legacy-service-account-token Secret/payments-token');
    expect(payments.summary.fail).toBe(payments.results.filter((r: any) => r.result === 'fail').length);
    const clusterReports = await get(`${WG}/clusterpolicyreports`);
    expect(names(clusterReports)).toEqual(['/kubeward-cluster']);
    const clusterFailed = clusterReports.items[0].results.filter((r: any) => r.result === 'fail').map((r: any) => `${r.policy} ${r.resources[0].name}`);
    expect(clusterFailed).toContain('kubelet-version-skew worker-old');
    expect(clusterFailed).toContain('namespace-pod-security-not-enforced payments');
    for (const value of SECRET_VALUES) expect(JSON.stringify([namespaced, clusterReports])).not.toContain(value);

    const versions = new Map(namespaced.items.map((i: any) => [i.metadata.name, i.metadata.resourceVersion]));
    const second = testIo(cluster.dir, {});
    await scanCluster(scanFlags({ kubeconfig, applyReports: true }), { ...second, now: () => new Date('2026-01-16T12:00:00Z') });
    expect(second.err()).toBe('reports (wgpolicyk8s): 0 created, 4 updated, 0 unchanged, 0 stale deleted\n');
    const again = await get(`${WG}/policyreports`);
    expect(names(again)).toEqual(EXPECTED_NAMESPACED);
    for (const item of again.items) expect(item.metadata.resourceVersion).not.toBe(versions.get(item.metadata.name));
    // The reports themselves are not scanned: the second run reports on the same objects as the first.
    const resultCounts = (list: any) => list.items.map((i: any) => `${i.metadata.name} ${i.results.length}`);
    expect(resultCounts(again)).toEqual(resultCounts(namespaced));
    expect(again.items.find((i: any) => i.metadata.namespace === 'payments').results[0].timestamp.seconds).toBe(Date.parse('2026-01-16T12:00:00Z') / 1000);

    // The same scan at the same time writes nothing.
    const third = testIo(cluster.dir, {});
    await scanCluster(scanFlags({ kubeconfig, applyReports: true }), { ...third, now: () => new Date('2026-01-16T12:00:00Z') });
    expect(third.err()).toBe('reports (wgpolicyk8s): 0 created, 0 updated, 4 unchanged, 0 stale deleted\n');
  });

  it('deletes its stale reports and leaves other tools\' reports alone', async () => {
    const managed = { 'app.kubernetes.io/managed-by': 'kubeward' };
    await create(`${WG}/namespaces/shop/policyreports`, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', metadata: { name: 'kubeward-old-name', labels: managed }, results: [] });
    await create(`${WG}/namespaces/shop/policyreports`, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', metadata: { name: 'kyverno-pol-1', labels: { 'app.kubernetes.io/managed-by': 'kyverno' } }, results: [] });
    await create(`${WG}/clusterpolicyreports`, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'ClusterPolicyReport', metadata: { name: 'kubeward-previous', labels: managed }, results: [] });

    const io = testIo(cluster.dir);
    await scanCluster(scanFlags({ kubeconfig, applyReports: true }), io);
    expect(io.err()).toBe('reports (wgpolicyk8s): 4 created, 0 updated, 0 unchanged, 2 stale deleted\n');
    expect(names(await get(`${WG}/namespaces/shop/policyreports`))).toEqual(['shop/kubeward-shop', 'shop/kyverno-pol-1']);
    expect(names(await get(`${WG}/clusterpolicyreports`))).toEqual(['/kubeward-cluster']);
  });

  it('with -n writes and cleans up only that namespace', async () => {
    await scanCluster(scanFlags({ kubeconfig, applyReports: true }), testIo(cluster.dir));
    const io = testIo(cluster.dir);
    await scanCluster(scanFlags({ kubeconfig, applyReports: true, namespace: 'shop' }), io);
    // Same objects, same clock: the shop report is already up to date; the other namespaces are out of scope.
    expect(io.err()).toBe('reports (wgpolicyk8s): 0 created, 0 updated, 1 unchanged, 0 stale deleted\n');
    expect(names(await get(`${WG}/policyreports`))).toEqual(EXPECTED_NAMESPACED);
  });

  it('uses openreports.io once the cluster serves it, and retires its wgpolicyk8s reports', async () => {
    await scanCluster(scanFlags({ kubeconfig, applyReports: true }), testIo(cluster.dir));
    for (const [plural, kind, scope] of [['reports', 'Report', 'Namespaced'], ['clusterreports', 'ClusterReport', 'Cluster']]) {
      await create('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: `${plural}.openreports.io` },
        spec: { group: 'openreports.io', scope, names: { plural, kind, singular: kind.toLowerCase() }, versions: [{ name: 'v1alpha1', served: true, storage: true }] },
      });
    }
    const io = testIo(cluster.dir);
    await scanCluster(scanFlags({ kubeconfig, applyReports: true }), io);
    expect(io.err()).toBe('reports (openreports): 4 created, 0 updated, 0 unchanged, 4 stale deleted\n');
    const reports = await get('/apis/openreports.io/v1alpha1/reports');
    expect(names(reports)).toEqual(EXPECTED_NAMESPACED);
    expect(reports.items[0]).toMatchObject({ apiVersion: 'openreports.io/v1alpha1', kind: 'Report', source: 'kubeward' });
    expect(names(await get('/apis/openreports.io/v1alpha1/clusterreports'))).toEqual(['/kubeward-cluster']);
    expect((await get(`${WG}/policyreports`)).items).toEqual([]);
  });

  it('keeps the scan report and fails with exit code 2 when no report API is served', async () => {
    for (const crd of ['policyreports.wgpolicyk8s.io', 'clusterpolicyreports.wgpolicyk8s.io']) {
      const resource = cluster.server.store.findResource('apiextensions.k8s.io', 'customresourcedefinitions')!;
      cluster.server.store.delete(resource, undefined, crd);
    }
    const { report } = await scanCluster(scanFlags({ kubeconfig, applyReports: true }), testIo(cluster.dir));
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.diagnostics.map((d) => [d.level, d.message])).toEqual([
      ['error', 'cannot apply reports: the cluster serves neither openreports.io/v1alpha1 nor wgpolicyk8s.io/v1alpha2; install the PolicyReport CRDs (for example with Policy Reporter or Kyverno) first'],
    ]);
  });

  it('reports a refused write with the server\'s reason', async () => {
    const { report } = await scanCluster(scanFlags({ kubeconfig }), testIo(cluster.dir));
    await expect(applyPolicyReports(report, { kubeconfig: cluster.kubeconfig({ token: 'noReports' }), env: {} }))
      .rejects.toThrow('could not create PolicyReport kube-system/kubeward-kube-system: 403 Forbidden (policyreports.wgpolicyk8s.io is forbidden: User "reader" cannot create resource "policyreports" in API group "wgpolicyk8s.io" in the namespace "kube-system")');
  });
});

describe('fitReport', () => {
  it('leaves pass results out of a report that would exceed the object size limit, keeping the summary', () => {
    const result = { source: 'kubeward' as const, policy: 'p', rule: 'p', category: 'c', severity: 'low' as const, timestamp: { seconds: 0, nanos: 0 }, scored: true, message: 'x'.repeat(200), resources: [] };
    const document: PolicyReportDocument = {
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'kubeward-big', namespace: 'big', labels: {} },
      summary: { pass: 10_000, fail: 1, warn: 0, error: 0, skip: 0 },
      results: [...Array.from({ length: 10_000 }, () => ({ ...result, result: 'pass' as const })), { ...result, result: 'fail' as const }],
    };
    const fitted = fitReport(document);
    expect(fitted.results.map((r) => r.result)).toEqual(['fail']);
    expect(fitted.summary).toEqual(document.summary);
    expect(fitted.metadata.annotations?.['kubeward.io/results-trimmed']).toMatch(/^10000 pass results left out/);
    const small = { ...document, results: document.results.slice(-2) };
    expect(fitReport(small)).toBe(small);
  });
});
