/**
 * Benchmarks of the other pipelines (PSS, NetworkPolicy, CEL), each against its own baseline or target.
 */
import { readFileSync } from 'node:fs';
import { benchPss } from '../src/analysers/pss/bench.js';
import { analysePodSecurity } from '../src/analysers/pss/index.js';
import { benchNetpol } from '../src/analysers/netpol/bench.js';
import { benchCel } from '../src/policy/bench.js';
import { benchAdmission } from '../src/server/admission/bench.js';
import { benchClusterScan } from '../src/testing/fake-apiserver/cluster-bench.js';
import { parseManifests } from '../src/core/yaml/parse.js';
import { runRules } from '../src/core/engine/run.js';
import { builtinRegistry } from '../src/rules/index.js';

function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

/** The cost of `--pss restricted` inside a full scan of the bench manifests: PSS time against parse + rules. */
function pssInScan(file: string): Record<string, number> {
  const text = readFileSync(file, 'utf8');
  const parse = timed(() => parseManifests(text, 'bench.yaml'));
  const objects = parse.result.objects.map((p) => p.object);
  const rules = timed(() => runRules(builtinRegistry(), objects));
  const pss = timed(() => analysePodSecurity(objects, { level: 'restricted' }));
  const labels = timed(() => analysePodSecurity(objects));
  return {
    objects: objects.length,
    parseMs: parse.ms,
    rulesMs: rules.ms,
    pssRestrictedMs: pss.ms,
    pssRestrictedFindings: pss.result.findings.length,
    pssNamespaceLabelsMs: labels.ms,
    pssShareOfScan: Number((pss.ms / (parse.ms + rules.ms + pss.ms)).toFixed(3)),
  };
}

export async function runExtraBenchmarks(manifestFile: string): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  results.pss = { ...benchPss({ durationMs: 2000 }), target: { evaluationsPerSecond: 200_000 }, inScan: pssInScan(manifestFile) };
  results.cel = { ...benchCel(), targets: { ratioToJs: 0.1, evaluationsPerSecond: 500_000, compileMsPerExpression: 2, twentyRulePolicySetMicrosPerReview: 25 } };
  results.netpol = { runs: benchNetpol(), targets: { '10000': '≤ 1000 ms', '20000': '≤ 4000 ms' } };
  results.admission = { ...(await benchAdmission({ cpuBreakdown: true, coldStart: true })), targets: { p99MsAt2000: 5, p50MsAt2000: 1, saturationRatioToBare: 0.5 } };
  results.clusterScan = { ...(await benchClusterScan()), target: { ratioToFileScan: 0.5 } };
  return results;
}
