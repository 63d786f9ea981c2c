/**
 * The bundled examples: `insecure/` trips every category of checks, `hardened/` (the same app fixed) has no finding
 * at or above `low`, also at Pod Security "restricted".
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import { builtinRules } from '../src/rules/index.js';

const root = path.resolve(__dirname, '..');

async function scan(args: string[]) {
  const io = memoryIo({ cwd: root });
  const code = await runCli(['scan', ...args, '-f', 'json'], io);
  return { code, report: JSON.parse(io.out()), err: io.err() };
}

describe('examples', () => {
  it('hardened/ has no finding at or above low, at Pod Security restricted too', async () => {
    const { code, report } = await scan(['examples/hardened', '--fail-on', 'low', '--pss', 'restricted']);
    expect(report.results.filter((f: any) => f.severity !== 'info')).toEqual([]);
    expect(report.diagnostics).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.objects).toBeGreaterThan(30);
  });

  it('insecure/ trips every category that has checks on by default, and fails the build', async () => {
    const { code, report } = await scan(['examples/insecure']);
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([]);
    const categories = new Set(builtinRules.filter((r) => !r.meta.optional).map((r) => r.meta.category));
    // Sandboxing and dedicated-node isolation judge the namespaces examples/insecure/.kubeward.yaml configures.
    const hit = new Set(report.results.map((f: any) => f.category));
    expect([...categories].filter((c) => !hit.has(c))).toEqual([]);
    for (const severity of ['critical', 'high', 'medium', 'low']) expect(report.summary.bySeverity[severity], severity).toBeGreaterThan(0);
  });
});
