/**
 * `kubeward policy test PATH…` runs gator Suites and kubeward PolicyTests found under the paths and prints one
 * line per case, like a test runner: exit 0 when every case passes, 1 when any fails, 2 when nothing ran.
 */
import type { Command } from 'commander';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import { runPolicyTests } from '../../policy/files.js';
import { summarize } from '../../policy/suite.js';
import { ExitCodes, type CliIo } from '../io.js';
import type { CliState } from '../program.js';

export default function register(program: Command, io: CliIo, state: CliState): void {
  const policy = program.command('policy').description('Test and evaluate ValidatingAdmissionPolicies and Gatekeeper constraints offline');
  policy
    .command('test')
    .description('Run gator Suites (test.gatekeeper.sh/v1alpha1) and kubeward PolicyTests (kubeward.io/v1alpha1)')
    .argument('[paths...]', 'files or folders to search for test files', ['.'])
    .option('--run <regex>', 'only cases whose "test/case" matches this RE2 pattern')
    .option('-o, --output <format>', 'text | json', 'text')
    .action(async (paths: string[], options: { run?: string; output: string }) => {
      if (options.output !== 'text' && options.output !== 'json') throw new UsageError(ErrorCodes.USAGE, `unknown output format "${options.output}" (text | json)`);
      let run;
      try {
        run = await runPolicyTests(paths, { cwd: io.cwd, run: options.run });
      } catch (error) {
        if ((error as Error).name === 'RegexSyntaxError') throw new UsageError(ErrorCodes.USAGE, `--run: ${(error as Error).message}`);
        throw error;
      }
      const summary = summarize(run.files);
      for (const message of run.errors) io.stderr(`error: ${message}\n`);
      if (options.output === 'json') {
        io.stdout(`${JSON.stringify({ summary, files: run.files, errors: run.errors }, null, 2)}\n`);
      } else {
        for (const file of run.files) {
          for (const result of file.cases) {
            io.stdout(`${result.status.toUpperCase().padEnd(4)}  ${result.id}\n`);
            if (result.status === 'fail' && result.reason) io.stdout(`      ${result.reason.split('\n').join('\n      ')}\n`);
          }
        }
        io.stdout(`\n${run.files.length} test files\n${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
      }
      const total = summary.passed + summary.failed + summary.skipped;
      if (run.errors.length > 0 || total === 0) {
        if (total === 0) io.stderr(`error: no policy test cases found under ${paths.join(', ')}\n`);
        state.exitCode = ExitCodes.USAGE;
        return;
      }
      state.exitCode = summary.failed > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    });
}
