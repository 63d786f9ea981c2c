/**
 * kubeward scan --cluster end to end against the fixture cluster, through @kubernetes/client-node's kubeconfig
 * handling and the fake API server (a test double): expected findings, same findings as a file scan, every
 * authentication method, scoping flags, and that secret values never leave the reader.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { registerClusterOptions, scanCluster, validateClusterFlags } from '../../src/cli/commands/scan-cluster.js';
import { exitCodeFor, scanManifests } from '../../src/cli/commands/scan.js';
import { ExitCodes } from '../../src/cli/io.js';
import { UsageError } from '../../src/core/errors.js';
import { formatReport, REPORT_FORMATS } from '../../src/report/index.js';
import { FIXTURE_DIR, SECRET_VALUES, findingKeys, findingsOf, scanFlags, startFixtureCluster, testIo, type FixtureCluster } from './helpers.js';

let cluster: FixtureCluster;

beforeAll(async () => {
  cluster = await startFixtureCluster();
});
afterAll(async () => {
  await cluster.close();
});

describe('scan --cluster on the fixture cluster', () => {
  it('finds the workload, CRD and live-only findings', async () => {
    const { report, failOn } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig() }), testIo(cluster.dir));
    expect(report.metadata.source).toEqual({ type: 'cluster', paths: [], files: [], context: 'fake' });
    expect(report.diagnostics).toEqual([]);

    const privileged = report.results.filter((f) => f.ruleId === 'privileged');
    expect(privileged.map((f) => [f.object, f.path])).toContainEqual([
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', namespace: 'payments', name: 'checkout' },
      'spec.template.spec.containers[0].securityContext.privileged',
    ]);
    expect(findingsOf(report.results, 'pod-without-controller')).toEqual(['Pod shop/debug-shell']);
    expect(findingsOf(report.results, 'legacy-service-account-token')).toEqual(['Secret payments/payments-token']);
    // kube-system is left out by the rule's default ignoredNamespaces.
    expect(findingsOf(report.results, 'namespace-pod-security-not-enforced')).toEqual(['Namespace /default', 'Namespace /ops', 'Namespace /payments']);
    expect(findingsOf(report.results, 'kubelet-version-skew')).toEqual(['Node /worker-old']);
    // cluster-admin granted to a group; the bootstrap binding to system:masters is the platform's own.
    expect(findingsOf(report.results, 'rbac-cluster-admin-binding')).toEqual(['ClusterRoleBinding /ops-team-admin']);
    // Cluster findings have no file: they are located by context/namespace/kind/name.
    expect(report.results.every((f) => f.location === undefined)).toBe(true);
    expect(exitCodeFor(report, failOn)).toBe(ExitCodes.FINDINGS);
  });

  it('finds the same as a scan of the same objects from files', async () => {
    const io = testIo(cluster.dir);
    const fromFiles = await scanManifests([FIXTURE_DIR], scanFlags({ cluster: undefined }), io);
    const fromCluster = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig() }), io);
    expect(fromCluster.report.results.length).toBeGreaterThan(10);
    expect(findingKeys(fromCluster.report.results)).toEqual(findingKeys(fromFiles.report.results));
    expect(fromCluster.report.summary.objects).toBe(fromFiles.report.summary.objects);
  });

  it('authenticates with a client certificate', async () => {
    const clientCert = cluster.server.issueClientCert('carol', ['security-auditors']);
    const { report } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig({ clientCert }) }), testIo(cluster.dir));
    expect(report.diagnostics).toEqual([]);
    expect(findingsOf(report.results, 'pod-without-controller')).toEqual(['Pod shop/debug-shell']);
    expect(cluster.server.requests.filter((r) => r.user === 'carol').length).toBeGreaterThan(10);
  });

  it('authenticates with an exec credential plugin', async () => {
    const plugin = path.join(cluster.dir, 'credential-plugin.mjs');
    const runs = path.join(cluster.dir, 'plugin-runs.txt');
    writeFileSync(plugin, [
      `import { appendFileSync } from 'node:fs';`,
      `appendFileSync(${JSON.stringify(runs)}, 'run\\n');`,
      `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'admin' } }));`,
    ].join('\n'));
    const kubeconfig = cluster.kubeconfig({
      raw: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } },
    });
    const { report } = await scanCluster(scanFlags({ kubeconfig }), testIo(cluster.dir));
    expect(report.diagnostics).toEqual([]);
    expect(findingsOf(report.results, 'legacy-service-account-token')).toEqual(['Secret payments/payments-token']);
    // The credential has no expiry: like kubectl, the scan runs the plugin once, not once per request.
    expect(readFileSync(runs, 'utf8')).toBe('run\n');
  });

  it('reads the kubeconfig from $KUBECONFIG and --context picks the context', async () => {
    const file = cluster.kubeconfig();
    const { report } = await scanCluster(scanFlags({ context: 'fake' }), testIo(cluster.dir, { KUBECONFIG: file }));
    expect(report.metadata.source.context).toBe('fake');
    expect(report.summary.objects).toBeGreaterThan(20);
  });

  it('reports a forbidden kind as a warning and goes on', async () => {
    const { report, failOn } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig({ token: 'noSecrets' }) }), testIo(cluster.dir));
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ level: 'warning' });
    expect(report.diagnostics[0].message).toMatch(/^could not list secrets: forbidden/);
    expect(report.diagnostics[0].cause).toContain('User "auditor" cannot list resource "secrets"');
    expect(findingsOf(report.results, 'legacy-service-account-token')).toEqual([]);
    expect(findingsOf(report.results, 'pod-without-controller')).toEqual(['Pod shop/debug-shell']);
    // Not seeing some kinds is said, but does not turn the run into a usage error.
    expect(exitCodeFor(report, failOn)).toBe(ExitCodes.FINDINGS);
  });

  it('never lets a secret value reach any output', async () => {
    const { report } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig() }), testIo(cluster.dir));
    expect(findingsOf(report.results, 'legacy-service-account-token')).toHaveLength(1);
    for (const format of REPORT_FORMATS) {
      const text = formatReport(report, format);
      for (const value of SECRET_VALUES) expect(text, `${format} output`).not.toContain(value);
    }
  });

  it('-n scans one namespace and its Namespace object', async () => {
    const { report } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig(), namespace: 'payments' }), testIo(cluster.dir));
    const scanned = report.objects.map((o) => `${o.object.kind} ${o.object.namespace ?? ''}/${o.object.name}`);
    expect(scanned).toContain('Namespace /payments');
    expect(scanned).toContain('Rollout payments/checkout');
    expect(report.objects.every((o) => o.object.namespace === 'payments' || (o.object.kind === 'Namespace' && o.object.name === 'payments'))).toBe(true);
    expect(findingsOf(report.results, 'namespace-pod-security-not-enforced')).toEqual(['Namespace /payments']);
    const podLists = cluster.server.requests.filter((r) => r.path.endsWith('/pods') && r.user === 'admin');
    expect(podLists.at(-1)?.path).toBe('/api/v1/namespaces/payments/pods');
  });

  it('-l passes the label selector to every list', async () => {
    const { report } = await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig(), selector: 'app.kubernetes.io/name=web' }), testIo(cluster.dir));
    const scanned = report.objects.map((o) => `${o.object.kind} ${o.object.name}`).sort();
    expect(scanned).toEqual(['Deployment web', 'Pod web-7d9f6c-4xk2p', 'Pod web-7d9f6c-9qz7m', 'ReplicaSet web-7d9f6c']);
  });

  it('a selector the API server rejects is a usage error', async () => {
    await expect(scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig(), selector: 'app in (web' }), testIo(cluster.dir)))
      .rejects.toThrow(/--selector app in \(web/);
  });

  it('shows progress on a terminal only', async () => {
    const quiet = testIo(cluster.dir);
    await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig() }), quiet);
    expect(quiet.err()).toBe('');
    const terminal = { ...testIo(cluster.dir), stderrIsTTY: true };
    let progress = '';
    await scanCluster(scanFlags({ kubeconfig: cluster.kubeconfig() }), { ...terminal, stderr: (text: string) => { progress += text; } });
    expect(progress).toMatch(/listed \d+\/\d+ resource types, \d+ objects/);
    expect(progress.endsWith('\r\u001b[K')).toBe(true);
  });
});

describe('cluster flags', () => {
  it('registers the options under the names ClusterFlags uses', () => {
    const command = registerClusterOptions(new Command('scan').exitOverride());
    command.parse(['--cluster', '--context', 'prod', '--kubeconfig', 'kc', '-n', 'shop', '-l', 'app=web', '--apply-reports', '--print-rbac'], { from: 'user' });
    expect(command.opts()).toEqual({ cluster: true, context: 'prod', kubeconfig: 'kc', namespace: 'shop', selector: 'app=web', applyReports: true, printRbac: true });
    expect(registerClusterOptions(new Command('scan')).parse(['-A'], { from: 'user' }).opts()).toEqual({ allNamespaces: true });
  });

  it('rejects combinations that mean nothing', () => {
    expect(() => validateClusterFlags({ namespace: 'x' }, [])).toThrow('--namespace needs --cluster');
    expect(() => validateClusterFlags({ cluster: true }, ['deploy.yaml'])).toThrow(/do not pass paths/);
    expect(() => validateClusterFlags({ cluster: true, namespace: 'a', allNamespaces: true }, [])).toThrow(UsageError);
    expect(() => validateClusterFlags({ cluster: true, applyReports: true, selector: 'a=b' }, [])).toThrow(/whole namespace/);
    expect(() => validateClusterFlags({ cluster: true, namespace: 'a', context: 'c' }, [])).not.toThrow();
    expect(() => validateClusterFlags({ printRbac: true }, [])).not.toThrow();
  });
});

describe('kubeward scan --cluster through the CLI', () => {
  it('scans the cluster, prints RBAC, and asks for paths or --cluster', async () => {
    const { runCli } = await import('../../src/cli/program.js');
    const { memoryIo } = await import('../../src/cli/io.js');
    const io = memoryIo({ cwd: cluster.dir });
    expect(await runCli(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig(), '-f', 'json'], io)).toBe(ExitCodes.FINDINGS);
    const report = JSON.parse(io.out());
    expect(report.metadata.source.type).toBe('cluster');
    expect(report.results.some((f: { ruleId: string }) => f.ruleId === 'pod-without-controller')).toBe(true);
    const rbac = memoryIo({ cwd: cluster.dir });
    expect(await runCli(['scan', '--print-rbac'], rbac)).toBe(ExitCodes.OK);
    expect(rbac.out()).toContain('kind: ClusterRole');
    const none = memoryIo({ cwd: cluster.dir });
    expect(await runCli(['scan'], none)).toBe(ExitCodes.USAGE);
    expect(none.err()).toContain('--cluster');
  });
});
