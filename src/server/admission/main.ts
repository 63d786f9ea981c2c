/**
 * Runs the webhook: HTTPS (TLS ≥ 1.2, certificates reloaded on change) in front of the app, an optional plain-HTTP
 * metrics port, `--workers N` with node:cluster (the primary forks, restarts crashed workers and sums their
 * metrics), and a graceful SIGTERM: readiness goes false while the server keeps answering (with
 * `Connection: close`, so clients move to other replicas) for the shutdown delay, then it stops accepting,
 * finishes the requests in flight and returns. Only `kubeward admission serve` calls this.
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { AggregatorRegistry } from 'prom-client';
import { createAdmissionApp, DEFAULT_MAX_BODY_BYTES, errorResponse, HttpError, type AdmissionApp, type ClientIdentity, type HttpResponse } from './app.js';
import { createBatch } from './batch.js';
import { createAdmissionEvaluator } from './evaluate.js';
import { errorMessage, type Logger } from './log.js';
import { createAdmissionMetrics, clusterMetricsText, METRICS_CONTENT_TYPE, serveMetricsToPrimary, type AdmissionMetrics, type BadRequestReason } from './metrics.js';
import type { NamespaceCache } from './namespaces.js';
import { watchConfiguration, type ConfigurationWatch } from './reload.js';
import { warmUp } from './warm-up.js';
import type { AdmissionSettings } from './settings.js';
import { readKeyPair, serverTlsOptions, watchCertificates, type CertificateWatch, type TlsFiles } from './tls.js';

export interface ServeOptions {
  tls: TlsFiles;
  host: string;
  port: number;
  /** 1 serves from this process; more forks that many workers with node:cluster. */
  workers: number;
  /** Plain-HTTP port for `/metrics` (conventions §1.6); undefined or 0 for none. */
  metricsPort?: number;
  /** How long the server keeps answering after SIGTERM with readiness false, so endpoints can be removed. */
  shutdownDelayMs: number;
  /** How long to wait for requests in flight once the server stops accepting. */
  drainTimeoutMs: number;
  maxBodyBytes?: number;
  /** Time allowed for a request to arrive completely (slow clients get a 408). */
  requestTimeoutMs?: number;
  /** With `tls.clientCaFile`: the client certificate names allowed to call /validate and /metrics (empty: any it signed). */
  clientNames?: readonly string[];
  version: string;
  logger: Logger;
  /** Reads the configuration; the primary calls it to fail fast, every serving process to serve. */
  loadSettings(): Promise<AdmissionSettings>;
  /** Opens this process's namespace cache. */
  openNamespaces(): NamespaceCache;
  /** Changes when a file loadSettings reads changes: the configuration is then reloaded without a restart. */
  configFingerprint?(): Promise<string>;
  /** How often to compare the fingerprint (default 2 s; 0 never reloads). */
  reloadIntervalMs?: number;
  /** Sample reviews each serving process answers before it listens, and a reloaded configuration before it serves (default 0). */
  warmUpReviews?: number;
  /** Evaluate the reviews that arrive together back to back, then answer them (default true; false for comparison). */
  batching?: boolean;
  /** Install SIGTERM/SIGINT handlers (default true; tests drive shutdown themselves). */
  handleSignals?: boolean;
}

/** A serving process: its port, and the graceful shutdown (readiness false, delay, stop accepting, drain). */
export interface RunningServer {
  port: number;
  metricsPort?: number;
  shutdown(reason?: string): Promise<void>;
  /** Resolves when shutdown has completed. */
  readonly closed: Promise<void>;
  certificates: CertificateWatch;
  /** Present when the configuration is reloaded on change; `check()` compares now. */
  configuration?: ConfigurationWatch;
}

const SHUTDOWN_MESSAGE = 'kubeward:shutdown';
const METRICS_REQUEST = 'kubeward:metrics-request';
const METRICS_RESPONSE = 'kubeward:metrics-response';
const CLIENT_ERROR_RESPONSE = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function listen(server: HttpServer | HttpsServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

interface TransportOptions {
  maxBodyBytes: number;
  requestTimeoutMs: number;
  logger: Logger;
  /** True once draining: every response then closes its connection. */
  draining(): boolean;
  /** Counts requests the transport refuses before the app sees them. */
  rejected(reason: BadRequestReason): void;
  /** Pass the TLS client's certificate to the app (the server asked for one). */
  clientIdentity: boolean;
  /** Evaluate the reviews that arrived together back to back (batch.ts); false answers each on arrival. */
  batching: boolean;
}

/** The names of a verified or unverified client certificate; read once per connection, which keeps its identity. */
const identities = new WeakMap<TLSSocket, ClientIdentity>();

function clientIdentityOf(socket: TLSSocket): ClientIdentity {
  let identity = identities.get(socket);
  if (identity) return identity;
  // An empty object when the client presented none.
  const certificate = socket.getPeerCertificate();
  const presented = Object.keys(certificate).length > 0;
  const names: string[] = [];
  if (presented) {
    const commonName = certificate.subject?.CN as string | string[] | undefined;
    if (commonName !== undefined) names.push(...(Array.isArray(commonName) ? commonName : [commonName]));
    for (const entry of (certificate.subjectaltname ?? '').split(', ')) if (entry.startsWith('DNS:')) names.push(entry.slice(4));
  }
  const verified = socket.authorized === true;
  identity = verified ? { verified, names } : { verified, names, error: presented ? String(socket.authorizationError ?? 'not verified') : 'none presented' };
  identities.set(socket, identity);
  return identity;
}

/**
 * Feeds node:http(s) requests to the app: reads the body up to the limit (a larger one is drained and answered
 * with 413), enforces the arrival deadline, writes the response. Counts requests in flight for the drain.
 */
function createRequestListener(app: AdmissionApp, options: TransportOptions) {
  const batch = options.batching ? createBatch((error) => options.logger.error('request failed', { error: errorMessage(error) })) : undefined;
  let inFlight = 0;
  const idleWaiters: Array<() => void> = [];
  const settle = () => {
    inFlight--;
    if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = performance.now();
    inFlight++;
    let done = false;
    const send = (response: HttpResponse, closeConnection = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (res.headersSent || res.destroyed) return;
      const headers: Record<string, string | number> = { ...response.headers, 'content-length': Buffer.byteLength(response.body) };
      if (closeConnection || options.draining()) headers.connection = 'close';
      res.writeHead(response.status, headers);
      res.end(req.method === 'HEAD' ? undefined : response.body);
    };
    res.once('close', settle);
    const timer = setTimeout(() => {
      options.rejected('timeout');
      send(errorResponse(new HttpError(408, 'timeout', `the request did not arrive within ${options.requestTimeoutMs} ms`)), true);
      req.destroy();
    }, options.requestTimeoutMs);
    timer.unref();

    // A client the path does not accept is answered before its body is read (or buffered).
    const client = options.clientIdentity ? clientIdentityOf(req.socket as TLSSocket) : undefined;
    const refusal = client ? app.refuseBeforeBody({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, client }) : undefined;
    if (refusal) {
      send(refusal, true);
      req.resume();
      return;
    }

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
      options.rejected('too_large');
      send(errorResponse(new HttpError(413, 'too_large', `the body is larger than ${options.maxBodyBytes} bytes`)), true);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= options.maxBodyBytes) chunks.push(chunk);
    });
    req.on('error', () => {
      done = true;
      clearTimeout(timer);
    });
    req.on('end', () => {
      if (size > options.maxBodyBytes) {
        options.rejected('too_large');
        send(errorResponse(new HttpError(413, 'too_large', `the body is larger than ${options.maxBodyBytes} bytes`)), true);
        return;
      }
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, startedAt };
      const answer = () => {
        // Answered meanwhile (the arrival deadline) or gone: nothing to evaluate for.
        if (done) return;
        app.handle(client ? { ...request, client } : request).then(
          (response) => send(response),
          (error) => {
            options.logger.error('request failed', { error: errorMessage(error) });
            send({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error\n' }, true);
          },
        );
      };
      if (batch) batch.add(answer);
      else answer();
    });
  };
  return {
    listener,
    inFlight: () => inFlight,
    /** Resolves when no request is in flight, or after `timeoutMs`. */
    idle(timeoutMs: number): Promise<boolean> {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}

function onClientError(error: Error, socket: Socket): void {
  if ((error as { code?: string }).code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(CLIENT_ERROR_RESPONSE);
}

function metricsListener(text: () => Promise<string>, logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    text().then(
      (body) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) }).end(body),
      (error) => {
        logger.warn('metrics unavailable', { error: errorMessage(error) });
        res.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  };
}

/** Asks the primary for the summed metrics of all workers (a worker's own registry is only its share). */
function metricsFromPrimary(): Promise<string> {
  const id = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary did not answer the metrics request'));
    }, 5000);
    const onMessage = (message: any) => {
      if (message?.type !== METRICS_RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (typeof message.text === 'string') resolve(message.text);
      else reject(new Error(String(message.error)));
    };
    process.on('message', onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}

/** Starts one serving process: the evaluator, the app, HTTPS and (outside cluster workers) the metrics port. */
export async function startAdmissionProcess(options: ServeOptions, settings: AdmissionSettings, namespaces: NamespaceCache): Promise<RunningServer> {
  const { logger } = options;
  const metrics: AdmissionMetrics = createAdmissionMetrics({ version: options.version });
  metrics.policiesLoaded(policyCounts(settings));
  const inWorker = cluster.isWorker;
  if (inWorker) serveMetricsToPrimary(metrics.registry);
  const metricsText = inWorker ? metricsFromPrimary : () => metrics.registry.metrics();

  let draining = false;
  let listening = false;
  const warmUpReviews = options.warmUpReviews ?? 0;
  if (warmUpReviews > 0) logger.info('warmed up', { ...(await warmUp(settings, warmUpReviews)) });
  // Replaced whole when the configuration is reloaded; a review in progress finishes with the one it started with.
  let evaluator = createAdmissionEvaluator(settings, { namespaces });
  const app = createAdmissionApp({
    evaluator: { evaluate: (request, uid, options) => evaluator.evaluate(request, uid, options) },
    metrics,
    metricsText,
    logger,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    ready: () => listening && !draining && namespaces.ready(),
    ...(options.tls.clientCaFile !== undefined ? { clientAuth: { names: options.clientNames ?? [] } } : {}),
  });
  const transport = createRequestListener(app, {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    logger,
    draining: () => draining,
    rejected: (reason) => metrics.badRequest(reason),
    clientIdentity: options.tls.clientCaFile !== undefined,
    batching: options.batching ?? true,
  });

  const pair = readKeyPair(options.tls);
  const server = createHttpsServer(serverTlsOptions(pair), transport.listener);
  // Longer than the API server's idle timeout (90 s), so the client closes idle connections first.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = (options.requestTimeoutMs ?? 10_000) + 5_000;
  server.on('clientError', onClientError);
  server.on('tlsClientError', (error) => logger.debug('TLS handshake failed', { error: errorMessage(error) }));
  const certificates = watchCertificates(server, options.tls, pair, { logger, onReload: (result) => metrics.certificateReload(result) });
  const reloadIntervalMs = options.reloadIntervalMs ?? 2000;
  const configuration = options.configFingerprint && reloadIntervalMs > 0
    ? watchConfiguration({
      fingerprint: options.configFingerprint,
      intervalMs: reloadIntervalMs,
      logger,
      onReload: (result) => metrics.configurationReload(result),
      async apply() {
        const next = await options.loadSettings();
        // The new policies' programs are new code: warm them before they serve.
        await warmUp(next, warmUpReviews);
        evaluator = createAdmissionEvaluator(next, { namespaces });
        const counts = policyCounts(next);
        metrics.policiesLoaded(counts);
        return counts;
      },
    })
    : undefined;
  const port = await listen(server, options.port, options.host);
  listening = true;

  let metricsServer: HttpServer | undefined;
  let metricsPort: number | undefined;
  if (!inWorker && options.metricsPort) {
    metricsServer = createHttpServer(metricsListener(metricsText, logger));
    metricsPort = await listen(metricsServer, options.metricsPort, options.host);
  }
  logger.info('listening', { port, host: options.host, metricsPort, namespaces: namespaces.source, worker: inWorker ? cluster.worker?.id : undefined });

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let shutdownStarted: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown requested') => {
    shutdownStarted ??= (async () => {
      draining = true;
      logger.info('shutting down: not ready; answering with Connection: close until the delay is over', { reason, delayMs: options.shutdownDelayMs });
      await sleep(options.shutdownDelayMs);
      server.close();
      server.closeIdleConnections();
      metricsServer?.close();
      const drained = await transport.idle(options.drainTimeoutMs);
      if (!drained) logger.warn('drain timeout: closing connections with requests in flight', { inFlight: transport.inFlight() });
      server.closeAllConnections();
      certificates.close();
      configuration?.close();
      namespaces.close();
      logger.info('stopped');
      resolveClosed();
    })();
    return shutdownStarted;
  };
  return { port, metricsPort, shutdown, closed, certificates, ...(configuration ? { configuration } : {}) };
}

function policyCounts(settings: AdmissionSettings): Record<string, number> {
  return {
    checks: settings.registry.rules.length,
    validating_admission_policies: settings.policies?.vaps.length ?? 0,
    validating_admission_policy_bindings: settings.policies?.bindings.length ?? 0,
    gatekeeper_constraints: settings.policies?.constraints.length ?? 0,
  };
}

function onSignals(handler: (signal: string) => void): () => void {
  const listener = (signal: NodeJS.Signals) => handler(signal);
  process.on('SIGTERM', listener);
  process.on('SIGINT', listener);
  return () => {
    process.off('SIGTERM', listener);
    process.off('SIGINT', listener);
  };
}

/**
 * The whole server lifecycle; resolves after a graceful shutdown. In a cluster worker the primary decides when
 * to stop (SIGTERM goes to the primary; workers ignore it and wait for its message).
 */
export async function runAdmissionServer(options: ServeOptions): Promise<void> {
  if (cluster.isPrimary && options.workers > 1) return runPrimary(options);
  const settings = await options.loadSettings();
  const namespaces = options.openNamespaces();
  const running = await startAdmissionProcess(options, settings, namespaces);
  if (cluster.isWorker) {
    // The primary coordinates shutdown; a signal sent to the whole process group must not kill workers early.
    const ignore = () => {};
    process.on('SIGTERM', ignore);
    process.on('SIGINT', ignore);
    process.on('message', (message: any) => {
      if (message?.type === SHUTDOWN_MESSAGE) void running.shutdown('primary asked');
    });
    process.once('disconnect', () => void running.shutdown('primary went away'));
  } else if (options.handleSignals !== false) {
    const off = onSignals((signal) => void running.shutdown(signal));
    void running.closed.then(off);
  }
  await running.closed;
}

async function runPrimary(options: ServeOptions): Promise<void> {
  const { logger } = options;
  // Fail before forking when the configuration is unusable.
  await options.loadSettings();
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: any) => {
      if (message?.type !== METRICS_REQUEST) return;
      clusterMetricsText(aggregator).then(
        (text) => worker.send({ type: METRICS_RESPONSE, id: message.id, text }),
        (error) => worker.send({ type: METRICS_RESPONSE, id: message.id, error: errorMessage(error) }),
      );
    });
    return worker;
  };
  for (let i = 0; i < options.workers; i++) fork();
  const allExited = () => Object.keys(cluster.workers ?? {}).length === 0;
  let wakeWhenExited: (() => void) | undefined;
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) {
      if (allExited()) wakeWhenExited?.();
      return;
    }
    logger.error('worker exited unexpectedly; starting a new one', { worker: worker.id, code, signal });
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });

  let metricsServer: HttpServer | undefined;
  if (options.metricsPort) {
    metricsServer = createHttpServer(metricsListener(() => clusterMetricsText(aggregator), logger));
    const port = await listen(metricsServer, options.metricsPort, options.host);
    logger.info('metrics listening', { port, workers: options.workers });
  }

  await new Promise<void>((resolve) => {
    const off = onSignals((signal) => {
      if (stopping) return;
      stopping = true;
      off();
      logger.info('shutting down workers', { signal, workers: Object.keys(cluster.workers ?? {}).length });
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ type: SHUTDOWN_MESSAGE });
      metricsServer?.close();
      wakeWhenExited = resolve;
      if (allExited()) resolve();
      // Workers that hang past their own deadlines are stopped.
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        resolve();
      }, options.shutdownDelayMs + options.drainTimeoutMs + 5000).unref();
    });
  });
  logger.info('stopped');
}
