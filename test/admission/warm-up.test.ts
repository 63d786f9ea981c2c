/**
 * The warm-up before readiness: sample reviews answered through an app of the process's own (so V8 optimises the
 * code real reviews take), which exercise the admitted, denied and controller paths and are never counted.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdmissionApp } from '../../src/server/admission/app.js';
import { createAdmissionEvaluator } from '../../src/server/admission/evaluate.js';
import { staticNamespaces } from '../../src/server/admission/namespaces.js';
import { deploymentReview, podReviewIn, privilegedPodReview } from '../../src/server/admission/sample-reviews.js';
import { warmUp } from '../../src/server/admission/warm-up.js';
import type { AdmissionSettings } from '../../src/server/admission/settings.js';
import { makeCerts, POLICY_DIR, reviewOf, settingsFrom, startServer, type TestCerts } from './helpers.js';

let certs: TestCerts;
let settings: AdmissionSettings;

beforeAll(async () => {
  certs = await makeCerts();
  settings = await settingsFrom({ policy: [POLICY_DIR] });
});

afterAll(() => rmSync(certs.dir, { recursive: true, force: true }));

it('samples the admitted, the denied and the controller paths at Pod Security restricted', async () => {
  const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' };
  const app = createAdmissionApp({ evaluator: createAdmissionEvaluator(settings, { namespaces: staticNamespaces({ sample: restricted }) }), ready: () => true });
  const answer = async (review: unknown) => JSON.parse((await app.handle({ method: 'POST', url: '/validate', headers: {}, body: Buffer.from(JSON.stringify(review)) })).body).response;

  const admitted = await answer(podReviewIn('sample'));
  expect(admitted.allowed).toBe(true);
  expect(admitted.auditAnnotations['pod-security-enforce-policy']).toBe('restricted:latest');
  const denied = await answer(privilegedPodReview('sample'));
  expect(denied.allowed).toBe(false);
  expect(denied.status.message).toContain('violates PodSecurity "restricted:latest"');
  // The API server reports the first denying VAP only.
  expect(denied.status.message).toMatch(/\nValidatingAdmissionPolicy '[^']+' with binding '[^']+' denied request: /);
  expect(denied.status.message).toContain('kubeward check "privileged"');
  const deployment = await answer(deploymentReview('sample'));
  expect(deployment.allowed).toBe(true);
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
