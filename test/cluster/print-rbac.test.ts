/**
 * --print-rbac: the printed ClusterRoles are enough for a scan and for --apply-reports, checked by scanning the
 * fixture cluster as a user who has exactly those permissions on the fake API server (a test double).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { scanCluster } from '../../src/cli/commands/scan-cluster.js';
import { qualifiedResource, UNSCANNED_RESOURCES } from '../../src/io/cluster.js';
import { printScanRbac } from '../../src/io/policy-reports.js';
import type { AllowRule } from '../../src/testing/fake-apiserver/index.js';
import { BUILT_IN_RESOURCES } from '../../src/testing/fake-apiserver/resources.js';
import { scanFlags, startFixtureCluster, testIo, type FixtureCluster } from './helpers.js';

const documents = parseAllDocuments(printScanRbac()).map((document) => document.toJS());
const [scanRole, reportsRole] = documents as Array<{ kind: string; metadata: { name: string }; rules: AllowRule[] }>;

let cluster: FixtureCluster;
beforeAll(async () => {
  cluster = await startFixtureCluster({
    tokens: {
      scanner: { name: 'kubeward-scanner', allow: scanRole.rules },
      publisher: { name: 'kubeward-publisher', allow: [...scanRole.rules, ...reportsRole.rules] },
    },
  });
});
afterAll(async () => {
  await cluster.close();
});

describe('scan --print-rbac', () => {
  it('prints two read-only-or-reports ClusterRoles without wildcards', () => {
    expect(documents.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual(['ClusterRole kubeward-scan', 'ClusterRole kubeward-reports']);
    expect(new Set(scanRole.rules.flatMap((rule) => rule.verbs))).toEqual(new Set(['get', 'list']));
    for (const rule of [...scanRole.rules, ...reportsRole.rules]) {
      expect([...rule.apiGroups, ...rule.resources, ...rule.verbs]).not.toContain('*');
    }
    expect(printScanRbac()).toMatch(/^# RBAC for kubeward/);
  });

  it('grants list on every built-in resource a scan lists', () => {
    const granted = new Set(scanRole.rules.flatMap((rule) => rule.apiGroups.flatMap((group) => rule.resources.map((resource) => qualifiedResource({ group, resource })))));
    const listed = BUILT_IN_RESOURCES.filter((r) => r.verbs.includes('list') && !UNSCANNED_RESOURCES.has(qualifiedResource(r))).map(qualifiedResource);
    expect(listed.filter((resource) => !granted.has(resource))).toEqual([]);
  });

  it('is enough for a scan: only custom resources outside the role are not seen', async () => {
    const { report } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig({ token: 'scanner' }) }), testIo(cluster.dir));
    expect(report.diagnostics.map((d) => d.message)).toEqual([
      'could not list rollouts.argoproj.io: forbidden; Rollout objects were not checked (kubeward scan --print-rbac prints the ClusterRole a scan needs)',
    ]);
    expect(report.results.some((f) => f.ruleId === 'legacy-service-account-token')).toBe(true);
  });

  it('with the reports role, is enough for --apply-reports', async () => {
    const io = testIo(cluster.dir);
    const { report } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig({ token: 'publisher' }), applyReports: true }), io);
    expect(report.diagnostics.filter((d) => d.level !== 'warning')).toEqual([]);
    expect(io.err()).toMatch(/^reports \(wgpolicyk8s\): 4 created/);
  });
});
