/**
 * A real kubectl against the fake API server (a test double), to show the double speaks real Kubernetes:
 * aggregated discovery, lists, paging, client certificates, SelfSubjectAccessReview. kubectl is required: CI
 * (.ci/run) installs Debian's kubernetes-client when it is missing, so a missing kubectl fails here on purpose.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, runKubectl, type KubectlResult } from '../../src/testing/kubectl.js';
import { startFixtureCluster, type FixtureCluster } from './helpers.js';

let cluster: FixtureCluster;

beforeAll(async () => {
  cluster = await startFixtureCluster();
});
afterAll(async () => {
  await cluster.close();
});

/** Runs kubectl asynchronously: the fake server lives in this process and must keep answering. */
function kubectl(kubeconfig: string, ...args: string[]): Promise<KubectlResult> {
  return runKubectl(kubeconfig, path.join(cluster.dir, 'kubectl-cache'), args);
}

describe('kubectl against the fake API server', () => {
  it('is installed', () => {
    expect(kubectlPath, 'kubectl not found on PATH or at /usr/bin/kubectl: install Debian\'s kubernetes-client (CI does in .ci/run)').toBeDefined();
  });

  it('get pods -A -o json lists the fixture pods', async () => {
    const result = await kubectl(cluster.kubeconfig(), 'get', 'pods', '-A', '-o', 'json');
    expect(result.code, result.stderr).toBe(0);
    const list = JSON.parse(result.stdout);
    expect(list.kind).toBe('List');
    expect(list.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual([
      'kube-system/kube-apiserver-cp-1', 'shop/debug-shell', 'shop/migrate-once', 'shop/web-7d9f6c-4xk2p', 'shop/web-7d9f6c-9qz7m',
    ]);
    expect(list.items.every((p: any) => p.apiVersion === 'v1' && p.kind === 'Pod')).toBe(true);
  });

  it('pages with --chunk-size and reads a custom resource', async () => {
    const kubeconfig = cluster.kubeconfig();
    const before = cluster.server.requests.length;
    const result = await kubectl(kubeconfig, 'get', 'pods', '-A', '-o', 'name', '--chunk-size=2');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(5);
    expect(cluster.server.requests.slice(before).filter((r) => r.path === '/api/v1/pods').map((r) => r.query.limit)).toEqual(['2', '2', '2']);
    const rollouts = await kubectl(kubeconfig, 'get', 'rollouts.argoproj.io', '-n', 'payments', '-o', 'json');
    expect(rollouts.code, rollouts.stderr).toBe(0);
    expect(JSON.parse(rollouts.stdout).items.map((r: any) => r.metadata.name)).toEqual(['checkout']);
  });

  it('api-resources shows built-in and custom resources', async () => {
    const result = await kubectl(cluster.kubeconfig(), 'api-resources');
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split('\n').map((line) => line.trim().split(/\s+/));
    const row = (name: string) => rows.find((r) => r[0] === name);
    expect(row('pods')).toEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(row('deployments')).toEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    expect(row('rollouts')).toEqual(['rollouts', 'ro', 'argoproj.io/v1alpha1', 'true', 'Rollout']);
    expect(row('clusterrolebindings')).toEqual(['clusterrolebindings', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRoleBinding']);
  });

  it('auth can-i answers from the fake authorizer, for a token and a client certificate', async () => {
    const yes = await kubectl(cluster.kubeconfig(), 'auth', 'can-i', 'list', 'pods');
    expect([yes.code, yes.stdout.trim()]).toEqual([0, 'yes']);
    const no = await kubectl(cluster.kubeconfig({ token: 'noSecrets' }), 'auth', 'can-i', 'list', 'secrets', '-A');
    expect([no.code, no.stdout.trim()]).toEqual([1, 'no']);
    const certificate = cluster.kubeconfig({ clientCert: cluster.server.issueClientCert('dana', ['developers']) });
    const withCert = await kubectl(certificate, 'auth', 'can-i', 'get', 'deployments.apps', '-n', 'shop');
    expect([withCert.code, withCert.stdout.trim()]).toEqual([0, 'yes']);
    expect(cluster.server.requests.some((r) => r.user === 'dana' && r.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toBe(true);
  });

  it('gets a Status error body kubectl understands', async () => {
    const forbidden = await kubectl(cluster.kubeconfig({ token: 'noSecrets' }), 'get', 'secrets', '-A');
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('Error from server (Forbidden): secrets is forbidden: User "auditor" cannot list resource "secrets" in API group "" at the cluster scope');
    const missing = await kubectl(cluster.kubeconfig(), 'get', 'pod', 'nope', '-n', 'shop', '-o', 'json');
    expect(missing.stderr).toContain('Error from server (NotFound): pods "nope" not found');
  });
});
