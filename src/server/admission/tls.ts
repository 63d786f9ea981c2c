/**
 * TLS for the webhook: TLS 1.2 or newer, and the certificate and key reloaded when their files change (cert-manager
 * rotation, a Secret update) without a restart, through `server.setSecureContext`. A half-written pair (new
 * certificate, old key) is not applied: the server keeps the last good pair and tries again on the next change.
 */
import { readFileSync, unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { errorMessage, type Logger } from './log.js';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface KeyPair {
  cert: string;
  key: string;
}

/** Options every secure context of the webhook shares. */
export const TLS_SETTINGS: SecureContextOptions = { minVersion: 'TLSv1.2' };

/** Reads the pair and checks that the key belongs to the certificate; throws with the reason otherwise. */
export function readKeyPair(files: TlsFiles): KeyPair {
  const pair = { cert: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') };
  createSecureContext({ ...TLS_SETTINGS, ...pair });
  return pair;
}

export interface CertificateWatchOptions {
  logger: Logger;
  /** Polling fallback for file systems where fs.watch misses changes; default 1 s. */
  pollMs?: number;
  onReload?: (result: 'success' | 'failure') => void;
}

export interface CertificateWatch {
  /** Re-reads the files now; true when a new pair was applied. */
  reload(): boolean;
  close(): void;
}

/** Watches the pair and applies each new, consistent version to the server. */
export function watchCertificates(server: { setSecureContext(options: SecureContextOptions): void }, files: TlsFiles, initial: KeyPair, options: CertificateWatchOptions): CertificateWatch {
  let current = initial;
  let timer: NodeJS.Timeout | undefined;
  const reload = (): boolean => {
    let next: KeyPair;
    try {
      next = { cert: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') };
    } catch {
      return false;
    }
    if (next.cert === current.cert && next.key === current.key) return false;
    try {
      createSecureContext({ ...TLS_SETTINGS, ...next });
      server.setSecureContext({ ...TLS_SETTINGS, ...next });
    } catch (error) {
      options.logger.warn('new TLS certificate not applied; keeping the previous one', { error: errorMessage(error), certFile: files.certFile });
      options.onReload?.('failure');
      return false;
    }
    current = next;
    options.logger.info('TLS certificate reloaded', { certFile: files.certFile });
    options.onReload?.('success');
    return true;
  };
  // Writers replace files in steps (Kubernetes swaps a symlinked folder); settle before reading.
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(reload, 50);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const dir of new Set([path.dirname(files.certFile), path.dirname(files.keyFile)])) {
    try {
      const watcher = watch(dir, { persistent: false }, soon);
      watcher.on('error', () => {});
      watchers.push(watcher);
    } catch {
      // Polling below still catches changes.
    }
  }
  const pollMs = options.pollMs ?? 1000;
  watchFile(files.certFile, { interval: pollMs, persistent: false }, soon);
  watchFile(files.keyFile, { interval: pollMs, persistent: false }, soon);
  return {
    reload,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      unwatchFile(files.certFile);
      unwatchFile(files.keyFile);
    },
  };
}
