/**
 * The warm-up before readiness: a sample review answered through an app of the process's own (so V8 optimises the
 * code real reviews take), which takes the whole evaluation path and is never counted.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdmissionApp } from '../../src/server/admission/app.js';
import { createAdmissionEvaluator } from '../../src/server/admission/evaluate.js';
import { staticNamespaces } from '../../src/server/admission/namespaces.js';
import { podReviewIn } from '../../src/server/admission/sample-reviews.js';
import { warmUp } from '../../src/server/admission/warm-up.js';
import type { AdmissionSettings } from '../../src/server/admission/settings.js';
import { makeCerts, POLICY_DIR, reviewOf, settingsFrom, startServer, type TestCerts } from './helpers.js';

let certs: TestCerts;
let settings: AdmissionSettings;

beforeAll(async () => {
  certs = await makeCerts();
  // host-users (optional, off by default) has a finding on the hardened pod: proof that the checks ran.
  const config = path.join(certs.dir, 'kubeward.yaml');
  writeFileSync(config, 'version: 1\nchecks:\n  host-users: on\n');
  settings = await settingsFrom({ policy: [POLICY_DIR], config });
});

afterAll(() => rmSync(certs.dir, { recursive: true, force: true }));

it('warms with a review that takes the whole path: Pod Security restricted, every check, every policy', async () => {
  const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' };
  const app = createAdmissionApp({ evaluator: createAdmissionEvaluator(settings, { namespaces: staticNamespaces({ sample: restricted }) }), ready: () => true });
  const answer = JSON.parse((await app.handle({ method: 'POST', url: '/validate', headers: {}, body: Buffer.from(JSON.stringify(podReviewIn('sample'))) })).body).response;
  expect(answer.allowed).toBe(true);
  expect(answer.auditAnnotations['pod-security-enforce-policy']).toBe('restricted:latest');
  // Checks ran (the hardened pod still has audit-level findings); the 20 policies admitted it.
  expect(answer.auditAnnotations['checks-audit']).toContain('[host-users]');
  expect(answer.warnings).toBeUndefined();
});

it('answers the sample reviews before listening, and counts none of them', async () => {
  expect(await warmUp(settings, 0)).toEqual({ reviews: 0, ms: 0 });
  const warmed = await warmUp(settings, 25);
  expect(warmed.reviews).toBe(25);
  expect(warmed.ms).toBeGreaterThan(0);

  const server = await startServer(certs, settings, { serve: { warmUpReviews: 50 } });
  try {
    const metrics = (await server.client.request('GET', '/metrics')).body;
    expect(metrics).not.toMatch(/^kubeward_admission_requests_total\{/m);
    const response = (await server.client.review(reviewOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} }))).response;
    expect(response.allowed).toBe(true);
    expect((await server.client.request('GET', '/metrics')).body).toMatch(/^kubeward_admission_requests_total\{operation="CREATE",kind="ConfigMap",decision="allow",dry_run="false"\} 1$/m);
  } finally {
    await server.close();
  }
});
