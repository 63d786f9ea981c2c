/**
 * The live-cluster edge of the scanner: kubeconfig (kubectl's precedence and merge rules), API discovery, and
 * paged lists of every listable resource as raw JSON, so fields newer than client-node's models survive. Secrets
 * are cut down to metadata and type as they are read; forbidden or failing kinds become diagnostics.
 */
import { markClusterScoped } from '../core/k8s/object.js';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import type { ScanInput } from '../cli/commands/scan.js';
import { ErrorCodes, UsageError } from '../core/errors.js';
import type { Diagnostic } from '../core/finding.js';
import type { K8sObject } from '../core/k8s/object.js';

/** The error codes of cluster problems (docs/errors.md). */
export const ClusterCodes = {
  KUBECONFIG: ErrorCodes.KUBECONFIG,
  UNREACHABLE: ErrorCodes.CLUSTER_UNREACHABLE,
  NOT_LISTED: ErrorCodes.CLUSTER_NOT_LISTED,
  REPORTS_APPLY: ErrorCodes.REPORTS_APPLY,
} as const;

type Env = Readonly<Record<string, string | undefined>>;

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ConnectOptions {
  /** `--kubeconfig`: one file, beats $KUBECONFIG. */
  kubeconfig?: string;
  /** `--context`: beats the kubeconfig's current-context. */
  context?: string;
  env: Env;
  /** Where an in-cluster pod finds its ServiceAccount token and CA; tests point it elsewhere. */
  serviceAccountDir?: string;
  /** Resolves a relative --kubeconfig. */
  cwd?: string;
}

/** A resolved kubeconfig: which context, which server, and where the configuration came from. */
export interface ClusterConnection {
  kubeConfig: KubeConfig;
  context: string;
  server: string;
  /** `--kubeconfig /x`, `KUBECONFIG`, `~/.kube/config` or `in-cluster`. */
  origin: string;
}

function kubeconfigError(message: string): UsageError {
  return new UsageError(ClusterCodes.KUBECONFIG, message);
}

interface LoadedFile {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext?: string;
}

function loadFile(file: string): LoadedFile {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (error) {
    throw kubeconfigError(`${file}: not a usable kubeconfig: ${(error as Error).message}`);
  }
  return { clusters: kc.getClusters(), users: kc.getUsers(), contexts: kc.getContexts(), currentContext: kc.getCurrentContext() || undefined };
}

/** kubectl's merge: the first file to set a cluster, user or context name, or current-context, wins. */
function mergeFiles(files: readonly string[]): LoadedFile {
  const merged: LoadedFile = { clusters: [], users: [], contexts: [] };
  for (const file of files) {
    const loaded = loadFile(file);
    const addNew = <T extends { name: string }>(target: T[], entries: T[]) => {
      for (const entry of entries) if (!target.some((existing) => existing.name === entry.name)) target.push(entry);
    };
    addNew(merged.clusters, loaded.clusters);
    addNew(merged.users, loaded.users);
    addNew(merged.contexts, loaded.contexts);
    merged.currentContext ??= loaded.currentContext;
  }
  return merged;
}

function inClusterConfig(env: Env, dir: string): LoadedFile | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = path.join(dir, 'token');
  if (!host || !port || !existsSync(tokenFile)) return undefined;
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    clusters: [{ name: 'in-cluster', server, caFile: path.join(dir, 'ca.crt'), skipTLSVerify: false }],
    // A token file, re-read every minute by client-node: projected tokens rotate.
    users: [{ name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile } } } as User],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster' }],
    currentContext: 'in-cluster',
  };
}

/**
 * Finds and checks the kubeconfig the way kubectl does: --kubeconfig, else every file of $KUBECONFIG (missing ones
 * skipped), else ~/.kube/config, else the in-cluster ServiceAccount. Never falls back to localhost:8080: when
 * nothing is found, or the chosen context is incomplete, it throws a UsageError that says what to do.
 */
export function loadKubeConfig(options: ConnectOptions): ClusterConnection {
  const { env } = options;
  let loaded: LoadedFile | undefined;
  let origin: string;
  if (options.kubeconfig) {
    const file = path.resolve(options.cwd ?? process.cwd(), options.kubeconfig);
    if (!existsSync(file)) throw kubeconfigError(`--kubeconfig ${options.kubeconfig}: no such file`);
    loaded = mergeFiles([file]);
    origin = `--kubeconfig ${options.kubeconfig}`;
  } else if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(path.delimiter).filter((file) => file !== '' && existsSync(file));
    if (files.length === 0) throw kubeconfigError(`KUBECONFIG=${env.KUBECONFIG} names no existing file`);
    loaded = mergeFiles(files);
    origin = 'KUBECONFIG';
  } else {
    const home = env.HOME ?? env.USERPROFILE;
    const defaultFile = home ? path.join(home, '.kube', 'config') : undefined;
    if (defaultFile && existsSync(defaultFile)) {
      loaded = mergeFiles([defaultFile]);
      origin = '~/.kube/config';
    } else {
      loaded = inClusterConfig(env, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
      origin = 'in-cluster';
    }
  }
  if (!loaded) {
    throw kubeconfigError('no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config (kubeward never falls back to localhost:8080)');
  }

  const contextName = options.context ?? loaded.currentContext;
  const contextNames = loaded.contexts.map((c) => c.name).join(', ') || 'none';
  if (!contextName) throw kubeconfigError(`the kubeconfig (${origin}) sets no current-context; pass --context (contexts: ${contextNames})`);
  const context = loaded.contexts.find((c) => c.name === contextName);
  if (!context) throw kubeconfigError(`context "${contextName}" is not in the kubeconfig (${origin}; contexts: ${contextNames})`);
  const cluster = loaded.clusters.find((c) => c.name === context.cluster);
  if (!cluster) throw kubeconfigError(`context "${contextName}" names cluster "${context.cluster}", which the kubeconfig does not define`);
  if (context.user && !loaded.users.some((u) => u.name === context.user)) {
    throw kubeconfigError(`context "${contextName}" names user "${context.user}", which the kubeconfig does not define`);
  }
  if (!/^https?:\/\//.test(cluster.server)) throw kubeconfigError(`cluster "${cluster.name}" has no usable server URL ("${cluster.server}")`);
  // Plain http (kubectl proxy) has no TLS to verify; client-node refuses http unless told to skip verification.
  const clusters = loaded.clusters.map((c) => (c.name === cluster.name && c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c));

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({ clusters, users: loaded.users, contexts: loaded.contexts, currentContext: contextName });
  return { kubeConfig, context: contextName, server: cluster.server, origin };
}

export interface ApiResponse {
  status: number;
  body: any;
  contentType: string;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  accept?: string;
  contentType?: string;
}

/** Raw JSON over the kubeconfig's transport and credentials (exec plugins, tokens, client certificates). */
export interface ApiClient {
  connection: ClusterConnection;
  request(method: string, apiPath: string, options?: RequestOptions): Promise<ApiResponse>;
  close(): void;
}

/** A network or TLS failure: no HTTP status at all. */
export class TransportError extends Error {}

export function createApiClient(connection: ClusterConnection, options: { maxSockets?: number } = {}): ApiClient {
  const { kubeConfig, server } = connection;
  const plainHttp = server.startsWith('http:');
  const proxied = Boolean(kubeConfig.getCurrentCluster()?.proxyUrl);
  let agent: http.Agent | undefined;
  let agentIdentity = '';
  // Replaced agents may still carry requests in flight; they are closed with the client.
  const retiredAgents: http.Agent[] = [];

  /** One keep-alive agent for all requests, rebuilt only when an exec plugin hands out a new client certificate. */
  function sharedAgent(opts: https.RequestOptions): http.Agent | undefined {
    if (proxied) return opts.agent as http.Agent | undefined;
    const identity = `${String(opts.cert ?? '')}|${String(opts.key ?? '')}`;
    if (!agent || identity !== agentIdentity) {
      if (agent) retiredAgents.push(agent);
      agentIdentity = identity;
      agent = plainHttp
        ? new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 })
        : new https.Agent({
            keepAlive: true,
            maxSockets: options.maxSockets ?? 8,
            ...(opts.ca ? { ca: opts.ca } : {}),
            ...(opts.cert ? { cert: opts.cert } : {}),
            ...(opts.key ? { key: opts.key } : {}),
            ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
            ...(opts.servername ? { servername: opts.servername } : {}),
          });
    }
    return agent;
  }

  /**
   * The kubeconfig's credentials, applied once and shared by all requests until the server answers 401. client-node
   * re-runs an exec plugin on every request when its credential has no expiry; kubectl (client-go) caches it, and
   * so does this, so a scan of fifty lists does not start `aws eks get-token` fifty times.
   */
  let credentials: Promise<https.RequestOptions> | undefined;
  function applyCredentials(): Promise<https.RequestOptions> {
    credentials ??= (async () => {
      const opts: https.RequestOptions = { headers: {} };
      try {
        await kubeConfig.applyToHTTPSOptions(opts);
      } catch (error) {
        credentials = undefined;
        throw kubeconfigError(`cannot use the credentials of context "${connection.context}": ${(error as Error).message}`);
      }
      return opts;
    })();
    return credentials;
  }

  function send(url: URL, method: string, headers: http.OutgoingHttpHeaders, body: Buffer | undefined, auth: https.RequestOptions): Promise<ApiResponse> {
    const requestAgent = sharedAgent(auth);
    return new Promise<ApiResponse>((resolve, reject) => {
      const transport = plainHttp ? http : https;
      const req = transport.request(url, { method, headers, ...(auth.auth ? { auth: auth.auth } : {}), ...(requestAgent ? { agent: requestAgent } : {}), timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new TransportError(error.message)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = String(res.headers['content-type'] ?? '');
          let parsed: unknown = text;
          if (contentType.includes('json') || /^\s*[{[]/.test(text)) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, contentType });
        });
      });
      req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
      req.on('error', (error) => reject(new TransportError(error.message)));
      if (body) req.write(body);
      req.end();
    });
  }

  async function request(method: string, apiPath: string, requestOptions: RequestOptions = {}): Promise<ApiResponse> {
    const url = new URL(`${server}${apiPath}`);
    for (const [key, value] of Object.entries(requestOptions.query ?? {})) if (value !== undefined && value !== '') url.searchParams.set(key, value);
    const body = requestOptions.body === undefined ? undefined : Buffer.from(JSON.stringify(requestOptions.body));
    const headers = {
      Accept: requestOptions.accept ?? 'application/json',
      'User-Agent': 'kubeward',
      ...(body ? { 'Content-Type': requestOptions.contentType ?? 'application/json', 'Content-Length': String(body.length) } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      const used = applyCredentials();
      const auth = await used;
      const response = await send(url, method, { ...headers, ...(auth.headers as http.OutgoingHttpHeaders) }, body, auth);
      if (response.status !== 401 || attempt > 0) return response;
      // Expired credentials: apply them afresh (re-running an exec plugin) and try once more.
      if (credentials === used) credentials = undefined;
    }
  }

  return {
    connection,
    request,
    close: () => {
      for (const retired of retiredAgents) retired.destroy();
      agent?.destroy();
    },
  };
}

/** The reason and message of a Status error body, or the HTTP status when the body is not a Status. */
export function statusText(response: ApiResponse): { reason: string; message: string } {
  const body = response.body;
  if (body && typeof body === 'object' && body.kind === 'Status') {
    return { reason: String(body.reason ?? response.status), message: String(body.message ?? '') };
  }
  return { reason: `HTTP ${response.status}`, message: typeof body === 'string' ? body.slice(0, 200) : '' };
}

/** One listable resource at its group's preferred version, from discovery. */
export interface ApiResource {
  group: string;
  version: string;
  /** Plural: `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

/** `deployments.apps`, `secrets`: how kubectl names a resource. */
export function qualifiedResource(resource: Pick<ApiResource, 'group' | 'resource'>): string {
  return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

export function apiVersionOf(resource: Pick<ApiResource, 'group' | 'version'>): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

const AGGREGATED_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

function unreachable(connection: ClusterConnection, detail: string): UsageError {
  return new UsageError(ClusterCodes.UNREACHABLE, `cannot reach the cluster of context "${connection.context}" at ${connection.server}: ${detail}`);
}

/** A discovery request whose failure means the cluster cannot be scanned at all. */
async function requiredDiscovery(client: ApiClient, apiPath: string, accept: string): Promise<ApiResponse> {
  let response: ApiResponse;
  try {
    response = await client.request('GET', apiPath, { accept });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw unreachable(client.connection, (error as Error).message);
  }
  const where = `the cluster of context "${client.connection.context}" at ${client.connection.server}`;
  if (response.status === 401) throw new UsageError(ClusterCodes.UNREACHABLE, `${where} rejected the credentials (401 Unauthorized)`);
  if (response.status !== 200) {
    const { reason, message } = statusText(response);
    throw new UsageError(ClusterCodes.UNREACHABLE, `${where} refused discovery: GET ${apiPath} answered ${response.status} ${reason}${message ? `: ${message}` : ''}`);
  }
  return response;
}

function fromResourceList(group: string, version: string, list: any): ApiResource[] {
  return (Array.isArray(list?.resources) ? list.resources : [])
    .filter((r: any) => typeof r?.name === 'string' && !r.name.includes('/'))
    .map((r: any) => ({ group, version, resource: r.name, kind: String(r.kind), namespaced: Boolean(r.namespaced), verbs: Array.isArray(r.verbs) ? r.verbs : [] }));
}

function fromAggregated(list: any): ApiResource[] {
  const resources: ApiResource[] = [];
  for (const item of Array.isArray(list?.items) ? list.items : []) {
    const group = String(item?.metadata?.name ?? '');
    // Versions come preferred first.
    const preferred = Array.isArray(item?.versions) ? item.versions[0] : undefined;
    if (!preferred) continue;
    for (const r of Array.isArray(preferred.resources) ? preferred.resources : []) {
      if (typeof r?.resource !== 'string') continue;
      resources.push({
        group,
        version: String(preferred.version),
        resource: r.resource,
        kind: String(r.responseKind?.kind ?? ''),
        namespaced: r.scope === 'Namespaced',
        verbs: Array.isArray(r.verbs) ? r.verbs : [],
      });
    }
  }
  return resources;
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Every resource of the core group and of every named group (CRDs and aggregated APIs included), at each group's
 * preferred version. Uses aggregated discovery when the server offers it (two requests), else the legacy
 * documents (one per group). A group that fails to answer is a warning; the rest is still scanned.
 */
export async function discoverResources(client: ApiClient, concurrency = 4): Promise<{ resources: ApiResource[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const core = await requiredDiscovery(client, '/api', AGGREGATED_ACCEPT);
  const groups = await requiredDiscovery(client, '/apis', AGGREGATED_ACCEPT);
  const resources: ApiResource[] = [];
  for (const response of [core, groups]) {
    if (response.contentType.includes('as=APIGroupDiscoveryList')) {
      resources.push(...fromAggregated(response.body));
      continue;
    }
    const groupVersions: Array<{ group: string; version: string }> = response === core
      ? (Array.isArray(core.body?.versions) ? core.body.versions : []).filter((v: unknown) => v === 'v1').map((version: string) => ({ group: '', version }))
      : (Array.isArray(groups.body?.groups) ? groups.body.groups : [])
          .map((g: any) => ({ group: String(g.name), version: String(g.preferredVersion?.version ?? g.versions?.[0]?.version ?? '') }))
          .filter((g: { version: string }) => g.version !== '');
    const lists = await mapConcurrent(groupVersions, concurrency, async ({ group, version }) => {
      const apiPath = group ? `/apis/${group}/${version}` : `/api/${version}`;
      try {
        const answer = await client.request('GET', apiPath);
        if (answer.status === 200) return fromResourceList(group, version, answer.body);
        const { reason, message } = statusText(answer);
        diagnostics.push({ level: 'warning', code: ClusterCodes.NOT_LISTED, message: `could not discover ${apiVersionOf({ group, version })}: ${reason}; its resources were not checked`, ...(message ? { cause: message } : {}) });
      } catch (error) {
        if (error instanceof UsageError) throw error;
        diagnostics.push({ level: 'warning', code: ClusterCodes.NOT_LISTED, message: `could not discover ${apiVersionOf({ group, version })}: ${(error as Error).message}` });
      }
      return [];
    });
    resources.push(...lists.flat());
  }
  return { resources, diagnostics };
}

/**
 * Resources that are listable but not scanned: events are high-volume records of what happened, not configuration,
 * in two groups; componentstatuses is deprecated and computed, not stored; policy reports are scan results (kubeward's
 * own among them: scanning them would make every --apply-reports run report on the previous one).
 */
export const UNSCANNED_RESOURCES = new Set([
  'events', 'events.events.k8s.io', 'componentstatuses',
  'policyreports.wgpolicyk8s.io', 'clusterpolicyreports.wgpolicyk8s.io', 'reports.openreports.io', 'clusterreports.openreports.io',
]);

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object as kubeward keeps it: apiVersion and kind set from the list (list items from built-in APIs carry
 * neither), managedFields dropped (bookkeeping, often larger than the object). A Secret keeps only its metadata
 * and type, and loses the last-applied annotation (a copy of its data), so that no value can reach any output.
 */
export function normaliseListItem(item: any, resource: ApiResource): K8sObject {
  const metadata = { ...(item?.metadata ?? {}) };
  delete metadata.managedFields;
  const apiVersion = apiVersionOf(resource);
  if (resource.group === '' && resource.resource === 'secrets') {
    if (metadata.annotations && LAST_APPLIED in metadata.annotations) {
      const { [LAST_APPLIED]: _dropped, ...annotations } = metadata.annotations;
      metadata.annotations = annotations;
    }
    return { apiVersion, kind: resource.kind, metadata, ...(item?.type !== undefined ? { type: item.type } : {}), ...(item?.immutable !== undefined ? { immutable: item.immutable } : {}) };
  }
  const object: K8sObject = { ...item, apiVersion, kind: resource.kind, metadata };
  if (!resource.namespaced) markClusterScoped(object);
  return object;
}

/** Why a list failed: the HTTP status (0 for a network error), the Status reason and message. */
export class ListError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly detail: string,
  ) {
    super(detail || reason);
  }
}

export interface ListScope {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  pageSize?: number;
  /** How often a list restarts after its continue token expired (410 Gone) before giving up. */
  maxRestarts?: number;
}

/**
 * All objects of one resource, page by page (`limit`/`continue`). A 410 Gone on a continue token means the
 * snapshot was compacted: the list starts over, at most `maxRestarts` times, so nothing is lost or doubled.
 */
export async function listResource(client: ApiClient, resource: ApiResource, scope: ListScope = {}): Promise<K8sObject[]> {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const apiPath = `${base}${scope.namespace && resource.namespaced ? `/namespaces/${encodeURIComponent(scope.namespace)}` : ''}/${resource.resource}`;
  const maxRestarts = scope.maxRestarts ?? 3;
  let restarts = 0;
  let items: K8sObject[] = [];
  let continueToken: string | undefined;
  for (;;) {
    let response: ApiResponse;
    try {
      response = await client.request('GET', apiPath, {
        query: { limit: String(scope.pageSize ?? 500), continue: continueToken, labelSelector: scope.labelSelector, fieldSelector: scope.fieldSelector },
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new ListError(0, 'network error', (error as Error).message);
    }
    if (response.status === 410 && continueToken !== undefined && restarts < maxRestarts) {
      restarts++;
      items = [];
      continueToken = undefined;
      continue;
    }
    if (response.status !== 200) {
      const { reason, message } = statusText(response);
      throw new ListError(response.status, reason, message);
    }
    for (const item of Array.isArray(response.body?.items) ? response.body.items : []) items.push(normaliseListItem(item, resource));
    continueToken = response.body?.metadata?.continue || undefined;
    if (!continueToken) return items;
  }
}

export interface ClusterProgress {
  /** Resources listed so far, and how many there are. */
  done: number;
  total: number;
  objects: number;
  /** The resource that just finished: `deployments.apps`. */
  resource: string;
}

export interface ReadClusterOptions extends ConnectOptions {
  /** `-n`: namespaced resources of this namespace, plus the Namespace object itself. */
  namespace?: string;
  /** `-A`: every namespace (also the default when -n is not given). */
  allNamespaces?: boolean;
  /** `-l`: passed to every list as `labelSelector`. */
  labelSelector?: string;
  onProgress?: (progress: ClusterProgress) => void;
  /** Lists in flight at once (default 4). */
  concurrency?: number;
  /** Objects per page (default 500, as kubectl). */
  pageSize?: number;
}

const FORBIDDEN_HINT = 'kubeward scan --print-rbac prints the ClusterRole a scan needs';

function listDiagnostic(resource: ApiResource, error: ListError): Diagnostic {
  const name = qualifiedResource(resource);
  const status = error.status === 403 ? 'forbidden' : error.status === 0 ? error.detail : `${error.status} ${error.reason}`;
  return {
    level: 'warning',
    code: ClusterCodes.NOT_LISTED,
    message: `could not list ${name}: ${status}; ${resource.kind} objects were not checked${error.status === 403 ? ` (${FORBIDDEN_HINT})` : ''}`,
    ...(error.status !== 0 && error.detail ? { cause: error.detail } : {}),
  };
}

/**
 * Reads what the scan checks from a live cluster. Lists run `concurrency` at a time; every page is cut down to the
 * objects kept (see normaliseListItem) before the next is fetched, so memory grows with the objects only.
 */
export async function readClusterObjects(options: ReadClusterOptions): Promise<ScanInput> {
  if (options.namespace && options.allNamespaces) throw new UsageError(ErrorCodes.USAGE, '-n/--namespace and -A/--all-namespaces exclude each other');
  const connection = loadKubeConfig(options);
  const concurrency = options.concurrency ?? 4;
  const client = createApiClient(connection, { maxSockets: concurrency });
  try {
    const discovered = await discoverResources(client, concurrency);
    const diagnostics = [...discovered.diagnostics];
    const namespace = options.namespace;
    const selected = discovered.resources.filter((r) =>
      r.verbs.includes('list') &&
      !UNSCANNED_RESOURCES.has(qualifiedResource(r)) &&
      (namespace === undefined || r.namespaced || (r.group === '' && r.resource === 'namespaces')));
    let objects = 0;
    let done = 0;
    const lists = await mapConcurrent(selected, concurrency, async (resource) => {
      const isNamespaceList = resource.group === '' && resource.resource === 'namespaces';
      try {
        const items = await listResource(client, resource, {
          ...(namespace !== undefined ? (isNamespaceList ? { fieldSelector: `metadata.name=${namespace}` } : { namespace }) : {}),
          ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
          ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        });
        objects += items.length;
        return items;
      } catch (error) {
        if (!(error instanceof ListError)) throw error;
        if (error.status === 400 && options.labelSelector) {
          throw new UsageError(ErrorCodes.USAGE, `--selector ${options.labelSelector}: ${error.detail || error.reason}`);
        }
        diagnostics.push(listDiagnostic(resource, error));
        return [];
      } finally {
        done++;
        options.onProgress?.({ done, total: selected.length, objects, resource: qualifiedResource(resource) });
      }
    });
    return {
      objects: lists.flat(),
      // Lists finish in any order; sorted, the same cluster gives the same report.
      diagnostics: diagnostics.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)),
      locate: () => undefined,
      source: { type: 'cluster', paths: [], files: [], context: connection.context },
    };
  } finally {
    client.close();
  }
}
