/**
 * TEST DOUBLE: an in-process Kubernetes API server over HTTPS, faithful enough that `@kubernetes/client-node` and
 * a real `kubectl` accept it, for tests of the cluster scan. It is not a Kubernetes implementation: no admission,
 * no validation beyond names and kinds, no watch, no conversion between versions, no garbage collection.
 * See README.md in this folder for what it serves and how tests drive it.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { K8sObject } from '../../core/k8s/object.js';
import { createTestPki, type KeyPair, type TestPki } from './pki.js';
import { matchesRequirements, parseFieldSelector, parseLabelSelector, SelectorError, type Requirement } from './selectors.js';
import { FakeStore } from './store.js';
import { groupVersionOf, type ServedResource } from './resources.js';
import {
  aggregatedDiscovery, aggregatedVersionRequested, AGGREGATED_V2, AGGREGATED_V2BETA1, apiGroupDocument, apiGroupList, apiResourceList, apiVersions,
} from './discovery.js';

/** Something a user may not do: `{ resource: 'secrets', verbs: ['list'] }`; unset fields match everything. */
export interface DenyRule {
  resource: string;
  group?: string;
  verbs?: string[];
  namespace?: string;
}

/** An RBAC-style grant; `*` matches anything, as in a Role's rules. */
export interface AllowRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/**
 * An authenticated identity. Without `allow`, everything is allowed except what `deny` lists; with `allow`, only
 * what its rules grant (like a ClusterRole bound to the user), minus `deny`.
 */
export interface FakeUser {
  name: string;
  groups?: string[];
  allow?: AllowRule[];
  deny?: DenyRule[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  user?: string;
  status?: number;
}

export interface FakeApiServerOptions {
  objects?: readonly K8sObject[];
  /** Bearer tokens and who they authenticate as. */
  tokens?: Readonly<Record<string, FakeUser>>;
  /** Client-certificate users (CN) that get deny rules; certificates themselves come from `issueClientCert`. */
  certificateUsers?: Readonly<Record<string, Pick<FakeUser, 'allow' | 'deny'>>>;
  /** Answer aggregated discovery when asked (default true); false serves only the legacy documents. */
  aggregatedDiscovery?: boolean;
  /** `/version` gitVersion, default v1.31.2. */
  gitVersion?: string;
  /** Called before a request is handled; tests use it to compact the store in the middle of a paged list. */
  onRequest?: (request: RecordedRequest, server: FakeApiServer) => void;
  /**
   * API groups that behave like a broken aggregated APIService (metrics-server down): 503 on their legacy discovery
   * document and on every request to their resources; aggregated discovery marks them Stale.
   */
  unavailableGroups?: readonly string[];
  /** Reuse a PKI (saves ~100 ms per server). */
  pki?: TestPki;
}

export interface FakeApiServer {
  url: string;
  caCert: string;
  store: FakeStore;
  /** Every request handled so far, in order. */
  requests: RecordedRequest[];
  issueClientCert(user: string, groups?: readonly string[]): KeyPair;
  /** A kubeconfig (YAML) for one user of this server. */
  kubeconfig(user: KubeconfigUser, options?: { context?: string; namespace?: string }): string;
  close(): Promise<void>;
}

export type KubeconfigUser = { token: string } | { clientCert: KeyPair } | { raw: Record<string, unknown> };

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The `Status` body the API server sends with every error. */
function statusBody(error: ApiError): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    reason: error.reason,
    ...(error.details ? { details: error.details } : {}),
    code: error.code,
  };
}

function qualified(resource: ServedResource): string {
  return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

function notFound(resource: ServedResource, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(resource)} "${name}" not found`, { name, group: resource.group, kind: resource.resource });
}

const STALE_CONTINUE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return { rv: parsed.rv, start: parsed.start };
  } catch {
    // falls through to the error below
  }
  throw new ApiError(400, 'BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

/** Fields each resource supports in field selectors, beyond metadata.name and metadata.namespace. */
const FIELD_SELECTORS: Record<string, string[]> = {
  '/pods': ['spec.nodeName', 'spec.serviceAccountName', 'status.phase', 'status.podIP'],
  '/secrets': ['type'],
  '/events': ['involvedObject.kind', 'involvedObject.name', 'involvedObject.namespace', 'reason', 'type'],
  '/nodes': ['spec.unschedulable'],
};

function fieldValue(object: K8sObject, path: string): string {
  let value: unknown = object;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value === undefined || value === null ? '' : String(value);
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function verbFor(method: string, hasName: boolean, query: URLSearchParams): string {
  switch (method) {
    case 'GET': return hasName ? 'get' : query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return hasName ? 'delete' : 'deletecollection';
    default: throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }
}

interface Target {
  resource: ServedResource;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const pki = options.pki ?? createTestPki();
  const store = new FakeStore();
  store.load(options.objects ?? []);
  const requests: RecordedRequest[] = [];
  const aggregatedEnabled = options.aggregatedDiscovery ?? true;
  const gitVersion = options.gitVersion ?? 'v1.31.2';

  const server: Server = createServer({ key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: false });
  let url = '';

  function authenticate(req: IncomingMessage): FakeUser {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const user = options.tokens?.[header.slice('Bearer '.length).trim()];
      if (user) return user;
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    const socket = req.socket as TLSSocket;
    if (socket.authorized) {
      const subject = socket.getPeerCertificate().subject as unknown as Record<string, string | string[]> | undefined;
      const cn = subject?.CN;
      const o = subject?.O;
      if (typeof cn === 'string') {
        return { name: cn, groups: o === undefined ? [] : Array.isArray(o) ? o : [o], ...(options.certificateUsers?.[cn] ?? {}) };
      }
    }
    throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  }

  function allowed(user: FakeUser, verb: string, group: string, resource: string, namespace: string | undefined): boolean {
    const matches = (list: string[], value: string) => list.includes('*') || list.includes(value);
    if (user.allow && !user.allow.some((rule) => matches(rule.apiGroups, group) && matches(rule.resources, resource) && matches(rule.verbs, verb))) return false;
    return !(user.deny ?? []).some((rule) =>
      rule.resource === resource &&
      (rule.group ?? group) === group &&
      (rule.verbs === undefined || rule.verbs.includes(verb)) &&
      (rule.namespace === undefined || rule.namespace === namespace));
  }

  function authorize(user: FakeUser, verb: string, target: Target): void {
    const { resource, namespace } = target;
    const resourceName = target.subresource ? `${resource.resource}/${target.subresource}` : resource.resource;
    if (allowed(user, verb, resource.group, resourceName, namespace)) return;
    const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    const what = target.name ? `${qualified(resource)} "${target.name}"` : qualified(resource);
    throw new ApiError(403, 'Forbidden', `${what} is forbidden: User "${user.name}" cannot ${verb} resource "${resourceName}" in API group "${resource.group}" ${scope}`, {
      ...(target.name ? { name: target.name } : {}),
      group: resource.group,
      kind: resource.resource,
    });
  }

  /** Maps `/api/v1/...` and `/apis/G/V/...` onto a served resource, or undefined for discovery paths. */
  function resolve(segments: string[]): Target | undefined {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments.length >= 3) {
      group = '';
      version = segments[1];
      rest = segments.slice(2);
    } else if (segments[0] === 'apis' && segments.length >= 4) {
      group = segments[1];
      version = segments[2];
      rest = segments.slice(3);
    } else return undefined;
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const resource = store.findResource(group, rest[0]);
    if (!resource || !resource.versions.includes(version) || rest.length > 3) {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    if (namespace !== undefined && !resource.namespaced) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return { resource, version, ...(namespace !== undefined ? { namespace } : {}), ...(rest[1] ? { name: rest[1] } : {}), ...(rest[2] ? { subresource: rest[2] } : {}) };
  }

  function served(target: Target, object: K8sObject): K8sObject {
    return { ...object, apiVersion: groupVersionOf(target.resource.group, target.version), kind: target.resource.kind };
  }

  function list(target: Target, query: URLSearchParams): object {
    const { resource } = target;
    let labelRequirements: Requirement[] = [];
    let fieldRequirements: Requirement[] = [];
    try {
      labelRequirements = parseLabelSelector(query.get('labelSelector') ?? '');
      fieldRequirements = parseFieldSelector(query.get('fieldSelector') ?? '', ['metadata.name', 'metadata.namespace', ...(FIELD_SELECTORS[`${resource.group}/${resource.resource}`] ?? [])]);
    } catch (error) {
      if (error instanceof SelectorError) throw new ApiError(400, 'BadRequest', error.message);
      throw error;
    }
    const limit = Number(query.get('limit') ?? 0);
    if (!Number.isInteger(limit) || limit < 0) throw new ApiError(400, 'BadRequest', `invalid limit: ${query.get('limit')}`);
    let listRevision = store.revision;
    let start = '';
    const continueParam = query.get('continue');
    if (continueParam) {
      const token = decodeContinue(continueParam);
      if (token.rv < store.compactedRevision) throw new ApiError(410, 'Expired', STALE_CONTINUE_MESSAGE);
      listRevision = token.rv;
      start = token.start;
    }
    const keyOf = (o: K8sObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    const matching = store
      .list(resource, target.namespace)
      .filter((o) => start === '' || keyOf(o) > start)
      .filter((o) => matchesRequirements(labelRequirements, o.metadata?.labels ?? {}))
      .filter((o) => matchesRequirements(fieldRequirements, Object.fromEntries(
        fieldRequirements.map((r) => [r.key, r.key === 'metadata.namespace' ? (o.metadata?.namespace ?? '') : fieldValue(o, r.key)]),
      )));
    const page = limit > 0 ? matching.slice(0, limit) : matching;
    const more = limit > 0 && matching.length > limit;
    const items = page.map((o) => {
      const item = served(target, o);
      if (resource.builtIn) {
        // Built-in list responses carry apiVersion and kind on the list only, as the real API server's do.
        const { apiVersion: _apiVersion, kind: _kind, ...rest } = item;
        return rest;
      }
      return item;
    });
    const selectorUsed = labelRequirements.length > 0 || fieldRequirements.length > 0;
    return {
      kind: `${resource.kind}List`,
      apiVersion: groupVersionOf(resource.group, target.version),
      metadata: {
        resourceVersion: String(listRevision),
        ...(more ? { continue: encodeContinue({ rv: listRevision, start: keyOf(page[page.length - 1]) }) } : {}),
        ...(more && !selectorUsed ? { remainingItemCount: matching.length - page.length } : {}),
      },
      items,
    };
  }

  function requireObject(body: unknown): K8sObject {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'BadRequest', 'the body of the request was in an unknown format');
    return body as K8sObject;
  }

  function checkKind(target: Target, object: K8sObject): void {
    const expected = groupVersionOf(target.resource.group, target.version);
    if (object.kind !== target.resource.kind || (object.apiVersion !== undefined && object.apiVersion !== expected)) {
      throw new ApiError(400, 'BadRequest', `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected}) or kind ${object.kind} is not ${target.resource.kind}`);
    }
  }

  function create(target: Target, body: unknown, user: FakeUser): { code: number; body: object } {
    const { resource } = target;
    if (resource.group === 'authorization.k8s.io' && resource.resource === 'selfsubjectaccessreviews') {
      return { code: 201, body: selfSubjectAccessReview(requireObject(body), user) };
    }
    if (!resource.verbs.includes('create') || target.name) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const object = requireObject(body);
    checkKind(target, object);
    const metadata = { ...(object.metadata ?? {}) };
    if (!metadata.name && metadata.generateName) metadata.name = `${metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
    if (!metadata.name) throw new ApiError(422, 'Invalid', `${resource.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    if (resource.namespaced) {
      if (metadata.namespace && metadata.namespace !== target.namespace) {
        throw new ApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      }
      metadata.namespace = target.namespace;
      const namespaces = nullableResource('', 'namespaces');
      if (!store.get(namespaces, undefined, String(target.namespace))) throw notFound(namespaces, String(target.namespace));
    }
    if (store.get(resource, metadata.namespace, metadata.name)) {
      throw new ApiError(409, 'AlreadyExists', `${qualified(resource)} "${metadata.name}" already exists`, { name: metadata.name, group: resource.group, kind: resource.resource });
    }
    delete metadata.resourceVersion;
    delete metadata.uid;
    delete metadata.creationTimestamp;
    const stored = store.put(resource, { ...object, apiVersion: groupVersionOf(resource.group, target.version), metadata: { ...metadata, generation: 1 } });
    if (stored.kind === 'CustomResourceDefinition') {
      stored.status = { conditions: [{ type: 'Established', status: 'True' }, { type: 'NamesAccepted', status: 'True' }], acceptedNames: stored.spec?.names };
    }
    return { code: 201, body: served(target, stored) };
  }

  function nullableResource(group: string, name: string): ServedResource {
    const resource = store.findResource(group, name);
    if (!resource) throw new Error(`fake-apiserver: built-in resource ${group}/${name} missing`);
    return resource;
  }

  function replace(target: Target, name: string, next: K8sObject): K8sObject {
    const { resource } = target;
    const existing = store.get(resource, target.namespace, name);
    if (!existing) throw notFound(resource, name);
    const sentVersion = next.metadata?.resourceVersion;
    if (sentVersion !== undefined && sentVersion !== existing.metadata?.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, {
        name, group: resource.group, kind: resource.resource,
      });
    }
    const specChanged = JSON.stringify(existing.spec) !== JSON.stringify(next.spec);
    const generation = Number(existing.metadata?.generation ?? 1) + (specChanged ? 1 : 0);
    const metadata = { ...next.metadata, name, ...(target.namespace ? { namespace: target.namespace } : {}), generation };
    return store.put(resource, { ...next, apiVersion: groupVersionOf(resource.group, target.version), kind: resource.kind, metadata });
  }

  function update(target: Target, body: unknown): object {
    const object = requireObject(body);
    checkKind(target, object);
    const name = String(target.name);
    if (object.metadata?.name !== undefined && object.metadata.name !== name) {
      throw new ApiError(400, 'BadRequest', 'the name of the object does not match the name on the URL');
    }
    return served(target, replace(target, name, object));
  }

  function patch(target: Target, body: unknown, contentType: string): object {
    if (!/^application\/(merge-patch|strategic-merge-patch)\+json/.test(contentType)) {
      throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json (the test double applies both as JSON merge patches)`);
    }
    const name = String(target.name);
    const existing = store.get(target.resource, target.namespace, name);
    if (!existing) throw notFound(target.resource, name);
    const patched = mergePatch(existing, body) as K8sObject;
    return served(target, replace(target, name, { ...patched, metadata: { ...patched.metadata, resourceVersion: existing.metadata?.resourceVersion } }));
  }

  function remove(target: Target): object {
    const name = String(target.name);
    const existing = store.delete(target.resource, target.namespace, name);
    if (!existing) throw notFound(target.resource, name);
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: target.resource.group, kind: target.resource.resource, uid: existing.metadata?.uid } };
  }

  function selfSubjectAccessReview(review: K8sObject, user: FakeUser): object {
    const attributes = review.spec?.resourceAttributes;
    let allowedResult = true;
    if (attributes) {
      const resourceName = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : String(attributes.resource ?? '');
      allowedResult = allowed(user, String(attributes.verb ?? ''), String(attributes.group ?? ''), resourceName, attributes.namespace || undefined);
    }
    return {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: review.spec ?? {},
      status: allowedResult ? { allowed: true, reason: 'allowed by the fake-apiserver test double' } : { allowed: false },
    };
  }

  function discovery(segments: string[], req: IncomingMessage): { body: object; contentType?: string } | undefined {
    const resources = store.resources();
    const aggregated = aggregatedEnabled ? aggregatedVersionRequested(req.headers.accept) : undefined;
    const path = segments.join('/');
    if (path === 'api' || path === 'apis') {
      if (aggregated) {
        const body = aggregatedDiscovery(resources, path === 'api', aggregated, options.unavailableGroups ?? []);
        return { body, contentType: aggregated === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1 };
      }
      return { body: path === 'api' ? apiVersions(url.replace(/^https:\/\//, '')) : apiGroupList(resources) };
    }
    if (segments[0] === 'api' && segments.length === 2) {
      const list = apiResourceList(resources, '', segments[1]);
      return list ? { body: list } : undefined;
    }
    if (segments[0] === 'apis' && segments.length === 2) {
      const group = apiGroupDocument(resources, segments[1]);
      return group ? { body: group } : undefined;
    }
    if (segments[0] === 'apis' && segments.length === 3) {
      const list = apiResourceList(resources, segments[1], segments[2]);
      return list ? { body: list } : undefined;
    }
    return undefined;
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (chunks.length === 0) return undefined;
    const contentType = req.headers['content-type'] ?? 'application/json';
    if (contentType.includes('protobuf')) throw new ApiError(415, 'UnsupportedMediaType', 'the test double accepts JSON bodies only');
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new ApiError(400, 'BadRequest', 'the body of the request could not be decoded as JSON');
    }
  }

  function send(res: ServerResponse, code: number, body: object | string, contentType = 'application/json'): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), Vary: 'Accept' });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'https://fake');
    const segments = parsed.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    try {
      const user = authenticate(req);
      recorded.user = user.name;
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? await readBody(req) : undefined;
      if (method === 'GET' && segments.length === 1 && ['healthz', 'livez', 'readyz'].includes(segments[0])) {
        recorded.status = 200;
        return send(res, 200, 'ok', 'text/plain');
      }
      if (method === 'GET' && segments.length === 1 && segments[0] === 'version') {
        const [, major, minor] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? ['', '1', '31'];
        recorded.status = 200;
        return send(res, 200, { major, minor, gitVersion, gitCommit: 'fake', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23', compiler: 'gc', platform: 'linux/amd64' });
      }
      const unavailable = segments[0] === 'apis' && segments.length >= 3 && (options.unavailableGroups ?? []).includes(segments[1]);
      if (unavailable) throw new ApiError(503, 'ServiceUnavailable', `the server is currently unable to handle the request (${segments[1]} is unavailable in this test double)`);
      const target = resolve(segments);
      if (!target) {
        const document = method === 'GET' ? discovery(segments, req) : undefined;
        if (!document) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        recorded.status = 200;
        return send(res, 200, document.body, document.contentType);
      }
      const verb = verbFor(method, target.name !== undefined, parsed.searchParams);
      if (!target.resource.verbs.includes(verb)) {
        throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
      }
      if (target.subresource) throw new ApiError(404, 'NotFound', `the test double serves no subresources (${target.resource.resource}/${target.subresource})`);
      // Every authenticated user may ask what it may do (system:basic-user grants it on real clusters).
      const selfReview = target.resource.group === 'authorization.k8s.io' && target.resource.resource === 'selfsubjectaccessreviews';
      if (!selfReview) authorize(user, verb, target);
      let result: { code: number; body: object };
      switch (verb) {
        case 'list': result = { code: 200, body: list(target, parsed.searchParams) }; break;
        case 'get': {
          const object = store.get(target.resource, target.namespace, String(target.name));
          if (!object) throw notFound(target.resource, String(target.name));
          result = { code: 200, body: served(target, object) };
          break;
        }
        case 'create': result = create(target, body, user); break;
        case 'update': result = { code: 200, body: update(target, body) }; break;
        case 'patch': result = { code: 200, body: patch(target, body, req.headers['content-type'] ?? '') }; break;
        case 'delete': result = { code: 200, body: remove(target) }; break;
        default: throw new ApiError(405, 'MethodNotAllowed', `the test double does not support ${verb}`);
      }
      recorded.status = result.code;
      send(res, result.code, result.body);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', `fake-apiserver: ${(error as Error).message}`);
      recorded.status = apiError.code;
      send(res, apiError.code, statusBody(apiError));
    }
  }

  const fake: FakeApiServer = {
    get url() { return url; },
    caCert: pki.ca.cert,
    store,
    requests,
    issueClientCert: (user, groups) => pki.issueClientCert(user, groups),
    kubeconfig(user, kubeconfigOptions = {}) {
      const context = kubeconfigOptions.context ?? 'fake';
      const userFields = 'token' in user
        ? { token: user.token }
        : 'clientCert' in user
          ? { 'client-certificate-data': Buffer.from(user.clientCert.cert).toString('base64'), 'client-key-data': Buffer.from(user.clientCert.key).toString('base64') }
          : user.raw;
      return JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: `${context}-cluster`, cluster: { server: url, 'certificate-authority-data': Buffer.from(pki.ca.cert).toString('base64') } }],
        users: [{ name: `${context}-user`, user: userFields }],
        contexts: [{ name: context, context: { cluster: `${context}-cluster`, user: `${context}-user`, ...(kubeconfigOptions.namespace ? { namespace: kubeconfigOptions.namespace } : {}) } }],
        'current-context': context,
      }, null, 2);
    },
    close: () => new Promise<void>((resolveClose) => {
      server.close(() => resolveClose());
      server.closeAllConnections();
    }),
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const parsed = new URL(req.url ?? '/', 'https://fake');
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) };
    requests.push(recorded);
    options.onRequest?.(recorded, fake);
    void handle(req, res, recorded);
  });

  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
