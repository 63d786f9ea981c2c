/**
 * Structured logs for the webhook: one JSON object per line on stdout, as log collectors expect. A small
 * logger instead of pino because the hot path logs nothing at the default level and the rest is a few lines.
 * Never pass request objects to it: only names, kinds, users and decisions (object fields may hold secrets).
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | undefined | null | readonly string[]>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** True when `debug` lines are written; lets the hot path skip building their fields. */
  readonly debugEnabled: boolean;
}

export function isLogLevel(value: unknown): value is LogLevel {
  return (LOG_LEVELS as readonly unknown[]).includes(value);
}

export interface LoggerOptions {
  level: LogLevel;
  /** Receives one complete line (with the trailing newline). */
  write: (line: string) => void;
  /** Fields added to every line, e.g. `{ worker: 2 }`. */
  base?: LogFields;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const now = options.now ?? (() => new Date());
  const line = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    options.write(`${JSON.stringify({ time: now().toISOString(), level, msg: message, ...options.base, ...fields })}\n`);
  };
  return {
    debug: (message, fields) => line('debug', message, fields),
    info: (message, fields) => line('info', message, fields),
    warn: (message, fields) => line('warn', message, fields),
    error: (message, fields) => line('error', message, fields),
    debugEnabled: threshold === 0,
  };
}

/** Drops everything; for tests and the in-process bench. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  debugEnabled: false,
};

/** `error.message` of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
