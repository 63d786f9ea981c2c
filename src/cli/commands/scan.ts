/**
 * `kubeward scan PATH…` — manifests in, findings, score and reports out. Wires io -> core -> report only.
 */
import type { Command } from 'commander';
import { runRules } from '../../core/engine/run.js';
import { readManifests } from '../../io/manifests.js';
import { formatReport } from '../../report/index.js';
import { buildScanReport } from '../../report/model.js';
import { builtinRegistry } from '../../rules/index.js';
import type { CliIo } from '../io.js';
import { VERSION, type CliState } from '../program.js';

export default function register(program: Command, io: CliIo, state: CliState): void {
  program
    .command('scan')
    .description('Check manifests against the built-in checks')
    .argument('[paths...]', 'files or folders; - reads stdin')
    .action(async (paths: string[]) => {
      const startedAt = io.now();
      const loaded = await readManifests(paths.length > 0 ? paths : ['.'], { relativeTo: io.cwd, readStdin: io.readStdin });
      const registry = builtinRegistry();
      const result = runRules(registry, loaded.objects, { locate: loaded.locate });
      const report = buildScanReport({
        ...result,
        diagnostics: [...loaded.diagnostics, ...result.diagnostics],
        rules: registry.rules,
        version: VERSION,
        startedAt: startedAt.toISOString(),
        source: { type: 'manifests', paths, files: loaded.files },
      });
      io.stdout(formatReport(report, 'text'));
      state.exitCode = report.summary.fail > 0 ? 1 : 0;
    });
}
