/**
 * Shared set-up for the webhook tests: certificates made by `kubeward admission certs`, the server started on
 * loopback over real HTTPS, a keep-alive client that trusts the test CA, and AdmissionReviews as the API server
 * sends them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAdmissionSettings, type ServeFlags } from '../../src/cli/commands/admission.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import type { K8sObject } from '../../src/core/k8s/object.js';
import { silentLogger, type Logger } from '../../src/server/admission/log.js';
import { startAdmissionProcess, type RunningServer, type ServeOptions } from '../../src/server/admission/main.js';
import { staticNamespaces, type NamespaceCache } from '../../src/server/admission/namespaces.js';
import type { AdmissionSettings } from '../../src/server/admission/settings.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const POLICY_DIR = path.join(REPO_ROOT, 'policies');

export interface TestCerts {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  ca: string;
  /** What `kubeward admission certs` printed on stdout. */
  caBundle: string;
}

/** Runs `kubeward admission certs` for loopback (127.0.0.1 and localhost). */
export async function makeCerts(dir = mkdtempSync(path.join(tmpdir(), 'kubeward-admission-'))): Promise<TestCerts> {
  const io = memoryIo({ now: () => new Date() });
  const code = await runCli(['admission', 'certs', '--out', dir, '--ip', '127.0.0.1', '--dns', 'localhost', '--days', '2'], io);
  if (code !== 0) throw new Error(`admission certs failed: ${io.err()}`);
  const caFile = path.join(dir, 'ca.crt');
  return { dir, caFile, certFile: path.join(dir, 'tls.crt'), keyFile: path.join(dir, 'tls.key'), ca: readFileSync(caFile, 'utf8'), caBundle: io.out().trim() };
}

/** Every serve flag at its command-line default. */
export const DEFAULT_FLAGS: ServeFlags = {
  tlsCert: '',
  tlsKey: '',
  host: '127.0.0.1',
  port: '0',
  workers: '1',
  policy: [],
  action: [],
  denyAt: 'high',
  warnAt: 'medium',
  failureMode: 'auto',
  exemptNamespace: [],
  exemptUser: [],
  exemptGroup: [],
  exemptRuntimeClass: [],
  selfServiceAccount: 'kubeward',
  timeBudget: '2500ms',
  maxBodyBytes: String(6 * 1024 * 1024),
  shutdownDelay: '0ms',
  drainTimeout: '5s',
  logLevel: 'info',
};

/** Settings exactly as `kubeward admission serve` builds them from these flags. */
export function settingsFrom(flags: Partial<ServeFlags>, cwd = REPO_ROOT): Promise<AdmissionSettings> {
  return loadAdmissionSettings({ ...DEFAULT_FLAGS, ...flags }, memoryIo({ cwd, env: {} }));
}

export interface TestServer {
  running: RunningServer;
  url: string;
  client: HttpsClient;
  close(): Promise<void>;
}

export async function startServer(certs: TestCerts, settings: AdmissionSettings, options: { namespaces?: NamespaceCache; logger?: Logger; serve?: Partial<ServeOptions> } = {}): Promise<TestServer> {
  const namespaces = options.namespaces ?? staticNamespaces({});
  const serveOptions: ServeOptions = {
    tls: { certFile: certs.certFile, keyFile: certs.keyFile },
    host: '127.0.0.1',
    port: 0,
    workers: 1,
    shutdownDelayMs: 0,
    drainTimeoutMs: 2000,
    version: 'test',
    logger: options.logger ?? silentLogger,
    loadSettings: async () => settings,
    openNamespaces: () => namespaces,
    handleSignals: false,
    ...options.serve,
  };
  const running = await startAdmissionProcess(serveOptions, settings, namespaces);
  const client = new HttpsClient(`https://127.0.0.1:${running.port}`, certs.ca);
  return {
    running,
    url: `https://127.0.0.1:${running.port}`,
    client,
    async close() {
      client.close();
      await running.shutdown('test done');
    },
  };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

/** A keep-alive HTTPS client that trusts only the test CA, as the API server trusts only the caBundle. */
export class HttpsClient {
  readonly agent: Agent;

  constructor(
    readonly base: string,
    ca: string,
    options: { keepAlive?: boolean; maxSockets?: number } = {},
  ) {
    this.agent = new Agent({ ca, keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 8 });
  }

  request(method: string, urlPath: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(`${this.base}${urlPath}`, { method, agent: this.agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async review(review: unknown): Promise<any> {
    const result = await this.request('POST', '/validate?timeout=5s', JSON.stringify(review));
    if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${result.body}`);
    return result.json();
  }

  close(): void {
    this.agent.destroy();
  }
}

let counter = 0;

export interface ReviewOptions {
  operation?: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  namespace?: string;
  username?: string;
  groups?: string[];
  oldObject?: K8sObject | null;
  dryRun?: boolean;
  subResource?: string;
  apiVersion?: string;
}

const RESOURCES: Record<string, { group: string; version: string; resource: string }> = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  Service: { group: '', version: 'v1', resource: 'services' },
  Namespace: { group: '', version: 'v1', resource: 'namespaces' },
  ConfigMap: { group: '', version: 'v1', resource: 'configmaps' },
};

/** An AdmissionReview as the API server sends it for `object` (or for `oldObject` on DELETE). */
export function reviewOf(object: K8sObject | null, options: ReviewOptions = {}): any {
  const subject = (object ?? options.oldObject)!;
  const target = RESOURCES[subject.kind] ?? { group: subject.apiVersion.includes('/') ? subject.apiVersion.split('/')[0] : '', version: subject.apiVersion.split('/').pop()!, resource: `${subject.kind.toLowerCase()}s` };
  const namespace = options.namespace ?? (subject.kind === 'Namespace' ? '' : (subject.metadata?.namespace ?? 'shop'));
  const withNamespace = (o: K8sObject | null | undefined) =>
    o && subject.kind !== 'Namespace' ? { ...o, metadata: { ...o.metadata, namespace } } : (o ?? null);
  counter++;
  return {
    apiVersion: options.apiVersion ?? 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      kind: { group: target.group, version: target.version, kind: subject.kind },
      resource: { group: target.group, version: target.version, resource: target.resource },
      requestKind: { group: target.group, version: target.version, kind: subject.kind },
      requestResource: { group: target.group, version: target.version, resource: target.resource },
      ...(options.subResource ? { subResource: options.subResource } : {}),
      name: subject.metadata?.name ?? '',
      namespace,
      operation: options.operation ?? 'CREATE',
      userInfo: { username: options.username ?? 'alice@example.com', uid: 'u-1', groups: options.groups ?? ['developers', 'system:authenticated'] },
      object: withNamespace(object),
      oldObject: withNamespace(options.oldObject ?? null),
      dryRun: options.dryRun ?? false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: options.operation === 'UPDATE' ? 'UpdateOptions' : 'CreateOptions' },
    },
  };
}

export function tempDir(prefix = 'kubeward-admission-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Polls until `check` passes or `timeoutMs` is over; returns the last value. */
export async function eventually<T>(read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
