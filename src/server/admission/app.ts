/**
 * The webhook as a request handler, built by a factory and never listening: `POST /validate` (AdmissionReview
 * admission.k8s.io/v1 or v1beta1 in, the same apiVersion out), `/healthz`, `/readyz` and `/metrics`. Tests call
 * `handle()` without a socket; main.ts feeds it from node:https. A body that is not an AdmissionReview gets a 400
 * with a Kubernetes Status; anything inside a valid review is answered with a well-formed response.
 */
import type { AdmissionEvaluator } from './evaluate.js';
import { errorMessage, silentLogger, type Logger } from './log.js';
import { METRICS_CONTENT_TYPE, type AdmissionMetrics, type BadRequestReason } from './metrics.js';

export interface HttpRequest {
  method: string;
  /** Path and query, e.g. `/validate?timeout=5s` (the API server appends the timeout). */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  /** Monotonic ms when the request started arriving; the latency metric counts from here. */
  startedAt?: number;
  /** The TLS client's certificate, when the server asks for one (`--client-ca`). */
  client?: ClientIdentity;
}

export interface ClientIdentity {
  /** The certificate was presented and verifies against the client CA. */
  verified: boolean;
  /** Its subject common name and DNS subject alternative names. */
  names: readonly string[];
  /** Why it does not verify (OpenSSL's reason), or that there was none. */
  error?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AdmissionApp {
  handle(request: HttpRequest): Promise<HttpResponse>;
  /**
   * The answer to a request that will be refused whatever its body (a client certificate the path needs and the
   * connection lacks), so that the transport answers before reading the body; undefined otherwise.
   */
  refuseBeforeBody(request: Omit<HttpRequest, 'body'>): HttpResponse | undefined;
}

export interface AdmissionAppDeps {
  evaluator: AdmissionEvaluator;
  /** Readiness: false until the namespace cache has synced, and again once draining has begun. */
  ready(): boolean;
  metrics?: AdmissionMetrics;
  /** The text `/metrics` serves; defaults to this process's registry (with --workers: the primary's sum). */
  metricsText?(): Promise<string>;
  logger?: Logger;
  /** Larger bodies get a 413 (main.ts stops reading them early). */
  maxBodyBytes?: number;
  monotonicMs?: () => number;
  /**
   * With `--client-ca`: `/validate` and `/metrics` answer only clients whose certificate verifies, and, when `names`
   * is not empty, whose common name or a DNS name is one of them. `/healthz` and `/readyz` stay open for the kubelet.
   */
  clientAuth?: { names: readonly string[] };
}

/** 6 MiB: an object may be 3 MiB (etcd's limit is 1.5 MiB) and an UPDATE carries it twice. */
export const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;

export const REVIEW_API_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;

/** The answer's opening per apiVersion (the version is one of REVIEW_API_VERSIONS), so only the response is serialised. */
const REVIEW_PREFIXES = new Map(REVIEW_API_VERSIONS.map((version) => [version as string, `{"apiVersion":${JSON.stringify(version)},"kind":"AdmissionReview","response":`]));

/** A request kubeward refuses before evaluating: rendered as a Kubernetes Status with this HTTP code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: BadRequestReason,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain; charset=utf-8' };
const STATUS_REASONS: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 408: 'Timeout', 413: 'RequestEntityTooLarge' };

/** The one place an HttpError becomes a response. */
export function errorResponse(error: HttpError): HttpResponse {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: error.message, reason: STATUS_REASONS[error.status] ?? 'BadRequest', code: error.status };
  return { status: error.status, headers: { ...JSON_TYPE }, body: JSON.stringify(status) };
}

interface Envelope {
  apiVersion: string;
  uid: string;
  request: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks what must hold to answer at all: the review's apiVersion and kind, and a request with a uid to echo. */
export function readEnvelope(body: Buffer): Envelope {
  let review: unknown;
  try {
    review = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `the body is not JSON: ${errorMessage(error)}`);
  }
  if (!isRecord(review)) throw new HttpError(400, 'invalid_review', 'the body is not an AdmissionReview object');
  if (review.kind !== 'AdmissionReview') throw new HttpError(400, 'invalid_review', `expected kind AdmissionReview, got ${JSON.stringify(review.kind) ?? 'none'}`);
  if (typeof review.apiVersion !== 'string' || !(REVIEW_API_VERSIONS as readonly string[]).includes(review.apiVersion)) {
    throw new HttpError(400, 'invalid_review', `unsupported AdmissionReview apiVersion ${JSON.stringify(review.apiVersion) ?? 'none'} (expected ${REVIEW_API_VERSIONS.join(' or ')})`);
  }
  const request = review.request;
  if (!isRecord(request)) throw new HttpError(400, 'invalid_review', 'the AdmissionReview has no request');
  if (typeof request.uid !== 'string' || request.uid === '') throw new HttpError(400, 'invalid_review', 'the AdmissionReview request has no uid to answer');
  return { apiVersion: review.apiVersion, uid: request.uid, request };
}

/** Throws a 403 unless the client may call a protected path (see AdmissionAppDeps.clientAuth). */
export function authorizeClient(client: ClientIdentity | undefined, names: readonly string[]): void {
  if (!client?.verified) {
    throw new HttpError(403, 'forbidden', `a client certificate signed by the configured client CA is required${client?.error ? ` (${client.error})` : ''}`);
  }
  if (names.length > 0 && !client.names.some((name) => names.includes(name))) {
    const presented = client.names.length > 0 ? client.names.map((name) => JSON.stringify(name)).join(', ') : 'no name';
    throw new HttpError(403, 'forbidden', `the client certificate (${presented}) is not one of the allowed names`);
  }
}

const GO_DURATION_UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ns: 1e-6 };

/** A Go duration (`10s`, `1m0s`, `1.5s`, `500ms`) in ms, as the API server writes its timeout; undefined if it is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(h|ms|m|s|us|µs|μs|ns)/y;
  let total = 0;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * GO_DURATION_UNIT_MS[match[2]];
    index = part.lastIndex;
  }
  return index === 0 ? undefined : total;
}

/** The `timeout` the API server appends to the webhook URL (how long it waits for this answer), in ms. */
export function apiServerTimeoutMs(url: string): number | undefined {
  const query = url.indexOf('?');
  const value = query === -1 ? null : new URLSearchParams(url.slice(query + 1)).get('timeout');
  return value === null ? undefined : parseGoDuration(value);
}

/** The paths that answer only verified clients when client certificates are required. */
const CLIENT_AUTH_PATHS = new Set(['/validate', '/metrics']);

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function createAdmissionApp(deps: AdmissionAppDeps): AdmissionApp {
  const logger = deps.logger ?? silentLogger;
  const monotonicMs = deps.monotonicMs ?? (() => performance.now());
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const metricsText = deps.metricsText ?? (deps.metrics ? () => deps.metrics!.registry.metrics() : async () => '');
  // An API server sends the same URL (and timeout) every time: parse it once.
  let lastUrl: string | undefined;
  let lastTimeoutMs: number | undefined;
  const timeoutOf = (url: string) => {
    if (url !== lastUrl) {
      lastUrl = url;
      lastTimeoutMs = apiServerTimeoutMs(url);
    }
    return lastTimeoutMs;
  };
  /** Throws the 403 for a client that may not call `path`. */
  const authorize = (path: string, client: ClientIdentity | undefined) => {
    if (deps.clientAuth && CLIENT_AUTH_PATHS.has(path)) authorizeClient(client, deps.clientAuth.names);
  };
  /** The one place a refused request is counted, logged and answered. */
  const refused = (error: HttpError): HttpResponse => {
    deps.metrics?.badRequest(error.reason);
    logger.debug('bad request', { status: error.status, reason: error.reason, error: error.message });
    return errorResponse(error);
  };

  async function validate(request: HttpRequest): Promise<HttpResponse> {
    const startedAt = request.startedAt ?? monotonicMs();
    if (request.body.length > maxBodyBytes) throw new HttpError(413, 'too_large', `the body is larger than ${maxBodyBytes} bytes`);
    const envelope = readEnvelope(request.body);
    const timeoutMs = timeoutOf(request.url);
    const result = await deps.evaluator.evaluate(envelope.request, envelope.uid, timeoutMs === undefined ? undefined : { timeLeftMs: timeoutMs - (monotonicMs() - startedAt) });
    const { input, response, decision } = result;
    const seconds = (monotonicMs() - startedAt) / 1000;
    deps.metrics?.observeRequest(input?.operation ?? (typeof envelope.request.operation === 'string' ? envelope.request.operation : 'other'), input?.kind.kind ?? 'other', decision, input?.dryRun ?? false, seconds);
    for (const error of result.errors) deps.metrics?.evaluationError(error.component);
    for (let i = 0; i < result.policyErrors; i++) deps.metrics?.evaluationError('policy');
    if (decision === 'deny' || result.errors.length > 0 || logger.debugEnabled) {
      const fields = {
        uid: envelope.uid,
        operation: input?.operation,
        kind: input?.kind.kind,
        namespace: input?.namespace,
        name: input?.name,
        user: typeof input?.userInfo.username === 'string' ? input.userInfo.username : undefined,
        dryRun: input?.dryRun,
        decision,
        durationMs: Math.round(seconds * 1e6) / 1e3,
      };
      if (result.errors.length > 0) logger.warn('evaluation failed; decided by the failure mode', { ...fields, errors: result.errors.map((e) => `${e.component}: ${e.message}`) });
      else if (decision === 'deny') logger.info('request denied', { ...fields, reason: response.status?.message.split('\n')[0] });
      else logger.debug('request reviewed', fields);
    }
    return { status: 200, headers: { ...JSON_TYPE }, body: `${REVIEW_PREFIXES.get(envelope.apiVersion)}${JSON.stringify(response)}}` };
  }

  async function route(request: HttpRequest): Promise<HttpResponse> {
    const path = pathOf(request.url);
    const method = request.method.toUpperCase();
    const only = (allowed: string) => {
      if (method !== allowed && !(allowed === 'GET' && method === 'HEAD')) throw new HttpError(405, 'method', `${method} is not allowed on ${path}; use ${allowed}`);
    };
    authorize(path, request.client);
    switch (path) {
      case '/validate':
        only('POST');
        return validate(request);
      case '/healthz':
        only('GET');
        return { status: 200, headers: { ...TEXT_TYPE }, body: 'ok\n' };
      case '/readyz': {
        only('GET');
        const ready = deps.ready();
        return { status: ready ? 200 : 503, headers: { ...TEXT_TYPE }, body: ready ? 'ok\n' : 'not ready\n' };
      }
      case '/metrics':
        only('GET');
        return { status: 200, headers: { 'content-type': METRICS_CONTENT_TYPE }, body: await metricsText() };
      default:
        throw new HttpError(404, 'not_found', `no route ${path}`);
    }
  }

  return {
    refuseBeforeBody(request) {
      try {
        authorize(pathOf(request.url), request.client);
        return undefined;
      } catch (error) {
        if (error instanceof HttpError) return refused(error);
        throw error;
      }
    },
    async handle(request) {
      try {
        return await route(request);
      } catch (error) {
        if (error instanceof HttpError) return refused(error);
        // A bug: the evaluator never throws, so this is the transport or the metrics. Say so without detail.
        logger.error('internal error', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        return { status: 500, headers: { ...JSON_TYPE }, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'internal error', reason: 'InternalError', code: 500 }) };
      }
    },
  };
}
