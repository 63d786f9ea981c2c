/**
 * `kubeward admission manifests`: the install YAML passes kubeward's own scan (`--pss restricted`, every default
 * check, --fail-on low) with zero findings, through the real scan pipeline; and it has what the webhook conventions
 * ask for (VWC settings, HA Deployment, least-privilege RBAC), in both TLS modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor, scanManifests, type ScanFlags } from '../../src/cli/commands/scan.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import type { K8sObject } from '../../src/core/k8s/object.js';
import { fromYaml } from '../../src/testing/fixtures.js';
import { makeCerts, POLICY_DIR, REPO_ROOT, removeDir, tempDir, writeFile, type TestCerts } from './helpers.js';

const PINNED_IMAGE = 'ghcr.io/kubeward/kubeward:0.1.0@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e';

let certs: TestCerts;
let dir: string;

beforeAll(async () => {
  certs = await makeCerts();
  dir = tempDir();
});

afterAll(() => {
  removeDir(dir);
  removeDir(certs.dir);
});

async function manifests(args: string[]): Promise<{ yaml: string; objects: K8sObject[]; stderr: string }> {
  const io = memoryIo({ cwd: REPO_ROOT });
  const code = await runCli(['admission', 'manifests', ...args], io);
  expect(code, io.err()).toBe(0);
  return { yaml: io.out(), objects: fromYaml(io.out()), stderr: io.err() };
}

async function scan(yaml: string, name: string) {
  const file = writeFile(dir, name, yaml);
  const flags: ScanFlags = { format: 'json', output: [], exclude: [], config: false, pss: 'restricted', failOn: 'low' };
  const { report, failOn } = await scanManifests([file], flags, memoryIo({ cwd: dir }));
  return { report, exitCode: exitCodeFor(report, failOn) };
}

const find = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe.each([
  ['self-managed TLS with the policy library', () => ['--ca-bundle', certs.caFile, '--policy', POLICY_DIR, '--image', PINNED_IMAGE]],
  ['cert-manager', () => ['--cert-manager', '--namespace', 'security', '--image', PINNED_IMAGE, '--failure-policy', 'Fail']],
  ['cert-manager with client certificates', () => ['--cert-manager', '--image', PINNED_IMAGE, '--client-name', 'kube-apiserver']],
])('%s', (name, args) => {
  it('passes `kubeward scan --pss restricted --fail-on low` with zero findings', async () => {
    const { yaml } = await manifests(args());
    const { report, exitCode } = await scan(yaml, `${name.replace(/\W+/g, '-')}.yaml`);
    expect(report.results.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(report.diagnostics.filter((d) => d.level !== 'warning')).toEqual([]);
    expect(exitCode).toBe(0);
  });
});

describe('what the manifests contain', () => {
  it('self-managed TLS: the caBundle printed by `certs`, and the conventions of a safe webhook', async () => {
    const { objects } = await manifests(['--ca-bundle', certs.caFile, '--policy', POLICY_DIR]);
    const [vwc] = find(objects, 'ValidatingWebhookConfiguration');
    const [webhook] = vwc.webhooks;
    expect(webhook.clientConfig.caBundle).toBe(certs.caBundle);
    expect(webhook.clientConfig.service).toEqual({ name: 'kubeward-webhook', namespace: 'kubeward', path: '/validate', port: 443 });
    expect(webhook).toMatchObject({ name: 'validate.kubeward.io', admissionReviewVersions: ['v1'], sideEffects: 'None', failurePolicy: 'Ignore', timeoutSeconds: 5, matchPolicy: 'Equivalent' });
    expect(webhook.namespaceSelector.matchExpressions).toEqual([
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-node-lease', 'kubeward'] },
      { key: 'kubeward.io/ignore', operator: 'DoesNotExist' },
    ]);
    expect(webhook.matchConditions[0].expression).toContain("'system:serviceaccount:kubeward:kubeward'");
    const resources = webhook.rules.flatMap((r: any) => r.resources.map((res: string) => `${r.apiGroups[0]}/${res}`));
    expect(resources).toEqual(expect.arrayContaining(['/pods', '/pods/ephemeralcontainers', 'apps/deployments', 'batch/cronjobs', '/services', 'rbac.authorization.k8s.io/clusterrolebindings']));
    expect(resources.some((r: string) => /tokenreviews|subjectaccessreviews|leases/.test(r))).toBe(false);
    for (const rule of webhook.rules) expect(rule.operations).not.toContain('DELETE');

    const [deployment] = find(objects, 'Deployment');
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const spec = deployment.spec.template.spec;
    expect(spec.topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    const [container] = spec.containers;
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'https', scheme: 'HTTPS' });
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.resources.limits).toMatchObject({ cpu: '1', memory: '256Mi' });
    expect(container.args).toEqual(expect.arrayContaining(['admission', 'serve', '--policy=/etc/kubeward/policies', '--shutdown-delay=5s']));
    // Grace period covers the shutdown delay plus the drain.
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(20);
    expect(find(objects, 'PodDisruptionBudget')[0].spec.minAvailable).toBe(1);
    const [policies] = find(objects, 'ConfigMap');
    expect(Object.keys(policies.data)).toContain('kubeward-no-privileged-policy.yaml');
    expect(Object.keys(policies.data).some((key) => key.endsWith('test.yaml'))).toBe(false);

    const [role] = find(objects, 'ClusterRole');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]);
    expect(find(objects, 'Role')).toEqual([]);
  });

  it('cert-manager: Issuer and Certificate for the Service names, CA injection instead of a caBundle', async () => {
    const { objects } = await manifests(['--cert-manager', '--namespace', 'security']);
    const [vwc] = find(objects, 'ValidatingWebhookConfiguration');
    expect(vwc.metadata?.annotations).toEqual({ 'cert-manager.io/inject-ca-from': 'security/kubeward-webhook' });
    expect(vwc.webhooks[0].clientConfig.caBundle).toBeUndefined();
    const certificates = find(objects, 'Certificate');
    const serving = certificates.find((c) => c.metadata!.name === 'kubeward-webhook')!;
    expect(serving.spec.dnsNames).toEqual(['kubeward-webhook.security.svc', 'kubeward-webhook.security.svc.cluster.local']);
    expect(serving.spec.secretName).toBe('kubeward-webhook-tls');
    expect(find(objects, 'Issuer').map((i) => i.metadata!.name)).toEqual(['kubeward-selfsigned', 'kubeward-ca']);
  });

  it('an image not pinned by digest gets a note, and the scan says image-digest (and nothing else)', async () => {
    const { yaml, stderr } = await manifests(['--cert-manager']);
    expect(stderr).toContain('is not pinned by digest');
    const { report } = await scan(yaml, 'unpinned.yaml');
    expect(report.results.map((f) => f.ruleId)).toEqual(['image-digest']);
  });

  it('needs a TLS source', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await runCli(['admission', 'manifests'], io)).toBe(2);
    expect(io.err()).toContain('--cert-manager');
  });
});
