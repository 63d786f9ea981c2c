/**
 * The app without a socket (createAdmissionApp().handle) and decide.ts: HTTP errors as Kubernetes Status, the
 * failure mode for crashed checks, failed namespace lookups, unreadable requests and the time budget, and the
 * warning and audit-annotation limits.
 */
import { describe, expect, it } from 'vitest';
import { defineRule } from '../../src/core/engine/define-rule.js';
import { createRegistry } from '../../src/core/engine/registry.js';
import { builtinRegistry } from '../../src/rules/index.js';
import { loadPolicySet } from '../../src/policy/index.js';
import { apiServerTimeoutMs, createAdmissionApp, parseGoDuration, type HttpRequest } from '../../src/server/admission/app.js';
import { auditKey, decide, failsClosed, limitWarnings, wrapWarning, type EvaluationError } from '../../src/server/admission/decide.js';
import { createAdmissionEvaluator } from '../../src/server/admission/evaluate.js';
import { createAdmissionMetrics } from '../../src/server/admission/metrics.js';
import { staticNamespaces, type NamespaceCache } from '../../src/server/admission/namespaces.js';
import { defaultAdmissionSettings, type AdmissionSettings } from '../../src/server/admission/settings.js';
import { pod } from '../../src/testing/fixtures.js';
import { reviewOf } from './helpers.js';

const crashing = (severity: 'critical' | 'medium') =>
  defineRule({
    id: `crashes-${severity}`,
    meta: { title: 't', category: 'hygiene', severity, description: 'd', remediation: 'r', messages: { never: 'never' }, appliesTo: 'workloads' },
    check(): never {
      throw new TypeError('spec.containers is not iterable');
    },
  });

function appWith(settings: Partial<AdmissionSettings> = {}, options: { namespaces?: NamespaceCache; clock?: () => number; ready?: () => boolean } = {}) {
  const full = defaultAdmissionSettings(settings.registry ?? builtinRegistry(), settings);
  const metrics = createAdmissionMetrics({ version: 'test', processMetrics: false });
  const evaluator = createAdmissionEvaluator(full, { namespaces: options.namespaces ?? staticNamespaces({}), ...(options.clock ? { monotonicMs: options.clock } : {}) });
  const app = createAdmissionApp({ evaluator, metrics, ready: options.ready ?? (() => true), maxBodyBytes: 64 * 1024, ...(options.clock ? { monotonicMs: options.clock } : {}) });
  return { app, metrics };
}

const post = (body: string | Buffer, url = '/validate'): HttpRequest => ({ method: 'POST', url, headers: {}, body: Buffer.isBuffer(body) ? body : Buffer.from(body) });

describe('client certificates (clientAuth)', () => {
  const full = defaultAdmissionSettings(builtinRegistry());
  const evaluator = createAdmissionEvaluator(full, { namespaces: staticNamespaces({}) });
  const app = createAdmissionApp({ evaluator, ready: () => true, clientAuth: { names: ['kube-apiserver'] } });
  const body = JSON.stringify(reviewOf(pod(), { namespace: 'shop' }));

  it.each([
    ['no identity (the transport passed none)', undefined, /client CA is required$/],
    ['an unverified certificate', { verified: false, names: ['kube-apiserver'], error: 'CERT_HAS_EXPIRED' }, /client CA is required \(CERT_HAS_EXPIRED\)/],
    ['a verified certificate with another name', { verified: true, names: ['intruder', 'intruder.example'] }, /\("intruder", "intruder.example"\) is not one of the allowed names/],
  ])('refuses %s with 403', async (_, client, message) => {
    const response = await app.handle({ ...post(body), ...(client ? { client } : {}) });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    expect(JSON.parse(response.body).message).toMatch(message);
    expect((await app.handle({ method: 'GET', url: '/metrics', headers: {}, body: Buffer.alloc(0), ...(client ? { client } : {}) })).status).toBe(403);
  });

  it('answers a verified certificate whose DNS name is allowed, and the probes without one', async () => {
    const response = await app.handle({ ...post(body), client: { verified: true, names: ['apiserver-client', 'kube-apiserver'] } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).response.allowed).toBe(true);
    for (const url of ['/healthz', '/readyz']) expect((await app.handle({ method: 'GET', url, headers: {}, body: Buffer.alloc(0) })).status).toBe(200);
  });
});

describe('HTTP', () => {
  const { app } = appWith();

  it.each([
    ['not JSON', '{"apiVersion":', 400, /^the body is not JSON/],
    ['not an object', '[1,2]', 400, /not an AdmissionReview object/],
    ['another kind', '{"kind":"Pod","apiVersion":"v1"}', 400, /expected kind AdmissionReview/],
    ['an unknown version', '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v2","request":{"uid":"1"}}', 400, /unsupported AdmissionReview apiVersion/],
    ['no request', '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}', 400, /has no request/],
    ['no uid', '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"operation":"CREATE"}}', 400, /no uid/],
    ['a uid that is not a string', '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":7}}', 400, /no uid/],
  ])('answers a body that is %s with a Status', async (_, body, status, message) => {
    const response = await app.handle(post(body));
    expect(response.status).toBe(status);
    const parsed = JSON.parse(response.body);
    expect(parsed).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: status, reason: 'BadRequest' });
    expect(parsed.message).toMatch(message);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await app.handle(post('x'.repeat(65 * 1024)));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).reason).toBe('RequestEntityTooLarge');
  });

  it('routes: 404 for unknown paths, 405 for wrong methods, readiness from the deps', async () => {
    expect((await app.handle({ method: 'GET', url: '/nope', headers: {}, body: Buffer.alloc(0) })).status).toBe(404);
    expect((await app.handle({ method: 'GET', url: '/validate', headers: {}, body: Buffer.alloc(0) })).status).toBe(405);
    expect((await app.handle(post('{}', '/healthz'))).status).toBe(405);
    const { app: draining } = appWith({}, { ready: () => false });
    const readyz = await draining.handle({ method: 'GET', url: '/readyz', headers: {}, body: Buffer.alloc(0) });
    expect(readyz).toMatchObject({ status: 503, body: 'not ready\n' });
  });

  it('answers a review whose request is unreadable (no object) by the failure mode, echoing the uid', async () => {
    const review = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u-1', operation: 'CREATE', object: 'not an object' } };
    const denied = JSON.parse((await app.handle(post(JSON.stringify(review)))).body);
    expect(denied.response).toMatchObject({ uid: 'u-1', allowed: false, status: { code: 403 } });
    expect(denied.response.status.message).toContain('kubeward could not evaluate the request (request)');
    const { app: open } = appWith({ failureMode: 'open' });
    const allowed = JSON.parse((await open.handle(post(JSON.stringify(review)))).body);
    expect(allowed.response.allowed).toBe(true);
    expect(allowed.response.warnings.join(' ')).toContain('allowed (failure mode open)');
  });
});

describe('failure mode', () => {
  it('auto: a crashed deny-level check denies, a crashed warn-level check allows with a warning', async () => {
    const review = JSON.stringify(reviewOf(pod(), { namespace: 'shop' }));
    const { app: critical, metrics } = appWith({ registry: createRegistry([crashing('critical')]) });
    const denied = JSON.parse((await critical.handle(post(review))).body).response;
    expect(denied.allowed).toBe(false);
    expect(denied.status.message).toBe('kubeward could not evaluate the request (checks): rule crashes-critical failed on Pod shop/web: spec.containers is not iterable; denied (failure mode auto)');
    expect(denied.auditAnnotations['evaluation-error']).toContain('rule crashes-critical failed');
    expect(await metrics.registry.metrics()).toMatch(/kubeward_admission_evaluation_errors_total\{component="checks"\} 1/);

    const { app: medium } = appWith({ registry: createRegistry([crashing('medium')]) });
    const warned = JSON.parse((await medium.handle(post(review))).body).response;
    expect(warned.allowed).toBe(true);
    expect(warned.warnings.join(' ')).toContain('rule crashes-medium failed on Pod shop/web');
  });

  it('closed and open override the action of what failed', async () => {
    const review = JSON.stringify(reviewOf(pod(), { namespace: 'shop' }));
    const { app: closed } = appWith({ registry: createRegistry([crashing('medium')]), failureMode: 'closed' });
    expect(JSON.parse((await closed.handle(post(review))).body).response.allowed).toBe(false);
    const { app: open } = appWith({ registry: createRegistry([crashing('critical')]), failureMode: 'open' });
    expect(JSON.parse((await open.handle(post(review))).body).response.allowed).toBe(true);
  });

  it('a namespace that cannot be looked up fails Pod Security closed when the default level could deny', async () => {
    const unreachable: NamespaceCache = { get: () => undefined, fetch: async () => { throw new Error('connection refused'); }, ready: () => true, source: 'test', close: () => {} };
    const settings = { podSecurity: { ...defaultAdmissionSettings(builtinRegistry()).podSecurity, defaults: { enforce: { level: 'restricted' as const, version: Infinity }, audit: { level: 'privileged' as const, version: Infinity }, warn: { level: 'privileged' as const, version: Infinity } } } };
    const { app } = appWith(settings, { namespaces: unreachable });
    const response = JSON.parse((await app.handle(post(JSON.stringify(reviewOf(pod(), { namespace: 'shop' }))))).body).response;
    expect(response.allowed).toBe(false);
    expect(response.status.message).toContain('cannot look up namespace "shop": connection refused');
  });

  it('past the time budget the remaining evaluations are decided by the failure mode', async () => {
    let now = 0;
    const clock = () => {
      now += 2000;
      return now;
    };
    const { app } = appWith({ timeBudgetMs: 1000 }, { clock, namespaces: staticNamespaces({ shop: { 'pod-security.kubernetes.io/enforce': 'restricted' } }) });
    const response = JSON.parse((await app.handle(post(JSON.stringify(reviewOf(pod(), { namespace: 'shop' }))))).body).response;
    expect(response.allowed).toBe(false);
    expect(response.status.message).toContain('evaluation exceeded the time budget of 1000 ms; Pod Security not evaluated');
  });

  it("skips the evaluation once the API server's timeout has passed, and bounds the budget by the time left", async () => {
    let calls = 0;
    const counting = defineRule({
      id: 'counts-calls',
      meta: { title: 't', category: 'hygiene', severity: 'critical', description: 'd', remediation: 'r', messages: { never: 'never' }, appliesTo: 'workloads' },
      check() {
        calls++;
        return [];
      },
    });
    let now = 10_000;
    const { app, metrics } = appWith({ registry: createRegistry([counting]) }, { clock: () => now });
    const body = JSON.stringify(reviewOf(pod(), { namespace: 'shop' }));
    // Arrived 1.5 s ago; the API server waits 1 s.
    const late = JSON.parse((await app.handle({ ...post(body, '/validate?timeout=1s'), startedAt: now - 1500 })).body).response;
    expect(calls).toBe(0);
    expect(late.allowed).toBe(false);
    expect(late.status.message).toContain("evaluation exceeded the 0 ms left before the API server's timeout; checks not evaluated");
    // Each part not evaluated is counted: the checks and Pod Security (the default level applies to every namespace).
    expect(late.auditAnnotations['evaluation-error']).toContain('Pod Security not evaluated');
    expect(await metrics.registry.getSingleMetricAsString('kubeward_admission_evaluation_errors_total')).toContain('component="budget"} 2');
    // Arrived 0.5 s ago with a 10 s timeout: evaluated as usual.
    const onTime = JSON.parse((await app.handle({ ...post(body, '/validate?timeout=10s'), startedAt: now - 500 })).body).response;
    expect(calls).toBe(1);
    expect(onTime.allowed).toBe(true);
    // Without a timeout in the URL, only --time-budget bounds it.
    now += 1;
    expect(JSON.parse((await app.handle({ ...post(body), startedAt: now - 60_000 })).body).response.allowed).toBe(true);
    expect(calls).toBe(2);
  });

  it('parses the Go durations the API server writes', () => {
    expect(['10s', '1m0s', '1.5s', '500ms', '1h2m3s', '250us', '0', '.5s'].map(parseGoDuration)).toEqual([10_000, 60_000, 1500, 500, 3_723_000, 0.25, 0, 500]);
    expect(['', '10', 's', '10x', '-1s', '10s '].map(parseGoDuration)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect([apiServerTimeoutMs('/validate?timeout=30s'), apiServerTimeoutMs('/validate?a=1&timeout=2s'), apiServerTimeoutMs('/validate'), apiServerTimeoutMs('/validate?timeout=soon')]).toEqual([30_000, 2000, undefined, undefined]);
  });

  it('failsClosed: the decision table', () => {
    const error = (action: EvaluationError['action']): EvaluationError => ({ component: 'checks', message: 'x', action });
    expect([failsClosed(error('deny'), 'auto'), failsClosed(error('warn'), 'auto'), failsClosed(error('audit'), 'auto')]).toEqual([true, false, false]);
    expect([failsClosed(error('warn'), 'closed'), failsClosed(error('deny'), 'open')]).toEqual([true, false]);
  });
});

describe('operations', () => {
  const protect = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: protect-config}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [DELETE], resources: [configmaps]}]
  validations:
  - expression: "!has(oldObject.metadata.labels) || !('protected' in oldObject.metadata.labels)"
    message: protected ConfigMaps cannot be deleted
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: protect-config}
spec: {policyName: protect-config, validationActions: [Deny]}
`;
  const configMap = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop', labels }, data: { a: '1' } });

  it('DELETE reaches only the policies that ask for it; checks and Pod Security do not judge it', async () => {
    const { app } = appWith({ policies: loadPolicySet([protect]) });
    const denied = JSON.parse((await app.handle(post(JSON.stringify(reviewOf(null, { operation: 'DELETE', namespace: 'shop', oldObject: configMap({ protected: 'yes' }) }))))).body).response;
    expect(denied.allowed).toBe(false);
    expect(denied.status.message).toBe("ValidatingAdmissionPolicy 'protect-config' with binding 'protect-config' denied request: protected ConfigMaps cannot be deleted");
    const allowed = JSON.parse((await app.handle(post(JSON.stringify(reviewOf(null, { operation: 'DELETE', namespace: 'shop', oldObject: configMap({}) }))))).body).response;
    expect(allowed).toEqual({ uid: expect.any(String), allowed: true });
    const privileged = pod((p) => { p.spec.containers[0].securityContext.privileged = true; });
    const deletePod = JSON.parse((await app.handle(post(JSON.stringify(reviewOf(null, { operation: 'DELETE', namespace: 'shop', oldObject: privileged }))))).body).response;
    expect(deletePod.allowed).toBe(true);
  });

  it('CONNECT (exec into a pod) passes when no policy matches it', async () => {
    const { app } = appWith({ policies: loadPolicySet([protect]) });
    const exec = { apiVersion: 'v1', kind: 'PodExecOptions', command: ['sh'], container: 'app', stdin: true, tty: true };
    const review = reviewOf(exec, { operation: 'CONNECT', namespace: 'shop', subResource: 'exec' });
    const response = JSON.parse((await app.handle(post(JSON.stringify(review)))).body).response;
    expect(response).toEqual({ uid: review.request.uid, allowed: true });
  });
});

describe('limits of the response', () => {
  it('wraps warnings at 120 bytes on spaces, keeping every word', () => {
    const text = `would violate PodSecurity "restricted:latest": ${Array.from({ length: 30 }, (_, i) => `reason${i} (container "app-${i}" must set something=true)`).join(', ')}`;
    const lines = wrapWarning(text);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe(text);
    const long = wrapWarning(`${'é'.repeat(200)} tail`);
    for (const line of long) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(120);
    // A word longer than a line is cut inside it: those pieces join without a space.
    expect(long.join('')).toBe(`${'é'.repeat(200)} tail`);
  });

  it('keeps the warnings within 4 KiB and says how many lines were left out', () => {
    const warnings = Array.from({ length: 100 }, (_, i) => `warning ${i} ${'x'.repeat(100)}`);
    const kept = limitWarnings(warnings);
    expect(Buffer.byteLength(kept.join(''))).toBeLessThanOrEqual(4096);
    expect(kept.at(-1)).toMatch(/^\d+ more warning lines not shown$/);
  });

  it('makes audit annotation keys valid names for `<webhook>/<key>`', () => {
    expect(auditKey('validation.policy.admission.k8s.io/validation_failure')).toBe('validation.policy.admission.k8s.io-validation_failure');
    expect(auditKey('policy-my policy/key!')).toBe('policy-my-policy-key');
    expect(auditKey('-'.repeat(80))).toBe('annotation');
    expect(auditKey('a'.repeat(80))).toHaveLength(63);
  });

  it('an exempt request is allowed with only the exemption recorded', () => {
    expect(decide('u', { exemptBy: 'namespace kube-system', checks: [], errors: [] }, 'auto')).toEqual({
      response: { uid: 'u', allowed: true, auditAnnotations: { exempt: 'namespace kube-system' } },
      decision: 'allow',
    });
  });
});
