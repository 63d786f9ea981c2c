/**
 * benchAdmission runs end to end (short and with one worker, so it stays cheap): both servers answer every request
 * of the fixed-rate and saturation runs, and kubeward's verdict on the bench review is the full allow path. Timings
 * are `npm run bench`'s business; nothing here asserts on them.
 */
import { expect, it } from 'vitest';
import { benchAdmission } from '../../src/server/admission/bench.js';

it('measures the bare handler and kubeward with the full policy set without a failed request', async () => {
  const result = await benchAdmission({ durationMs: 400, fixedRate: 200, workers: [1], repetitions: 2, cpuBreakdown: true });
  expect(result.review).toMatchObject({ kind: 'Pod', decision: 'allow' });
  expect(result.review.bytes).toBeGreaterThan(3500);
  expect(result.policySet.celPolicies).toBe(20);
  expect(result.runs.map((r) => `${r.server}/${r.workers}`)).toEqual(['bare/1', 'kubeward/1']);
  for (const run of result.runs) {
    for (const load of [run.fixedRate, run.saturation]) {
      expect(load.errors).toBe(0);
      expect(load.non200).toBe(0);
      expect(load.requests).toBeGreaterThan(0);
      expect(load.p99Ms).toBeGreaterThanOrEqual(load.p50Ms);
    }
    expect(run.fixedRate.requests).toBe(80);
  }
  // Two alternated saturation runs per server; each run reports the median (for two, the slower) of its own, and the
  // ratio is the median (the lower) of the two pairs' ratios.
  expect(result.settings.repetitions).toBe(2);
  for (const run of result.runs) {
    expect(run.saturationRepeats).toHaveLength(2);
    for (const repeat of run.saturationRepeats) expect(repeat).toMatchObject({ errors: 0, non200: 0 });
    expect(run.saturation.requestsPerSecond).toBe(Math.min(...run.saturationRepeats.map((r) => r.requestsPerSecond)));
  }
  const [bareRun, kubewardRun] = result.runs;
  const pairRatios = kubewardRun.saturationRepeats.map((r, i) => Math.round((r.requestsPerSecond / bareRun.saturationRepeats[i].requestsPerSecond) * 1000) / 1000);
  expect(result.saturationRatios['1']).toEqual(pairRatios);
  expect(result.saturationRatio['1']).toBe(Math.min(...pairRatios));
  expect(result.saturationRatio['1']).toBeGreaterThan(0);
  const ours = result.runs.find((r) => r.server === 'kubeward')!;
  expect(ours.fixedRate.serverSide!.within5ms).toBeGreaterThanOrEqual(ours.fixedRate.serverSide!.within1ms);
  expect(result.cpuBreakdown!.map((entry) => entry.configuration)).toEqual([
    'bare handler',
    'kubeward, namespace exempt (transport and parsing only)',
    'kubeward, PSS restricted only',
    'kubeward, PSS + the CEL policies',
    'kubeward, PSS + every check',
    'kubeward, full set',
    'kubeward, full set, each review evaluated on arrival (--no-batching)',
    'kubeward, full set, client certificate verified (--client-ca)',
  ]);
  for (const entry of result.cpuBreakdown!) expect(entry.requestsPerSecond).toBeGreaterThan(0);
}, 180_000);
