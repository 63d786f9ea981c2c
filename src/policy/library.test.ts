import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../cli/io.js';
import { runCli } from '../cli/program.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIBRARY_POLICIES = [
  'kubeward-allowed-volume-types',
  'kubeward-drop-all-capabilities',
  'kubeward-ingress-tls',
  'kubeward-no-cluster-admin-binding',
  'kubeward-no-host-namespaces',
  'kubeward-no-host-path',
  'kubeward-no-host-ports',
  'kubeward-no-latest-tag',
  'kubeward-no-nodeport-services',
  'kubeward-no-privileged',
  'kubeward-no-wildcard-rbac',
  'kubeward-non-root-groups',
  'kubeward-probes-required',
  'kubeward-read-only-root-filesystem',
  'kubeward-required-labels',
  'kubeward-required-security-context',
  'kubeward-resource-limits',
  'kubeward-safe-sysctls',
  'kubeward-seccomp-profile',
  'kubeward-trusted-registries',
];

async function policyTest(args: string[]) {
  const io = memoryIo({ cwd: REPO });
  const code = await runCli(['policy', 'test', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('kubeward policy test policies/ (the shipped library)', () => {
  it('passes every case of every shipped policy', async () => {
    const { code, out } = await policyTest(['policies']);
    console.log(out.split('\n').slice(-2).join('\n'));
    expect(out).toMatch(/\n20 test files\n\d+ passed, 0 failed, 0 skipped\n$/);
    for (const name of LIBRARY_POLICIES) expect(out).toContain(`PASS  policies/${name}/test.yaml › ${name} › `);
    expect(Number(/(\d+) passed/.exec(out)?.[1])).toBeGreaterThanOrEqual(104);
    expect(code).toBe(0);
  });

  it('prints one line per case, filters with --run and writes JSON', async () => {
    const { code, out } = await policyTest(['policies/kubeward-no-privileged', '--run', 'privileged container is denied', '-o', 'json']);
    const report = JSON.parse(out);
    expect(report.summary).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(report.files[0].cases).toEqual([{ id: 'policies/kubeward-no-privileged/test.yaml › kubeward-no-privileged › privileged container is denied', status: 'pass' }]);
    expect(code).toBe(0);
  });

  it('exits 2 when no test case is found and on a bad output format', async () => {
    const none = await policyTest(['src/policy/cel']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no policy test cases found');
    expect((await policyTest(['policies', '-o', 'yaml'])).code).toBe(2);
  });
});
