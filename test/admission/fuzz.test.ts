/**
 * Robustness: more than 10,000 malformed and mutated AdmissionReviews over HTTPS (garbage bytes, broken JSON,
 * wrong envelopes, wrong types at random places of real reviews, deep nesting, oversized bodies, wrong methods and
 * paths). The server must answer every one with a well-formed AdmissionReview or a 4xx Status, never crash or hang,
 * and still give the right verdicts afterwards. Seeded, so a failure reproduces.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../src/server/admission/log.js';
import { staticNamespaces } from '../../src/server/admission/namespaces.js';
import { asWorkload, pod } from '../../src/testing/fixtures.js';
import { makeCerts, POLICY_DIR, removeDir, reviewOf, settingsFrom, startServer, type HttpResult, type TestCerts, type TestServer } from './helpers.js';
import { seededRandom } from '../../src/testing/random.js';

const SEED = 20260115;
const MUTATED = 9_000;
const MALFORMED = 1_500;
const CONCURRENCY = 16;
const MAX_BODY = 256 * 1024;

const random = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (max: number) => Math.floor(random() * max);

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = random() < 0.5 ? [value] : { x: value };
  return value;
}

/** A value of a random type, including the awkward ones. */
function randomValue(): unknown {
  switch (int(16)) {
    case 0: return null;
    case 1: return int(2) === 0;
    case 2: return int(1e9) - 5e8;
    case 3: return 1.5e308;
    case 4: return '';
    case 5: return 'x'.repeat(int(5000));
    case 6: return '\u0000\uFFFD\uD83D\uDE00 ünïcödé <script>';
    case 7: return [];
    case 8: return {};
    case 9: return [randomValue(), randomValue()];
    case 10: return { __proto__: { polluted: true }, constructor: 'x', toString: 1 };
    case 11: return nested(50 + int(200));
    case 12: return Array.from({ length: 200 }, () => ({ name: 'c', image: 'i' }));
    case 13: return 'CREATE';
    case 14: return { name: 'app', securityContext: 'privileged' };
    default: return -0;
  }
}

function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    const path = [...prefix, key];
    out.push(path);
    paths(child, path, out);
  }
  return out;
}

/** One to three changes at random places of a real review: replace, delete, or duplicate into an array. */
function mutate(review: any): any {
  const copy = structuredClone(review);
  const count = 1 + int(3);
  for (let i = 0; i < count; i++) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = pick(all);
    let parent: any = copy;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const last = path[path.length - 1];
    const roll = random();
    if (roll < 0.6) parent[last] = randomValue();
    else if (roll < 0.85) {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else parent[last] = [parent[last], parent[last]];
  }
  return copy;
}

function baseReviews(): any[] {
  const privileged = pod((p) => { p.spec.containers[0].securityContext.privileged = true; });
  return [
    reviewOf(pod(), { namespace: 'shop' }),
    reviewOf(privileged, { namespace: 'open' }),
    reviewOf(asWorkload(pod(), 'Deployment'), { namespace: 'shop', operation: 'UPDATE', oldObject: asWorkload(privileged, 'Deployment') }),
    reviewOf(asWorkload(pod(), 'CronJob'), { namespace: 'shop' }),
    reviewOf(null, { namespace: 'shop', operation: 'DELETE', oldObject: pod() }),
    reviewOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } }, { namespace: 'shop' }),
    reviewOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'pod-security.kubernetes.io/enforce': 'bogus' } } }),
  ];
}

/** Bodies that are not AdmissionReviews at all. */
function malformedBody(): string | Buffer {
  switch (int(12)) {
    case 0: return Buffer.from(Array.from({ length: int(2000) }, () => int(256)));
    case 1: return JSON.stringify(pick(baseReviews())).slice(0, int(3000));
    case 2: return pick(['null', '[]', '42', '"review"', 'true', '{}', '', ' ', '\uFEFF{}']);
    case 3: return JSON.stringify({ ...pick(baseReviews()), apiVersion: pick(['admission.k8s.io/v2', 'v1', 42, null]) });
    case 4: return JSON.stringify({ ...pick(baseReviews()), kind: pick(['AdmissionResponse', '', 7, []]) });
    case 5: {
      const review = structuredClone(pick(baseReviews()));
      review.request.uid = pick([undefined, '', 17, null, {}, ['a']]);
      return JSON.stringify(review);
    }
    case 6: return JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: pick([null, 'x', [], 5]) });
    case 7: return `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    case 8: return `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"deep","object":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}`;
    case 9: return '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","kind":"AdmissionReview","request":{"uid":"dup","uid":"dup2"}}';
    case 10: return Buffer.concat([Buffer.from('{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]);
    default: return JSON.stringify({ ...pick(baseReviews()), padding: 'p'.repeat(MAX_BODY) });
  }
}

let certs: TestCerts;
let server: TestServer;
/** Lines the server logged at level error: bugs (an evaluation failure is a warning, decided by the failure mode). */
const errorLines: string[] = [];

beforeAll(async () => {
  certs = await makeCerts();
  const settings = await settingsFrom({ policy: [POLICY_DIR] });
  const namespaces = staticNamespaces({ shop: { 'pod-security.kubernetes.io/enforce': 'restricted' }, open: {} });
  server = await startServer(certs, settings, { namespaces, logger: createLogger({ level: 'error', write: (line) => errorLines.push(line) }), serve: { maxBodyBytes: MAX_BODY } });
});

afterAll(async () => {
  await server?.close();
  removeDir(certs.dir);
});

/** Fails the test with the offending input unless the answer is a well-formed review or a 4xx Status. */
function checkAnswer(sent: string | Buffer, result: HttpResult): void {
  const context = () => `for body ${String(sent).slice(0, 300)}\n-> ${result.status} ${result.body.slice(0, 300)}`;
  if (result.status >= 400 && result.status < 500) {
    const status = JSON.parse(result.body);
    if (status.kind !== 'Status' || status.code !== result.status) throw new Error(`malformed 4xx ${context()}`);
    return;
  }
  if (result.status !== 200) throw new Error(`unexpected status ${context()}`);
  const review = JSON.parse(result.body);
  let sentUid: unknown;
  try {
    sentUid = JSON.parse(String(sent)).request.uid;
  } catch {
    sentUid = undefined;
  }
  const { response } = review;
  const wellFormed =
    review.kind === 'AdmissionReview' &&
    (review.apiVersion === 'admission.k8s.io/v1' || review.apiVersion === 'admission.k8s.io/v1beta1') &&
    typeof response?.uid === 'string' && response.uid === sentUid &&
    typeof response.allowed === 'boolean' &&
    (response.allowed || (typeof response.status?.code === 'number' && typeof response.status.message === 'string')) &&
    (response.warnings ?? []).every((w: unknown) => typeof w === 'string' && Buffer.byteLength(w) <= 120) &&
    Object.entries(response.auditAnnotations ?? {}).every(([k, v]) => /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(k) && typeof v === 'string');
  if (!wellFormed) throw new Error(`malformed review response ${context()}`);
}

it('answers 10,000+ malformed and mutated reviews with well-formed responses or 4xx, then still judges correctly', async () => {
  const bases = baseReviews();
  const jobs: Array<() => Promise<void>> = [];
  const tally = { ok: 0, clientError: 0 };
  const send = (method: string, urlPath: string, body: string | Buffer | undefined) => async () => {
    const result = await server.client.request(method, urlPath, body);
    if (urlPath === '/validate' && method === 'POST') checkAnswer(body ?? '', result);
    else if (result.status < 400 || result.status >= 500) throw new Error(`${method} ${urlPath}: expected a 4xx, got ${result.status}`);
    if (result.status === 200) tally.ok++;
    else tally.clientError++;
  };
  for (let i = 0; i < MUTATED; i++) jobs.push(send('POST', '/validate', JSON.stringify(mutate(pick(bases)))));
  for (let i = 0; i < MALFORMED; i++) jobs.push(send('POST', '/validate', malformedBody()));
  for (let i = 0; i < 100; i++) jobs.push(send(pick(['GET', 'PUT', 'DELETE', 'PATCH']), pick(['/validate', '/nope', '/validate/../metrics', '/%00']), pick([undefined, '{}'])));

  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(tally.ok + tally.clientError).toBe(MUTATED + MALFORMED + 100);
  expect(tally.ok).toBeGreaterThan(MUTATED / 2);
  expect(tally.clientError).toBeGreaterThan(MALFORMED / 2);

  // Still alive, still right.
  expect((await server.client.request('GET', '/healthz')).status).toBe(200);
  const allowed = await server.client.review(reviewOf(pod((p) => { p.metadata.labels.team = 'shop'; }), { namespace: 'shop' }));
  expect(allowed.response.allowed).toBe(true);
  const denied = await server.client.review(reviewOf(pod((p) => {
    p.metadata.labels.team = 'shop';
    delete p.spec.containers[0].securityContext.capabilities;
  }), { namespace: 'shop' }));
  expect(denied.response.status.message).toBe([
    'violates PodSecurity "restricted:latest": unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
    "ValidatingAdmissionPolicy 'kubeward-drop-all-capabilities' with binding 'kubeward-drop-all-capabilities' denied request: containers must set securityContext.capabilities.drop: [ALL]: app",
  ].join('\n'));
  const metrics = (await server.client.request('GET', '/metrics')).body;
  expect(metrics).toMatch(/kubeward_admission_bad_requests_total\{reason="invalid_json"\} [1-9]/);
  expect(metrics).toMatch(/kubeward_admission_bad_requests_total\{reason="too_large"\} [1-9]/);
  expect(metrics).toMatch(/kubeward_admission_evaluation_errors_total\{component="request"\} [1-9]/);
  expect(errorLines).toEqual([]);
}, 120_000);
