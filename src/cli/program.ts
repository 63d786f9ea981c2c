/**
 * Builds the command tree. One file per command under commands/; each exports `register(program, io, state)`.
 * runCli runs it in-process and returns the exit code; only main.ts touches the real process.
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../core/errors.js';
import { ExitCodes, type CliIo } from './io.js';
import registerChecks from './commands/checks.js';
import registerScan from './commands/scan.js';
import registerPss from './commands/pss.js';
import registerNetpol from './commands/netpol.js';
import registerPolicy from './commands/policy.js';
import registerAdmission from './commands/admission.js';

export const VERSION = '0.1.0';

/** Commands set `state.exitCode`; nothing calls process.exit but main.ts. */
export interface CliState {
  exitCode: number;
}

export function createProgram(io: CliIo, state: CliState, invokedAs = 'kubeward'): Command {
  const program = new Command(invokedAs);
  program
    .description('Kubernetes security platform: find, prevent and watch for security risk in Kubernetes')
    .version(VERSION)
    .exitOverride()
    // Options after a subcommand belong to it (`pss what-if --version v1.30` is the policy version, not ours).
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerScan(program, io, state);
  registerChecks(program, io, state);
  registerPss(program, io, state);
  registerNetpol(program, io, state);
  registerPolicy(program, io, state);
  registerAdmission(program, io, state);
  return program;
}

export async function runCli(argv: readonly string[], io: CliIo, invokedAs = 'kubeward'): Promise<number> {
  const state: CliState = { exitCode: ExitCodes.OK };
  const program = createProgram(io, state, invokedAs);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCodes.OK;
      return ExitCodes.USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return ExitCodes.USAGE;
    }
    io.stderr(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCodes.INTERNAL;
  }
}
