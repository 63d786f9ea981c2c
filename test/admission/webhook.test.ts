/**
 * The webhook end to end over HTTPS on loopback, with certificates from `kubeward admission certs`, the policy
 * library in policies/ and namespace labels from a file: allowed, denied, warned and audited reviews for Pod
 * Security, the built-in checks and the CEL policies; exemptions; UPDATE, DELETE, dry-run and v1beta1; label
 * changes taking effect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNamespaceLabels } from '../../src/io/namespace-labels.js';
import { silentLogger } from '../../src/server/admission/log.js';
import { watchNamespaceFile } from '../../src/server/admission/namespaces.js';
import { asWorkload, pod } from '../../src/testing/fixtures.js';
import type { K8sObject } from '../../src/core/k8s/object.js';
import type { AdmissionSettings } from '../../src/server/admission/settings.js';
import {
  eventually, HttpsClient, makeCerts, POLICY_DIR, removeDir, reviewOf, settingsFrom, startServer, tempDir, writeFile, type TestCerts, type TestServer,
} from './helpers.js';

const LABELS = `
shop:
  pod-security.kubernetes.io/enforce: restricted
legacy:
  pod-security.kubernetes.io/enforce: baseline
  pod-security.kubernetes.io/warn: restricted
  pod-security.kubernetes.io/audit: restricted
open: {}
psa-exempt:
  pod-security.kubernetes.io/enforce: restricted
`;

const PSS_CONFIG = `
apiVersion: pod-security.admission.config.k8s.io/v1
kind: PodSecurityConfiguration
defaults:
  enforce: privileged
exemptions:
  namespaces: [psa-exempt]
  usernames: [ci-bot]
`;

/** The hardened fixture pod with the labels the required-labels policy wants: every engine allows it. */
function goodPod(tweak?: (p: Record<string, any>) => void): K8sObject {
  return pod((p) => {
    p.metadata.labels.team = 'shop';
    tweak?.(p);
  });
}

const withoutDrop = (p: Record<string, any>) => {
  delete p.spec.containers[0].securityContext.capabilities;
};

const CAPS_MESSAGE = 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])';

let certs: TestCerts;
let dir: string;
let labelsFile: string;
let server: TestServer;
let settings: AdmissionSettings;

beforeAll(async () => {
  certs = await makeCerts();
  dir = tempDir();
  labelsFile = writeFile(dir, 'namespaces.yaml', LABELS);
  const pssConfig = writeFile(dir, 'pss.yaml', PSS_CONFIG);
  settings = await settingsFrom({
    policy: [POLICY_DIR],
    pssConfig,
    // kubeward-drop-all-capabilities repeats PSS restricted's capabilities check, the example violation of these
    // tests; at audit its denials stay out of the PSA verdicts and messages asserted here.
    action: ['kubeward-required-labels=warn', 'kubeward-no-latest-tag=audit', 'kubeward-drop-all-capabilities=audit'],
    exemptNamespace: ['sandbox'],
    exemptUser: ['break-glass@example.com'],
    exemptGroup: ['platform-admins'],
    exemptRuntimeClass: ['kata'],
    selfNamespace: 'kubeward',
  });
  const namespaces = watchNamespaceFile(labelsFile, { read: readNamespaceLabels, logger: silentLogger, pollMs: 100 });
  server = await startServer(certs, settings, { namespaces });
});

afterAll(async () => {
  await server?.close();
  removeDir(dir);
  removeDir(certs.dir);
});

function expectWellFormedWarnings(response: any): void {
  for (const warning of response.warnings ?? []) {
    expect(typeof warning).toBe('string');
    expect(Buffer.byteLength(warning)).toBeLessThanOrEqual(120);
  }
  expect(Buffer.byteLength((response.warnings ?? []).join(''))).toBeLessThanOrEqual(4096);
}

describe('Pod Security', () => {
  it('allows a restricted pod in a restricted namespace and records the enforce policy', async () => {
    const review = reviewOf(goodPod(), { namespace: 'shop' });
    const answer = await server.client.review(review);
    expect(answer.apiVersion).toBe('admission.k8s.io/v1');
    expect(answer.kind).toBe('AdmissionReview');
    expect(answer.response.uid).toBe(review.request.uid);
    expect(answer.response.allowed).toBe(true);
    expect(answer.response.warnings).toBeUndefined();
    expect(answer.response.auditAnnotations['pod-security-enforce-policy']).toBe('restricted:latest');
  });

  it('denies a pod that violates the enforce level with PSA\'s exact message', async () => {
    const answer = await server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'shop' }));
    expect(answer.response.allowed).toBe(false);
    expect(answer.response.status).toEqual({ code: 403, reason: 'Forbidden', message: `violates PodSecurity "restricted:latest": ${CAPS_MESSAGE}` });
  });

  it('warns about a pod controller instead of denying it, as PSA does', async () => {
    const deployment = asWorkload(goodPod(withoutDrop), 'Deployment');
    const answer = await server.client.review(reviewOf(deployment, { namespace: 'shop' }));
    expect(answer.response.allowed).toBe(true);
    expectWellFormedWarnings(answer.response);
    expect(answer.response.warnings.join(' ')).toBe(`would violate PodSecurity "restricted:latest": ${CAPS_MESSAGE}`);
    expect(answer.response.auditAnnotations['pod-security-enforce-policy']).toBeUndefined();
  });

  it('enforces baseline and warns and audits restricted where the labels say so', async () => {
    const answer = await server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'legacy' }));
    expect(answer.response.allowed).toBe(true);
    expect(answer.response.warnings.join(' ')).toBe(`would violate PodSecurity "restricted:latest": ${CAPS_MESSAGE}`);
    expect(answer.response.auditAnnotations['pod-security-enforce-policy']).toBe('baseline:latest');
    expect(answer.response.auditAnnotations['pod-security-audit-violations']).toBe(`would violate PodSecurity "restricted:latest": ${CAPS_MESSAGE}`);
  });

  it('leaves unlabelled namespaces at the configured default (privileged)', async () => {
    const answer = await server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(true);
    expect(answer.response.warnings).toBeUndefined();
  });

  it('applies PSA\'s own exemptions from the PodSecurityConfiguration (namespace, username) to PSS only', async () => {
    const inExemptNamespace = await server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'psa-exempt' }));
    expect(inExemptNamespace.response.allowed).toBe(true);
    expect(inExemptNamespace.response.auditAnnotations['pod-security-exempt']).toBe('namespace');
    const byExemptUser = await server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'shop', username: 'ci-bot' }));
    expect(byExemptUser.response.allowed).toBe(true);
    // The built-in checks still run for PSA-exempt requests.
    const privileged = await server.client.review(reviewOf(goodPod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }), { namespace: 'psa-exempt' }));
    expect(privileged.response.allowed).toBe(false);
    expect(privileged.response.status.message).toContain('kubeward check "cap-sys-admin" (critical)');
  });

  it('skips an UPDATE that changes no image (labels only), as PSA does, and evaluates one that does', async () => {
    const old = goodPod(withoutDrop);
    const relabelled = goodPod((p) => {
      withoutDrop(p);
      p.metadata.labels.release = 'blue';
    });
    const labelsOnly = await server.client.review(reviewOf(relabelled, { namespace: 'shop', operation: 'UPDATE', oldObject: old }));
    expect(labelsOnly.response.allowed).toBe(true);
    const newImage = goodPod((p) => {
      withoutDrop(p);
      p.spec.containers[0].image = 'registry.example.com/team/app:1.4.3@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e';
    });
    const imageChange = await server.client.review(reviewOf(newImage, { namespace: 'shop', operation: 'UPDATE', oldObject: old }));
    expect(imageChange.response.allowed).toBe(false);
    expect(imageChange.response.status.message).toBe(`violates PodSecurity "restricted:latest": ${CAPS_MESSAGE}`);
  });

  it('evaluates ephemeral containers added through the subresource', async () => {
    const old = goodPod();
    const debugged = goodPod((p) => {
      p.spec.ephemeralContainers = [{ name: 'debug', image: 'registry.example.com/tools/debug:1.0@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e' }];
    });
    const answer = await server.client.review(reviewOf(debugged, { namespace: 'shop', operation: 'UPDATE', oldObject: old, subResource: 'ephemeralcontainers' }));
    expect(answer.response.allowed).toBe(false);
    expect(answer.response.status.message).toMatch(/^violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "debug"/);
  });
});

describe('built-in checks', () => {
  it('denies a finding at or above --deny-at with the check id, severity and message', async () => {
    const answer = await server.client.review(reviewOf(goodPod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(false);
    expect(answer.response.status.code).toBe(403);
    expect(answer.response.status.message).toMatch(/^kubeward check "cap-sys-admin" \(critical\): /m);
  });

  it('warns for findings between --warn-at and --deny-at, each warning at most 120 bytes', async () => {
    const answer = await server.client.review(reviewOf(goodPod((p) => { delete p.spec.containers[0].securityContext.readOnlyRootFilesystem; }), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(true);
    expectWellFormedWarnings(answer.response);
    expect(answer.response.warnings.join(' ')).toContain('[readonly-root-filesystem] container "app"');
  });

  it('records findings below --warn-at as audit annotations only', async () => {
    const answer = await server.client.review(reviewOf(goodPod((p) => { p.spec.containers[0].image = 'registry.example.com/team/app:1.4.2'; }), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(true);
    expect(answer.response.warnings).toBeUndefined();
    expect(answer.response.auditAnnotations['checks-audit']).toContain('[image-digest] container "app"');
  });

  it('does not let an object exempt itself with a kubeward.io/ignore annotation', async () => {
    const annotated = goodPod((p) => {
      p.metadata.annotations = { 'kubeward.io/ignore': 'cap-sys-admin', 'kubeward.io/ignore-reason': 'trust me' };
      p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN'];
    });
    const answer = await server.client.review(reviewOf(annotated, { namespace: 'open' }));
    expect(answer.response.allowed).toBe(false);
    expect(answer.response.status.message).toContain('"cap-sys-admin"');
  });

  it('on UPDATE, a finding the old object already had warns instead of blocking (finalizers, scaling)', async () => {
    const risky = (p: Record<string, any>) => {
      p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN'];
    };
    const old = asWorkload(goodPod(risky), 'Deployment');
    const scaled = asWorkload(goodPod(risky), 'Deployment');
    scaled.spec.replicas = 5;
    const update = await server.client.review(reviewOf(scaled, { namespace: 'open', operation: 'UPDATE', oldObject: old }));
    expect(update.response.allowed).toBe(true);
    expect(update.response.warnings.join(' ')).toMatch(/\[cap-sys-admin\] .*already there before this update, so not blocking/);
    const create = await server.client.review(reviewOf(scaled, { namespace: 'open' }));
    expect(create.response.allowed).toBe(false);
  });

  it('does not judge objects by what else is in their namespace (context checks are off at admission)', async () => {
    const answer = await server.client.review(reviewOf(asWorkload(goodPod(), 'Deployment'), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(true);
    expect(JSON.stringify(answer.response)).not.toMatch(/workload-no-network-policy|pdb-missing/);
  });
});

describe('CEL policies', () => {
  it('denies with the API server\'s ValidatingAdmissionPolicy message', async () => {
    const answer = await server.client.review(reviewOf(goodPod((p) => { p.spec.containers[0].image = 'docker.io/library/nginx:1.27.0@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e'; }), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(false);
    expect(answer.response.status.message).toMatch(/^ValidatingAdmissionPolicy 'kubeward-trusted-registries' with binding 'kubeward-trusted-registries' denied request: /);
  });

  it('warns when --action turns a policy into a warning', async () => {
    const answer = await server.client.review(reviewOf(pod(), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(true);
    expectWellFormedWarnings(answer.response);
    expect(answer.response.warnings.join(' ')).toMatch(/^Validation failed for ValidatingAdmissionPolicy 'kubeward-required-labels' with binding 'kubeward-required-labels': /);
  });

  it('audits when --action says audit', async () => {
    const answer = await server.client.review(reviewOf(goodPod((p) => { p.spec.containers[0].image = 'registry.example.com/team/app:latest'; }), { namespace: 'open' }));
    expect(answer.response.allowed).toBe(true);
    const failure = JSON.parse(answer.response.auditAnnotations['policy-validation.policy.admission.k8s.io-validation_failure']);
    expect(failure[0]).toMatchObject({ policy: 'kubeward-no-latest-tag', binding: 'kubeward-no-latest-tag', validationActions: ['Audit'] });
  });

  it('lets DELETE through: no policy in the library matches it', async () => {
    const privileged = goodPod((p) => { p.spec.containers[0].securityContext.privileged = true; });
    const answer = await server.client.review(reviewOf(null, { namespace: 'shop', operation: 'DELETE', oldObject: privileged }));
    expect(answer.response).toEqual({ uid: expect.any(String), allowed: true });
  });
});

describe('exemptions', () => {
  const privileged = () => goodPod((p) => { p.spec.containers[0].securityContext.privileged = true; });

  it.each([
    ['namespace', { namespace: 'sandbox' }, 'namespace sandbox'],
    ['own namespace', { namespace: 'kubeward' }, 'namespace kubeward'],
    ['user', { namespace: 'shop', username: 'break-glass@example.com' }, 'user break-glass@example.com'],
    ['own service account', { namespace: 'shop', username: 'system:serviceaccount:kubeward:kubeward' }, 'user system:serviceaccount:kubeward:kubeward'],
    ['group', { namespace: 'shop', groups: ['platform-admins'] }, 'group platform-admins'],
  ])('skips everything for an exempt %s', async (_, options, reason) => {
    const answer = await server.client.review(reviewOf(privileged(), options));
    expect(answer.response).toEqual({ uid: expect.any(String), allowed: true, auditAnnotations: { exempt: reason } });
  });

  it('skips workloads with an exempt runtimeClassName', async () => {
    const sandboxed = goodPod((p) => {
      p.spec.runtimeClassName = 'kata';
      p.spec.containers[0].securityContext.privileged = true;
    });
    const answer = await server.client.review(reviewOf(sandboxed, { namespace: 'shop' }));
    expect(answer.response.auditAnnotations).toEqual({ exempt: 'runtimeClass kata' });
    expect(answer.response.allowed).toBe(true);
  });

  it('does not exempt a user merely in another group', async () => {
    const answer = await server.client.review(reviewOf(privileged(), { namespace: 'shop', groups: ['developers'] }));
    expect(answer.response.allowed).toBe(false);
  });
});

describe('requests', () => {
  it('answers a v1beta1 review in v1beta1', async () => {
    const answer = await server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'shop', apiVersion: 'admission.k8s.io/v1beta1' }));
    expect(answer.apiVersion).toBe('admission.k8s.io/v1beta1');
    expect(answer.response.allowed).toBe(false);
  });

  it('evaluates a dry-run request like any other and labels it in the metrics', async () => {
    const answer = await server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'shop', dryRun: true }));
    expect(answer.response.allowed).toBe(false);
    const metrics = await server.client.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/kubeward_admission_requests_total\{operation="CREATE",kind="Pod",decision="deny",dry_run="true"\} 1/);
    expect(metrics.body).toMatch(/kubeward_admission_request_duration_seconds_bucket\{le="0.005",operation="CREATE"\} \d+/);
    expect(metrics.body).toMatch(/kubeward_admission_policies_loaded\{type="validating_admission_policies"\} 20/);
  });

  // With batching (the default), the reviews whose bodies complete in one turn are evaluated together; without it,
  // each on arrival. Either way every review gets its own verdict.
  for (const batching of [true, false]) {
    it(`answers 96 reviews sent at once on 16 connections each with its own verdict (batching ${batching ? 'on' : 'off'})`, async () => {
      const target = batching ? server : await startServer(certs, settings, { namespaces: watchNamespaceFile(labelsFile, { read: readNamespaceLabels, logger: silentLogger }), serve: { batching } });
      const client = new HttpsClient(target.url, certs.ca, { maxSockets: 16 });
      try {
        const cases = Array.from({ length: 96 }, (_, i) => {
          const namespace = ['shop', 'open', 'legacy'][i % 3];
          const risky = i % 2 === 0;
          return { review: reviewOf(risky ? goodPod(withoutDrop) : goodPod(), { namespace }), allowed: !(risky && namespace === 'shop'), warned: risky && namespace === 'legacy' };
        });
        const answers = await Promise.all(cases.map(({ review }) => client.review(review)));
        answers.forEach((answer, i) => {
          expect(answer.response.uid).toBe(cases[i].review.request.uid);
          expect(answer.response.allowed).toBe(cases[i].allowed);
          expect((answer.response.warnings ?? []).some((w: string) => w.includes('restricted:latest'))).toBe(cases[i].warned);
        });
      } finally {
        client.close();
        if (target !== server) await target.close();
      }
    });
  }

  it('serves health and readiness', async () => {
    expect((await server.client.request('GET', '/healthz')).status).toBe(200);
    expect((await server.client.request('GET', '/readyz')).body).toBe('ok\n');
  });
});

describe('namespace labels', () => {
  it('follow the labels file: a label change takes effect without a restart', async () => {
    const risky = reviewOf(goodPod(withoutDrop), { namespace: 'open' });
    expect((await server.client.review(risky)).response.allowed).toBe(true);
    writeFile(dir, 'namespaces.yaml', `${LABELS.replace('open: {}', 'open:\n  pod-security.kubernetes.io/enforce: restricted')}`);
    const denied = await eventually(() => server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'open' })), (answer) => answer.response.allowed === false);
    expect(denied.response.status.message).toBe(`violates PodSecurity "restricted:latest": ${CAPS_MESSAGE}`);
    writeFile(dir, 'namespaces.yaml', LABELS);
    const allowedAgain = await eventually(() => server.client.review(reviewOf(goodPod(withoutDrop), { namespace: 'open' })), (answer) => answer.response.allowed === true);
    expect(allowedAgain.response.allowed).toBe(true);
  });
});
