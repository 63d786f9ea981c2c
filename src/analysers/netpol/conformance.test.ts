/**
 * Runs every np-guard golden case under ../shared/conformance/netpol/np-guard (connlist, exposure and diff
 * outputs) through kubeward and compares the output byte for byte (trailing newlines aside). Prints the
 * matched count per format and the reason for every case it cannot match (explain outputs are listed, not
 * run); asserts the count does not drop.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifests } from '../../io/manifests.js';
import { formatConnlist, type ConnlistFormat } from '../../report/netpol/connlist.js';
import { formatConnlistExposure } from '../../report/netpol/connlist-exposure.js';
import { formatDiff, type DiffFormat } from '../../report/netpol/diff.js';
import { analyseReachability, diffConnections, parseProtocolPort, peerId, type ConnectionFilter, type ReachabilityReport } from './index.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared/conformance/netpol/np-guard');
const TESTS = path.join(ROOT, 'tests');
const CONNLIST_OUT = path.join(ROOT, 'test_outputs/connlist');
const DIFF_OUT = path.join(ROOT, 'test_outputs/diff');

/** Options of the golden files whose names np-guard derives from focus flags (from its connlist_test.go table). */
const FOCUS_CASES: Record<string, { dir: string; filter: ConnectionFilter & { focusConn?: string } }> = {
  'acs-security-demos_focus_workload_backend_catalog': { dir: 'acs-security-demos', filter: { focusWorkloads: ['backend/catalog'] } },
  'acs-security-demos_focus_workload_backend_checkout_frontend_webapp_egress': { dir: 'acs-security-demos', filter: { focusWorkloads: ['backend/checkout', 'frontend/webapp'], focusDirection: 'egress' } },
  'acs-security-demos_focus_workload_backend_checkout_frontend_webapp': { dir: 'acs-security-demos', filter: { focusWorkloads: ['backend/checkout', 'frontend/webapp'] } },
  'acs-security-demos_focus_workload_backend_checkout_frontend_webapp_with_backend_recommendation': {
    dir: 'acs-security-demos',
    filter: { focusWorkloads: ['backend/checkout', 'frontend/webapp'], focusWorkloadPeers: ['backend/recommendation'] },
  },
  'acs-security-demos_focus_workload_checkout_ingress_with_webapp': { dir: 'acs-security-demos', filter: { focusWorkloads: ['checkout'], focusWorkloadPeers: ['webapp'], focusDirection: 'ingress' } },
  'acs-security-demos_focus_workload_checkout_reports_egress_with_recommendation_catalog': {
    dir: 'acs-security-demos',
    filter: { focusWorkloads: ['checkout', 'reports'], focusWorkloadPeers: ['recommendation', 'catalog'], focusDirection: 'egress' },
  },
  'acs-security-demos_focus_workload_frontend_webapp_egress': { dir: 'acs-security-demos', filter: { focusWorkloads: ['frontend/webapp'], focusDirection: 'egress' } },
  'acs-security-demos_focus_workload_frontend_webapp_ingress': { dir: 'acs-security-demos', filter: { focusWorkloads: ['frontend/webapp'], focusDirection: 'ingress' } },
  'acs-security-demos_focus_workload_frontend_webapp': { dir: 'acs-security-demos', filter: { focusWorkloads: ['frontend/webapp'] } },
  'anp_demo_focus_workload_harry-potter_egress_tcp-8080': { dir: 'anp_demo', filter: { focusWorkloads: ['harry-potter'], focusDirection: 'egress', focusConn: 'tcp-8080' } },
  'anp_demo_udp-52': { dir: 'anp_demo', filter: { focusConn: 'udp-52' } },
  'k8s_ingress_test_focus_workload_details-v1-79f774bdb9': { dir: 'k8s_ingress_test', filter: { focusWorkloads: ['details-v1-79f774bdb9'] } },
  'k8s_ingress_test_focus_workload_ratings-v1-b6994bb9': { dir: 'k8s_ingress_test', filter: { focusWorkloads: ['ratings-v1-b6994bb9'] } },
  'onlineboutique_workloads_focus_workload_default_loadgenerator': { dir: 'onlineboutique_workloads', filter: { focusWorkloads: ['default/loadgenerator'] } },
  'onlineboutique_workloads_focus_workload_emailservice': { dir: 'onlineboutique_workloads', filter: { focusWorkloads: ['emailservice'] } },
};

/**
 * Matched counts reached when this test was written. Raise them as support grows; the test fails if any
 * count drops.
 */
const MATCHED_FLOOR: Record<string, number> = { connlist: 137, exposure: 62, diff: 20, explain: 0 };

interface Golden {
  kind: 'connlist' | 'exposure' | 'explain' | 'diff';
  file: string;
  format: string;
}

function normalise(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

const cache = new Map<string, Promise<ReachabilityReport>>();
async function analyse(dir: string, filter: ConnectionFilter, exposure = false): Promise<ReachabilityReport> {
  const key = `${dir}|${JSON.stringify(filter)}|${exposure}`;
  let result = cache.get(key);
  if (!result) {
    result = readManifests([path.join(TESTS, dir)], { relativeTo: ROOT }).then((loaded) => analyseReachability(loaded.objects, filter, { exposure }));
    cache.set(key, result);
  }
  return result;
}

function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return `line ${i + 1}: expected ${JSON.stringify(e[i] ?? '<end>')}, got ${JSON.stringify(a[i] ?? '<end>')}`;
  }
  return 'identical';
}

async function runConnlistGolden(golden: Golden): Promise<string> {
  const stem = golden.file.replace(/_(connlist|exposure)_output\.\w+$/, '');
  const focus = FOCUS_CASES[stem];
  const dir = focus?.dir ?? stem;
  if (!existsSync(path.join(TESTS, dir))) return `input folder tests/${dir} is not in the conformance data`;
  const { focusConn, ...filter } = focus?.filter ?? {};
  const focusConnection = focusConn ? parseProtocolPort(focusConn) : undefined;
  if (focusConnection) filter.focusConnection = focusConnection;
  const report = await analyse(dir, filter, golden.kind === 'exposure');
  const view = { connections: report.connections, workloads: report.workloads, ...(focusConnection ? { focusConnection } : {}) };
  const actual =
    golden.kind === 'exposure'
      ? formatConnlistExposure({ ...view, exposure: report.exposure ?? [] }, golden.format as ConnlistFormat)
      : formatConnlist(view, golden.format as ConnlistFormat);
  const expected = readFileSync(path.join(CONNLIST_OUT, golden.file), 'utf8');
  return normalise(actual) === normalise(expected) ? 'ok' : firstDifference(normalise(expected), normalise(actual));
}

async function runDiffGolden(golden: Golden): Promise<string> {
  const match = /^diff_between_(.+)_and_(.+)\.\w+$/.exec(golden.file);
  if (!match) return 'unrecognised diff file name';
  const [, dir2, dir1] = match;
  const before = await analyse(dir1, {});
  const after = await analyse(dir2, {});
  const peers = (report: ReachabilityReport) => new Set([...report.workloads.map(peerId), ...report.connections.flatMap((c) => [peerId(c.src), peerId(c.dst)])]);
  const workloadIds = (report: ReachabilityReport) => new Set(report.workloads.map(peerId));
  const diffs = diffConnections(before.connections, after.connections, workloadIds(before), workloadIds(after), { includeUnchanged: golden.format === 'dot' });
  const actual = formatDiff({ diffs, peersBefore: peers(before), peersAfter: peers(after) }, golden.format as DiffFormat);
  const expected = readFileSync(path.join(DIFF_OUT, golden.file), 'utf8');
  return normalise(actual) === normalise(expected) ? 'ok' : firstDifference(normalise(expected), normalise(actual));
}

function goldens(): Golden[] {
  const list: Golden[] = [];
  for (const file of readdirSync(CONNLIST_OUT).sort()) {
    const format = file.slice(file.lastIndexOf('.') + 1);
    const kind = /explain/.test(file) ? 'explain' : /_exposure_output\./.test(file) ? 'exposure' : 'connlist';
    list.push({ kind, file, format });
  }
  for (const file of readdirSync(DIFF_OUT).sort()) list.push({ kind: 'diff', file, format: file.slice(file.lastIndexOf('.') + 1) });
  return list;
}

describe('np-guard conformance', () => {
  it('matches the golden connlist, exposure and diff outputs', async () => {
    const results: Array<Golden & { outcome: string }> = [];
    for (const golden of goldens()) {
      const outcome =
        golden.kind === 'explain' ? 'explain output (per-rule reasons) is not implemented' : golden.kind === 'diff' ? await runDiffGolden(golden) : await runConnlistGolden(golden);
      results.push({ ...golden, outcome });
    }
    const table: Record<string, { matched: number; total: number }> = {};
    for (const result of results) {
      for (const key of [result.kind, `${result.kind}.${result.format}`]) {
        table[key] ??= { matched: 0, total: 0 };
        table[key].total++;
        if (result.outcome === 'ok') table[key].matched++;
      }
    }
    console.log('np-guard conformance, matched/total:');
    for (const key of Object.keys(table).sort()) console.log(`  ${key.padEnd(16)} ${table[key].matched}/${table[key].total}`);
    const failures = results.filter((r) => r.outcome !== 'ok');
    if (failures.length > 0) console.log(`not matched (${failures.length}):\n${failures.map((f) => `  ${f.file}: ${f.outcome}`).join('\n')}`);
    for (const [kind, floor] of Object.entries(MATCHED_FLOOR)) expect(table[kind]?.matched ?? 0, kind).toBeGreaterThanOrEqual(floor);
  });
});
