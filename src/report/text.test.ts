import { describe, expect, it } from 'vitest';
import { formatText } from './text.js';
import { E2E_MANIFEST, hostileReport, sampleReport, scanManifestText } from './sample-report.js';

// eslint-disable-next-line no-control-regex -- ANSI escapes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;

describe('text formatter', () => {
  const output = formatText(sampleReport());
  const lines = output.split('\n');

  it('groups findings by object under file:line and kind namespace/name, files first', () => {
    const headings = lines.filter((line) => line !== '' && !line.startsWith(' ') && !['Summary', 'Diagnostics (2)'].includes(line));
    expect(headings).toEqual(['deploy/web.yaml:1  Deployment shop/web', 'rbac.yaml:1  ClusterRoleBinding admins', '(no file)  Pod default/debug']);
  });

  it('prints each finding as [SEVERITY] rule-id message (path, line) followed by its fix, worst first', () => {
    const start = lines.indexOf('deploy/web.yaml:1  Deployment shop/web');
    expect(lines.slice(start + 1, start + 9)).toEqual([
      '  [CRITICAL] privileged Container "app" runs privileged. (spec.template.spec.containers[0].securityContext.privileged, line 24)',
      '      fix: Remove securityContext.privileged or set it to false; grant only the specific capabilities the process needs.',
      '  [HIGH] run-as-non-root Container "app" may run as root. (spec.template.spec.containers[0].securityContext, line 22)',
      '      fix: Set securityContext.runAsNonRoot: true.',
      '  [SUPPRESSED LOW] latest-tag Container "app" uses image nginx:latest. (spec.template.spec.containers[0].image, line 20)',
      '      by annotation: pinned by digest in the prod overlay',
      '  [INFO] missing-labels Deployment has no app.kubernetes.io/name label. (metadata.labels, line 4)',
      '      fix: Add app.kubernetes.io/name.',
    ]);
    expect(output).toContain('      by config exemption, until 2099-01-01: debug pods are short-lived');
  });

  it('lists diagnostics: parse errors and crashed rules', () => {
    expect(output).toContain('Diagnostics (2)\n  error E_MANIFEST_PARSE broken.yaml:3:5: YAML parse error: bad indentation of a mapping entry\n');
    expect(output).toContain('  error E_RULE_CRASHED deploy/web.yaml:31: rule resource-limits failed on Deployment shop/api');
  });

  it('ends with a summary that states the report summary: counts by severity, suppressed, score overall and per namespace', () => {
    const report = sampleReport();
    const summary = output.slice(output.indexOf('Summary\n'));
    expect(summary).toBe(
      [
        'Summary',
        '  Objects: 4   Checks: 16 (8 passed, 5 failed, 2 suppressed, 1 error)',
        '  Findings: 5 (2 critical, 2 high, 0 medium, 0 low, 1 info); 2 suppressed',
        `  Score: ${report.summary.score}/100`,
        '  By namespace:',
        ...report.summary.namespaces.map((ns) => `    ${ns.namespace.padEnd(9)}  ${String(ns.score).padStart(3)}/100  ${ns.objects} object${ns.objects === 1 ? '' : 's'}, ${ns.fail} failed check${ns.fail === 1 ? '' : 's'}`),
        '',
      ].join('\n'),
    );
    expect(report.summary).toMatchObject({ objects: 4, evaluations: 16, pass: 8, fail: 5, skip: 2, error: 1, findings: 5, suppressed: 2 });
  });

  it('hides suppressed findings with onlyFailed but still counts them', () => {
    const onlyFailed = formatText(sampleReport(), { onlyFailed: true });
    expect(onlyFailed).not.toContain('SUPPRESSED');
    expect(onlyFailed).not.toContain('nginx:latest');
    expect(onlyFailed).toContain('[CRITICAL] privileged');
    expect(onlyFailed).toContain('; 2 suppressed');
  });

  it('uses colours only when asked, and the words are the same either way', () => {
    expect(output).not.toMatch(ANSI);
    const coloured = formatText(sampleReport(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(output);
  });

  it('strips control characters that a crafted manifest could use to drive the terminal', () => {
    const hostile = formatText(hostileReport());
    // eslint-disable-next-line no-control-regex -- none may reach the terminal
    expect(hostile).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(hostile).toContain('Pod ns-x/evil<img');
  });

  it('says so when a scan found nothing', () => {
    const clean = formatText(sampleReport({ findings: [], diagnostics: [] }));
    expect(clean.startsWith('No problems found.\n\nSummary\n')).toBe(true);
    expect(clean).toContain('  Findings: 0 (0 critical, 0 high, 0 medium, 0 low, 0 info); 0 suppressed\n');
  });

  it('renders an end-to-end scan with the built-in rules', () => {
    expect(formatText(scanManifestText(E2E_MANIFEST, 'deploy.yaml'))).toContain('deploy.yaml:1  Deployment shop/web\n  [CRITICAL] privileged');
  });
});
