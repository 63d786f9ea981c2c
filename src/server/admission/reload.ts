/**
 * Reloads the webhook's configuration (`--config`, `--policy`, `--pss-config`) when its files change, without a
 * restart: a ConfigMap update reaches the mounted files within a minute, and a rollout just to change a policy
 * would cost every replica its warm-up. The files are polled through a fingerprint (each file's path, size and
 * modification time), which also sees ConfigMap-style symlink swaps. A configuration that fails to load is not
 * applied: the last good one keeps serving, and the failure is logged and counted until the files change again.
 */
import { errorMessage, type LogFields, type Logger } from './log.js';

export interface ConfigurationWatchOptions {
  /** A text that changes whenever a file the configuration is read from changes. */
  fingerprint(): Promise<string>;
  /** Loads the configuration again and starts serving it; throws when it cannot be used. Returns what to log. */
  apply(): Promise<LogFields>;
  intervalMs: number;
  logger: Logger;
  onReload?(result: 'success' | 'failure'): void;
}

export interface ConfigurationWatch {
  /** Compares the fingerprint now and reloads on a change; resolves to the result, or undefined when unchanged. */
  check(): Promise<'success' | 'failure' | undefined>;
  close(): void;
}

export function watchConfiguration(options: ConfigurationWatchOptions): ConfigurationWatch {
  let known: Promise<string | undefined> = options.fingerprint().catch(() => undefined);
  let running: Promise<'success' | 'failure' | undefined> | undefined;
  let closed = false;

  const compareAndReload = async (): Promise<'success' | 'failure' | undefined> => {
    const before = await known;
    let now: string;
    try {
      now = await options.fingerprint();
    } catch (error) {
      // A file being replaced can vanish for a moment; the next poll sees the result.
      options.logger.debug('configuration files not readable right now', { error: errorMessage(error) });
      return undefined;
    }
    if (now === before || closed) return undefined;
    known = Promise.resolve(now);
    try {
      const loaded = await options.apply();
      options.logger.info('configuration reloaded', loaded);
      options.onReload?.('success');
      return 'success';
    } catch (error) {
      options.logger.error('configuration not reloaded: it does not load, keeping the previous one', { error: errorMessage(error) });
      options.onReload?.('failure');
      return 'failure';
    }
  };

  // One reload at a time; a change during a reload is seen by the next poll.
  const check = () => (running ??= compareAndReload().finally(() => (running = undefined)));
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  return {
    check,
    close() {
      closed = true;
      clearInterval(timer);
    },
  };
}
