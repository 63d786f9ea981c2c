/**
 * Human output for terminals: findings grouped by object (file:line, kind namespace/name), each with its fix,
 * then diagnostics, then a summary that states the same counts as the JSON and SARIF of the same run.
 */
import { createColors } from 'picocolors';
import { SEVERITIES, type Finding, type Severity } from '../core/finding.js';
import { describeObject, groupFindingsByObject, ruleLookup, stripControl, SUPPRESSION_LABELS, type ObjectGroup } from './common.js';
import type { ScanReport } from './model.js';

type Colors = ReturnType<typeof createColors>;

export interface TextOptions {
  color?: boolean;
  /** Hide suppressed findings (they still count in the summary). */
  onlyFailed?: boolean;
}

function severityPainter(colors: Colors): Record<Severity, (text: string) => string> {
  return {
    critical: (text) => colors.bold(colors.red(text)),
    high: colors.red,
    medium: colors.yellow,
    low: colors.cyan,
    info: colors.dim,
  };
}

export function formatText(report: ScanReport, options: TextOptions = {}): string {
  const colors = createColors(options.color ?? false);
  const paint = severityPainter(colors);
  const rule = ruleLookup(report);
  const lines: string[] = [];

  const groups = groupFindingsByObject(report)
    .map((group) => (options.onlyFailed ? { ...group, findings: group.findings.filter((f) => !f.suppressed) } : group))
    .filter((group) => group.findings.length > 0);

  for (const group of groups) {
    lines.push(objectHeading(group, colors));
    for (const finding of group.findings) {
      lines.push(...findingLines(finding, rule(finding.ruleId)?.remediation, paint, colors));
    }
    lines.push('');
  }
  if (groups.length === 0) lines.push(report.summary.findings === 0 ? colors.green('No problems found.') : 'No unsuppressed problems to show.', '');

  if (report.diagnostics.length > 0) {
    lines.push(colors.bold(`Diagnostics (${report.diagnostics.length})`));
    for (const diagnostic of report.diagnostics) {
      const level = diagnostic.level === 'warning' ? colors.yellow(diagnostic.level) : colors.red(diagnostic.level);
      const where = diagnostic.location && !diagnostic.message.startsWith(diagnostic.location.file)
        ? `${stripControl(diagnostic.location.file)}:${diagnostic.location.line}: `
        : '';
      lines.push(`  ${level} ${diagnostic.code} ${where}${stripControl(diagnostic.message)}`);
    }
    lines.push('');
  }

  lines.push(...summaryLines(report, paint, colors));
  return `${lines.join('\n')}\n`;
}

function objectHeading(group: ObjectGroup, colors: Colors): string {
  const where = group.location ? `${stripControl(group.location.file)}:${group.location.line}` : '(no file)';
  return `${colors.underline(where)}  ${colors.bold(stripControl(describeObject(group.object)))}`;
}

function findingLines(
  finding: Finding,
  remediation: string | undefined,
  paint: Record<Severity, (text: string) => string>,
  colors: Colors,
): string[] {
  const where = [finding.path, finding.location ? `line ${finding.location.line}` : undefined].filter(Boolean).join(', ');
  const detail = `${finding.ruleId} ${stripControl(finding.message)}${where ? colors.dim(` (${stripControl(where)})`) : ''}`;
  if (finding.suppressed) {
    const { kind, reason, expires } = finding.suppressed;
    const until = expires ? `, until ${expires}` : '';
    return [
      `  ${colors.dim(`[SUPPRESSED ${finding.severity.toUpperCase()}]`)} ${colors.dim(detail)}`,
      `      ${colors.dim(`by ${SUPPRESSION_LABELS[kind]}${until}: ${stripControl(reason)}`)}`,
    ];
  }
  const lines = [`  ${paint[finding.severity](`[${finding.severity.toUpperCase()}]`)} ${detail}`];
  if (remediation) lines.push(`      ${colors.green('fix:')} ${stripControl(remediation)}`);
  return lines;
}

function summaryLines(report: ScanReport, paint: Record<Severity, (text: string) => string>, colors: Colors): string[] {
  const { summary } = report;
  const scoreColor = summary.score >= 90 ? colors.green : summary.score >= 70 ? colors.yellow : colors.red;
  const counts = SEVERITIES.map((severity) => paint[severity](`${summary.bySeverity[severity]} ${severity}`)).join(', ');
  const lines = [
    colors.bold('Summary'),
    `  Objects: ${summary.objects}   Checks: ${summary.evaluations} (${summary.pass} passed, ${summary.fail} failed, ${summary.skip} suppressed, ${plural(summary.error, 'error')})`,
    `  Findings: ${summary.findings} (${counts}); ${summary.suppressed} suppressed`,
    `  Score: ${scoreColor(`${summary.score}/100`)}`,
  ];
  if (summary.namespaces.length > 0) {
    const width = Math.max(...summary.namespaces.map((ns) => ns.namespace.length));
    lines.push('  By namespace:');
    for (const ns of summary.namespaces) {
      lines.push(`    ${stripControl(ns.namespace).padEnd(width)}  ${String(ns.score).padStart(3)}/100  ${plural(ns.objects, 'object')}, ${plural(ns.fail, 'failed check')}`);
    }
  }
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
