/**
 * The namespace-label cache the webhook reads Pod Security levels and policy namespace selectors from: labels
 * from a file (`--namespace-labels`, reloaded when the file changes), watched through the Kubernetes API
 * (list + watch with @kubernetes/client-node, re-listed on 410 and restarted with backoff on errors), or none.
 * Lookups are synchronous map reads; only a miss in a cluster goes to the API server.
 */
import { existsSync, statSync, unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { CoreV1Api, ListWatch, Watch, type KubeConfig } from '@kubernetes/client-node';
import { isObject, type K8sObject } from '../../core/k8s/object.js';
import { errorMessage, type Logger } from './log.js';

export interface NamespaceCache {
  /** The Namespace as last seen (name, labels, annotations); undefined when the cache does not know it. */
  get(name: string): K8sObject | undefined;
  /**
   * Asks the source about a namespace the cache does not know (one created a moment ago): undefined when it
   * does not exist. Throws when the source cannot answer.
   */
  fetch(name: string): Promise<K8sObject | undefined>;
  /** False until the first full list has arrived; the webhook is not ready before that. */
  ready(): boolean;
  /** For logs: `file ns.yaml`, `cluster`, `none`. */
  readonly source: string;
  close(): void;
}

export type NamespaceLabels = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** A plain Namespace object; Kubernetes always sets the `kubernetes.io/metadata.name` label, so do we. */
export function namespaceObject(name: string, labels: Readonly<Record<string, unknown>> = {}, annotations?: Readonly<Record<string, unknown>>): K8sObject {
  const stringLabels: Record<string, string> = { 'kubernetes.io/metadata.name': name };
  for (const [key, value] of Object.entries(labels)) stringLabels[key] = String(value);
  const metadata: K8sObject['metadata'] = { name, labels: stringLabels };
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = Object.fromEntries(Object.entries(annotations).map(([k, v]) => [k, String(v)]));
  return { apiVersion: 'v1', kind: 'Namespace', metadata };
}

function objectsOf(labels: NamespaceLabels): Map<string, K8sObject> {
  return new Map(Object.entries(labels).map(([name, value]) => [name, namespaceObject(name, value)]));
}

/** A fixed map; an unknown namespace simply has no labels (its Pod Security level is the configured default). */
export function staticNamespaces(labels: NamespaceLabels, source = 'static'): NamespaceCache & { replace(labels: NamespaceLabels): void } {
  let objects = objectsOf(labels);
  return {
    get: (name) => objects.get(name),
    fetch: async () => undefined,
    ready: () => true,
    source,
    close: () => {},
    replace(next) {
      objects = objectsOf(next);
    },
  };
}

/** No namespace labels at all: every namespace gets the configured Pod Security defaults. */
export function noNamespaces(): NamespaceCache {
  return staticNamespaces({}, 'none');
}

export interface FileWatchOptions {
  /** Reads and parses the file; throws with a message for the log when it is unusable. */
  read: (file: string) => NamespaceLabels;
  logger: Logger;
  /** Polling interval as a fallback to fs.watch (which misses some replacements); default 2 s. */
  pollMs?: number;
}

/**
 * `--namespace-labels FILE`, reloaded when the file changes (watching its folder catches ConfigMap-style
 * symlink swaps; polling catches the rest). A file that no longer parses keeps the last good labels.
 */
export function watchNamespaceFile(file: string, options: FileWatchOptions): NamespaceCache {
  const cache = staticNamespaces(options.read(file), `file ${file}`);
  let lastStamp = stampOf(file);
  const reload = () => {
    const stamp = stampOf(file);
    if (stamp === lastStamp) return;
    try {
      cache.replace(options.read(file));
      lastStamp = stamp;
      options.logger.info('namespace labels reloaded', { file });
    } catch (error) {
      options.logger.error('namespace labels not reloaded: the file is unusable, keeping the previous labels', { file, error: errorMessage(error) });
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(file), { persistent: false }, () => reload());
    watcher.on('error', () => {});
  } catch {
    watcher = undefined;
  }
  watchFile(file, { interval: options.pollMs ?? 2000, persistent: false }, () => reload());
  return {
    get: cache.get,
    fetch: cache.fetch,
    ready: cache.ready,
    source: cache.source,
    close() {
      watcher?.close();
      unwatchFile(file);
    },
  };
}

function stampOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return existsSync(file) ? 'unreadable' : 'missing';
  }
}

export interface ClusterWatchOptions {
  logger: Logger;
  /** Upper bound of the restart backoff after a failed list or watch; default 30 s. */
  maxBackoffMs?: number;
  /** Time allowed for the direct lookup of a namespace the cache misses; default 2 s. */
  fetchTimeoutMs?: number;
}

function fromApi(raw: unknown): K8sObject | undefined {
  if (!isObject(raw) || !isObject(raw.metadata) || typeof raw.metadata.name !== 'string') return undefined;
  const labels = isObject(raw.metadata.labels) ? raw.metadata.labels : {};
  const annotations = isObject(raw.metadata.annotations) ? raw.metadata.annotations : undefined;
  return namespaceObject(raw.metadata.name, labels, annotations);
}

/**
 * Namespaces listed and watched through the API server (RBAC: namespaces get, list, watch). Ready after the
 * first list; a failed watch restarts with exponential backoff, keeping the labels it had.
 */
export function watchClusterNamespaces(kubeConfig: KubeConfig, options: ClusterWatchOptions): NamespaceCache {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const objects = new Map<string, K8sObject>();
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  let synced = false;
  let closed = false;
  let backoffMs = 500;
  let restartTimer: NodeJS.Timeout | undefined;

  const put = (raw: unknown) => {
    const object = fromApi(raw);
    if (object) objects.set(object.metadata!.name!, object);
  };
  const listWatch = new ListWatch(
    '/api/v1/namespaces',
    new Watch(kubeConfig),
    async () => {
      const list = await api.listNamespace();
      objects.clear();
      for (const item of list.items) put(item);
      if (!synced) options.logger.info('namespace cache synced', { namespaces: objects.size });
      synced = true;
      backoffMs = 500;
      return list;
    },
    false,
  );
  listWatch.on('add', put);
  listWatch.on('update', put);
  listWatch.on('delete', (raw: unknown) => {
    const object = fromApi(raw);
    if (object) objects.delete(object.metadata!.name!);
  });
  listWatch.on('error', (error: unknown) => {
    if (closed) return;
    options.logger.warn('namespace watch failed; restarting', { error: errorMessage(error), retryInMs: backoffMs });
    restartTimer = setTimeout(() => {
      void listWatch.start().catch(() => {});
    }, backoffMs);
    restartTimer.unref();
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  });
  void listWatch.start().catch(() => {});

  return {
    get: (name) => objects.get(name),
    async fetch(name) {
      const timeoutMs = options.fetchTimeoutMs ?? 2000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`namespace lookup timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const raw = await Promise.race([api.readNamespace({ name }), timeout]);
        const object = fromApi(raw);
        if (object) objects.set(name, object);
        return object;
      } catch (error) {
        if ((error as { code?: number }).code === 404) return undefined;
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    ready: () => synced,
    source: 'cluster',
    close() {
      closed = true;
      clearTimeout(restartTimer);
      void listWatch.stop();
    },
  };
}
