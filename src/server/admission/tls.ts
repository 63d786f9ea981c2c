/**
 * TLS for the webhook: TLS 1.2 or newer, and the certificate and key reloaded when their files change (cert-manager
 * rotation, a Secret update) without a restart, through `server.setSecureContext`. A half-written pair (new
 * certificate, old key) is not applied: the server keeps the last good pair and tries again on the next change.
 * With a client CA (`--client-ca`), the server asks every client for a certificate and verifies it against that CA
 * (reloaded like the pair); which requests need one is the app's decision (see app.ts).
 */
import { readFileSync, unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { errorMessage, type Logger } from './log.js';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** CA certificates (PEM) that sign the clients' certificates, e.g. the API server's. */
  clientCaFile?: string;
}

export interface KeyPair {
  cert: string;
  key: string;
  /** The client CA bundle, with `clientCaFile`. */
  ca?: string;
}

/** Options every secure context of the webhook shares. */
export const TLS_SETTINGS: SecureContextOptions = { minVersion: 'TLSv1.2' };

/** Reads the pair and checks that the key belongs to the certificate; throws with the reason otherwise. */
export function readKeyPair(files: TlsFiles): KeyPair {
  const pair = readFiles(files);
  checkPair(pair, files);
  return pair;
}

function readFiles(files: TlsFiles): KeyPair {
  const pair: KeyPair = { cert: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') };
  if (files.clientCaFile !== undefined) pair.ca = readFileSync(files.clientCaFile, 'utf8');
  return pair;
}

/** Throws unless the key belongs to the certificate and the client CA file holds a certificate. */
function checkPair(pair: KeyPair, files: TlsFiles): void {
  createSecureContext({ ...TLS_SETTINGS, ...pair });
  if (pair.ca !== undefined) {
    // createSecureContext skips what is not a certificate; an empty or broken CA file would then trust nothing, silently.
    try {
      new X509Certificate(pair.ca);
    } catch (error) {
      throw new Error(`${files.clientCaFile}: not a PEM certificate (${errorMessage(error)})`, { cause: error });
    }
  }
}

/** The server options for these files: with a client CA, ask for a client certificate (the app decides who needs one). */
export function serverTlsOptions(pair: KeyPair): SecureContextOptions & { requestCert?: boolean; rejectUnauthorized?: boolean } {
  // Not rejected in the handshake: the kubelet's probes of /healthz and /readyz have no client certificate.
  return pair.ca !== undefined ? { ...TLS_SETTINGS, ...pair, requestCert: true, rejectUnauthorized: false } : { ...TLS_SETTINGS, ...pair };
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
      next = readFiles(files);
    } catch {
      return false;
    }
    if (next.cert === current.cert && next.key === current.key && next.ca === current.ca) return false;
    try {
      checkPair(next, files);
      server.setSecureContext({ ...TLS_SETTINGS, ...next });
    } catch (error) {
      options.logger.warn('new TLS certificate not applied; keeping the previous one', { error: errorMessage(error), certFile: files.certFile });
      options.onReload?.('failure');
      return false;
    }
    current = next;
    options.logger.info('TLS certificate reloaded', { certFile: files.certFile, ...(files.clientCaFile !== undefined ? { clientCaFile: files.clientCaFile } : {}) });
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
  const watched = [files.certFile, files.keyFile, ...(files.clientCaFile !== undefined ? [files.clientCaFile] : [])];
  for (const dir of new Set(watched.map((file) => path.dirname(file)))) {
    try {
      const watcher = watch(dir, { persistent: false }, soon);
      watcher.on('error', () => {});
      watchers.push(watcher);
    } catch {
      // Polling below still catches changes.
    }
  }
  const pollMs = options.pollMs ?? 1000;
  for (const file of watched) watchFile(file, { interval: pollMs, persistent: false }, soon);
  return {
    reload,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      for (const file of watched) unwatchFile(file);
    },
  };
}
