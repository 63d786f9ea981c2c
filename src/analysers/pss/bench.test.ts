/** The benchmark runs and measures the pod it claims to; timing is reported by `npm run bench`, never asserted. */
import { describe, expect, it } from 'vitest';
import { benchPss, typicalPod } from './bench.js';
import { evaluateWorkload } from './evaluate.js';
import { LATEST } from './levels.js';

describe('benchPss', () => {
  it('uses a pod that passes restricted:latest', () => {
    expect(evaluateWorkload(typicalPod(), { level: 'restricted', version: LATEST })?.allowed).toBe(true);
  });

  it('returns its measurements', () => {
    const result = benchPss({ durationMs: 20 });
    expect(result.levelVersion).toBe('restricted:latest');
    expect(result.checksPerEvaluation).toBe(15);
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.evaluationsPerSecond).toBeGreaterThan(0);
    expect(result.failingEvaluationsPerSecond).toBeGreaterThan(0);
  });
});
