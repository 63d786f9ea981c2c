/**
 * What a command may touch of the process, passed in so that tests run commands in-process.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  readStdin: () => Promise<string>;
  /** The clock, for report timestamps and exemption expiry. */
  now: () => Date;
}

/** Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error, 3 internal error. */
export const ExitCodes = { OK: 0, FINDINGS: 1, USAGE: 2, INTERNAL: 3 } as const;

/** Collects output in memory; for tests. */
export function memoryIo(overrides: Partial<CliIo> & { stdin?: string } = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => { out += text; },
    stderr: (text) => { err += text; },
    cwd: process.cwd(),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => overrides.stdin ?? '',
    now: () => new Date('2026-01-15T12:00:00Z'),
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
