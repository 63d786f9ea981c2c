import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { scanManifests } from '../../src/cli/commands/scan.js';
import { createRegistry } from '../../src/core/engine/registry.js';
import { defineRule } from '../../src/core/engine/define-rule.js';
import privileged from '../../src/rules/privileged/privileged.rule.js';

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: tool
  namespace: ops
spec:
  containers:
  - name: tool
    image: registry.example.com/tool:1.0
    securityContext:
      privileged: true
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-scan-'));
  mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function scanJson(dir: string, args: string[], stdin?: string) {
  const io = memoryIo({ cwd: dir, ...(stdin !== undefined ? { stdin } : {}) });
  const code = await runCli(['scan', ...args, '-f', 'json'], io);
  return { code, report: io.out() ? JSON.parse(io.out()) : undefined, err: io.err() };
}

describe('kubeward scan', () => {
  it('finds a privileged container with file, line and column, and exits 1', async () => {
    const dir = workspace({ 'deploy/pod.yaml': PRIVILEGED_POD });
    const { code, report } = await scanJson(dir, ['deploy']);
    expect(code).toBe(1);
    const finding = report.results.find((f: any) => f.ruleId === 'privileged');
    expect(finding).toMatchObject({
      severity: 'critical',
      path: 'spec.containers[0].securityContext.privileged',
      location: { file: 'deploy/pod.yaml', line: 11, column: 7 },
      object: { kind: 'Pod', namespace: 'ops', name: 'tool' },
    });
  });

  it('reads stdin with -', async () => {
    const dir = workspace({});
    const { code, report } = await scanJson(dir, ['-'], PRIVILEGED_POD);
    expect(code).toBe(1);
    expect(report.results.some((f: any) => f.ruleId === 'privileged' && f.location.file === '<stdin>')).toBe(true);
  });

  it('keeps scanning the other documents when one fails to parse, and exits 2', async () => {
    const dir = workspace({ 'a.yaml': `${PRIVILEGED_POD}---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n` });
    const { code, report } = await scanJson(dir, ['a.yaml']);
    expect(code).toBe(2);
    expect(report.results.some((f: any) => f.ruleId === 'privileged')).toBe(true);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'E_MANIFEST_PARSE', location: expect.objectContaining({ file: 'a.yaml', doc: 1 }) })]);
  });

  it('honours --fail-on', async () => {
    const dir = workspace({ 'pod.yaml': PRIVILEGED_POD });
    expect((await scanJson(dir, ['pod.yaml', '--fail-on', 'none'])).code).toBe(0);
    expect((await scanJson(dir, ['pod.yaml', '--fail-on', 'critical'])).code).toBe(1);
    expect((await scanJson(dir, ['pod.yaml', '--fail-on', 'bogus'])).code).toBe(2);
  });

  it('marks findings suppressed by annotation, keeps them in the report, and does not fail on them', async () => {
    const annotated = PRIVILEGED_POD.replace('  namespace: ops\n', '  namespace: ops\n  annotations:\n    kubeward.io/ignore: privileged\n    kubeward.io/ignore-reason: node agent, reviewed by SEC-12\n');
    const dir = workspace({ 'pod.yaml': annotated });
    const { report } = await scanJson(dir, ['pod.yaml', '--fail-on', 'critical']);
    const finding = report.results.find((f: any) => f.ruleId === 'privileged');
    expect(finding.suppressed).toEqual({ kind: 'annotation', reason: 'node agent, reviewed by SEC-12' });
    expect(report.summary.suppressed).toBeGreaterThanOrEqual(1);
    const disallowed = await scanJson(dir, ['pod.yaml', '--disallow-annotation-exemptions']);
    expect(disallowed.report.results.find((f: any) => f.ruleId === 'privileged').suppressed).toBeUndefined();
  });

  it('applies config exemptions until they expire, found upwards from the scanned path', async () => {
    const config = (expires: string) => `version: 1\nexemptions:\n  - checks: [privileged]\n    namespaces: [ops]\n    names: ["to*"]\n    reason: approved in SEC-42\n    expires: ${expires}\n`;
    const active = workspace({ '.kubeward.yaml': config('2027-01-01'), 'apps/pod.yaml': PRIVILEGED_POD });
    const activeRun = await scanJson(active, ['apps/pod.yaml', '--fail-on', 'critical']);
    expect(activeRun.report.results.find((f: any) => f.ruleId === 'privileged').suppressed).toMatchObject({ kind: 'config', reason: 'approved in SEC-42' });
    const expired = workspace({ '.kubeward.yaml': config('2025-12-31'), 'apps/pod.yaml': PRIVILEGED_POD });
    const expiredRun = await scanJson(expired, ['apps/pod.yaml', '--fail-on', 'critical']);
    expect(expiredRun.code).toBe(1);
    expect(expiredRun.report.results.find((f: any) => f.ruleId === 'privileged').suppressed).toBeUndefined();
    expect(expiredRun.report.diagnostics.some((d: any) => d.code === 'E_EXEMPTION_EXPIRED')).toBe(true);
  });

  it('rejects an invalid config with the key named, exit 2', async () => {
    const dir = workspace({ '.kubeward.yaml': 'version: 1\nchecks:\n  privileged: loud\nexemptions:\n  - checks: [privileged]\n', 'pod.yaml': PRIVILEGED_POD });
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['scan', 'pod.yaml'], io)).toBe(2);
    expect(io.err()).toContain('checks.privileged');
    expect(io.err()).toContain('exemptions[0].reason');
  });

  it('disables checks and overrides severities from the config', async () => {
    const dir = workspace({ '.kubeward.yaml': 'version: 1\nchecks:\n  privileged: low\n', 'pod.yaml': PRIVILEGED_POD });
    const { report } = await scanJson(dir, ['pod.yaml']);
    expect(report.results.find((f: any) => f.ruleId === 'privileged').severity).toBe('low');
    const off = workspace({ '.kubeward.yaml': 'version: 1\nchecks:\n  privileged: off\n', 'pod.yaml': PRIVILEGED_POD });
    expect((await scanJson(off, ['pod.yaml'])).report.results.some((f: any) => f.ruleId === 'privileged')).toBe(false);
  });

  it('writes a baseline and then reports only new findings, even after unrelated edits move lines', async () => {
    const dir = workspace({ 'pod.yaml': PRIVILEGED_POD });
    await scanJson(dir, ['pod.yaml', '--write-baseline', 'baseline.json']);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.kind).toBe('Baseline');
    writeFileSync(path.join(dir, 'pod.yaml'), `# a new comment\n# and another\n${PRIVILEGED_POD}`);
    const rerun = await scanJson(dir, ['pod.yaml', '--baseline', 'baseline.json', '--fail-on', 'critical']);
    expect(rerun.code).toBe(0);
    expect(rerun.report.results.find((f: any) => f.ruleId === 'privileged').suppressed).toMatchObject({ kind: 'baseline' });
  });

  it('excludes files with --exclude and skips node_modules and .git', async () => {
    const dir = workspace({ 'a/pod.yaml': PRIVILEGED_POD, 'vendor/pod.yaml': PRIVILEGED_POD, 'node_modules/x/pod.yaml': PRIVILEGED_POD });
    const { report } = await scanJson(dir, ['.', '--exclude', 'vendor/**']);
    expect(report.metadata.source.files).toEqual(['a/pod.yaml']);
  });

  it('exits 2 when nothing was scanned and for a missing path', async () => {
    const dir = workspace({ 'empty.yaml': '# nothing\n' });
    expect((await scanJson(dir, ['empty.yaml'])).code).toBe(2);
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['scan', 'does-not-exist'], io)).toBe(2);
    expect(io.err()).toContain('does-not-exist');
  });

  it('reports a crashing rule as a diagnostic naming the rule and object, never as a pass, and exits 3', async () => {
    const crashing = defineRule({
      id: 'always-crashes',
      meta: { title: 't', category: 'hygiene', severity: 'low', description: 'd', remediation: 'r', appliesTo: 'workloads', messages: { m: 'm' } },
      check() { throw new Error('boom'); },
    });
    const dir = workspace({ 'pod.yaml': PRIVILEGED_POD });
    const { report, failOn } = await scanManifests(['pod.yaml'], { format: 'json', output: [], exclude: [] }, memoryIo({ cwd: dir }), createRegistry([privileged, crashing]));
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'E_RULE_CRASHED', ruleId: 'always-crashes', message: expect.stringContaining('Pod ops/tool') })]);
    expect(report.summary.error).toBe(1);
    expect(report.objects[0].rules).not.toContain('always-crashes');
    const { exitCodeFor } = await import('../../src/cli/commands/scan.js');
    expect(exitCodeFor(report, failOn)).toBe(3);
    expect(exitCodeFor(report, 'none')).toBe(0);
  });

  it('writes several formats in one run with --output', async () => {
    const dir = workspace({ 'pod.yaml': PRIVILEGED_POD });
    const io = memoryIo({ cwd: dir });
    await runCli(['scan', 'pod.yaml', '--output', 'json=out/report.json', '--output', 'sarif=out/report.sarif'], io);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).kind).toBe('ScanReport');
    expect(readFileSync(path.join(dir, 'out/report.sarif'), 'utf8').length).toBeGreaterThan(0);
    expect(await runCli(['scan', 'pod.yaml', '--output', 'nonsense'], memoryIo({ cwd: dir }))).toBe(2);
  });

  it('never prints Secret values', async () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: ops}\nstringData:\n  password: TOPSECRET-VALUE-123\ndata:\n  token: VE9QU0VDUkVULVZBTFVFLTQ1Ng==\n';
    const dir = workspace({ 'all.yaml': `${PRIVILEGED_POD}---\n${secret}` });
    for (const format of ['text', 'json', 'sarif', 'junit', 'html', 'policyreport']) {
      const io = memoryIo({ cwd: dir });
      await runCli(['scan', 'all.yaml', '-f', format], io);
      expect(io.out(), format).not.toContain('TOPSECRET');
      expect(io.out(), format).not.toContain('VE9QU0VDUkVU');
    }
  });
});

describe('kubeward scan with Pod Security Standards', () => {
  it('--pss restricted reports each failing check on its field, in the score and the exit code', async () => {
    const dir = workspace({ 'pod.yaml': PRIVILEGED_POD });
    const { code, report } = await scanJson(dir, ['pod.yaml', '--pss', 'restricted:v1.30', '--fail-on', 'critical']);
    expect(code).toBe(1);
    const pss = report.results.filter((f: any) => f.source === 'pss');
    expect(pss.map((f: any) => f.ruleId)).toContain('pss-privileged');
    expect(pss.find((f: any) => f.ruleId === 'pss-privileged')).toMatchObject({ path: 'spec.containers[0].securityContext.privileged', location: { line: 11 } });
    expect(report.objects[0].rules).toContain('pss-privileged');
    expect((await scanJson(dir, ['pod.yaml', '--pss', 'strict'])).code).toBe(2);
  });

  it('without --pss, evaluates workloads against their namespace labels (Namespace objects or --namespace-labels)', async () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n';
    const dir = workspace({ 'all.yaml': `${namespace}---\n${PRIVILEGED_POD}`, 'pod.yaml': PRIVILEGED_POD, 'labels.yaml': 'ops:\n  pod-security.kubernetes.io/warn: restricted\n' });
    const enforced = await scanJson(dir, ['all.yaml']);
    expect(enforced.report.results.find((f: any) => f.ruleId === 'pss-enforce')).toMatchObject({ severity: 'high', message: expect.stringContaining('violates PodSecurity "baseline:latest": privileged') });
    const warned = await scanJson(dir, ['pod.yaml', '--namespace-labels', 'labels.yaml']);
    expect(warned.report.results.find((f: any) => f.ruleId === 'pss-warn')).toMatchObject({ severity: 'medium' });
  });
});

describe('kubeward scan --policy', () => {
  it('applies the shipped CEL policies alongside the rules, as findings in every format', async () => {
    const dir = workspace({ 'pod.yaml': PRIVILEGED_POD });
    const policies = path.resolve(__dirname, '../../policies');
    const { code, report } = await scanJson(dir, ['pod.yaml', '--policy', policies, '--fail-on', 'critical']);
    expect(code).toBe(1);
    const finding = report.results.find((f: any) => f.ruleId === 'policy:kubeward-no-privileged');
    expect(finding).toMatchObject({ source: 'policy:kubeward-no-privileged', object: { kind: 'Pod', name: 'tool' }, location: { file: 'pod.yaml' } });
    expect(finding.message.length).toBeGreaterThan(0);
    const io = memoryIo({ cwd: dir });
    await runCli(['scan', 'pod.yaml', '--policy', policies, '-f', 'sarif'], io);
    expect(JSON.parse(io.out()).runs[0].results.some((r: any) => r.ruleId === 'policy:kubeward-no-privileged')).toBe(true);
    expect(await runCli(['scan', 'pod.yaml', '--policy', 'no-such-dir'], memoryIo({ cwd: dir }))).toBe(2);
  });
});

describe('kubeward checks', () => {
  it('lists checks and explains one', async () => {
    const io = memoryIo();
    expect(await runCli(['checks'], io)).toBe(0);
    expect(io.out()).toContain('privileged');
    const explain = memoryIo();
    expect(await runCli(['checks', 'explain', 'privileged'], explain)).toBe(0);
    expect(explain.out()).toContain('## Why it matters');
    expect(await runCli(['checks', 'explain', 'no-such-check'], memoryIo())).toBe(2);
  });
});

describe('docs/checks.md', () => {
  it('is the generated checks index (regenerate with `kubeward checks -o md > docs/checks.md`)', async () => {
    const { renderChecksIndex } = await import('../../src/cli/commands/checks.js');
    const { builtinRules } = await import('../../src/rules/index.js');
    expect(readFileSync(path.resolve(__dirname, '../../docs/checks.md'), 'utf8')).toBe(renderChecksIndex(builtinRules));
    expect(builtinRules.filter((rule) => !rule.meta.optional).length).toBeGreaterThanOrEqual(80);
  });
});
