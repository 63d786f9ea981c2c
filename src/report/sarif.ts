/**
 * SARIF 2.1.0 for GitHub code scanning (conventions §1.1): one run, every rule with help and a security-severity,
 * one result per finding with a repo-relative file region (or a logical `namespace/Kind/name` location for
 * objects without a file), stable fingerprints, suppressions, and diagnostics as tool execution notifications.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { ErrorCodes, nullThrows } from '../core/errors.js';
import type { Diagnostic, Finding, Severity, SourceLocation } from '../core/finding.js';
import type { ObjectRef } from '../core/k8s/object.js';
import { logicalName, ruleLookup } from './common.js';
import { compareFindings, type RuleSummary, type ScanReport } from './model.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our fingerprint in `partialFingerprints`; bump the version if the hashed fields change. */
export const FINGERPRINT_KEY = 'kubewardResultHash/v1';

/** GitHub reads these as critical (> 9.0), high (7.0–8.9), medium (4.0–6.9), low (0.1–3.9). */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub caps description and help texts at 1024 characters. */
const TEXT_LIMIT = 1024;

function capped(text: string): string {
  return text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 1)}…`;
}

export function formatSarif(report: ScanReport): string {
  const lookup = ruleLookup(report);
  const descriptors: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: RuleSummary) => {
    ruleIndex.set(rule.id, descriptors.length);
    descriptors.push(ruleDescriptor(rule));
  };
  for (const rule of report.rules) addRule(rule);
  // Findings from other sources (PSS levels, user policies) may name rules the report does not list.
  for (const finding of report.results) {
    if (!ruleIndex.has(finding.ruleId)) addRule(lookup(finding.ruleId) ?? placeholderRule(finding));
  }

  const results = [...report.results]
    .sort(compareFindings)
    .map((finding) => sarifResult(finding, nullThrows(ruleIndex.get(finding.ruleId), 'every finding has a rule descriptor')));
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'kubeward',
        version: report.metadata.tool.version,
        semanticVersion: report.metadata.tool.version,
        rules: descriptors,
      },
    },
    invocations: [invocation(report, ruleIndex)],
    columnKind: 'utf16CodeUnits',
    results,
  };
  const log: Sarif.Log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  // Compact: a SARIF log is read by code-scanning services, and indentation doubled its size (upload limits apply).
  return `${JSON.stringify(log)}\n`;
}

/** `run-as-non-root` -> `RunAsNonRoot`: SARIF's `name` is an identifier, the title goes in shortDescription. */
function pascalCase(id: string): string {
  return id.replace(/(^|[-_./:])(\w)/g, (_whole, _sep: string, letter: string) => letter.toUpperCase());
}

function ruleDescriptor(rule: RuleSummary): Sarif.ReportingDescriptor {
  const references = rule.references.map((ref) => (ref.url ? `- [${markdownText(ref.title)}](${ref.url})` : `- ${markdownText(ref.title)}`));
  const markdown = [
    `**${markdownText(rule.title)}**`,
    '',
    markdownText(rule.description),
    '',
    `**How to fix:** ${markdownText(rule.remediation)}`,
    ...(references.length > 0 ? ['', '**References**', '', ...references] : []),
  ].join('\n');
  const properties: Sarif.PropertyBag = {
    tags: ['security', 'kubernetes', rule.category],
    precision: 'high',
    severity: rule.severity,
  };
  const securitySeverity = SECURITY_SEVERITY[rule.severity];
  if (securitySeverity) properties['security-severity'] = securitySeverity;
  else properties['problem.severity'] = 'recommendation';
  const helpUri = rule.references.find((ref) => ref.url)?.url;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: capped(rule.title) },
    fullDescription: { text: capped(rule.description) },
    help: { text: capped(`${rule.description}\n\nHow to fix: ${rule.remediation}`), markdown: capped(markdown) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties,
  };
}

/** For a finding whose rule the report does not describe: enough for GitHub to show it. */
function placeholderRule(finding: Finding): RuleSummary {
  return {
    id: finding.ruleId,
    title: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    description: `Reported by ${finding.source ?? 'kubeward'}.`,
    remediation: 'See the finding message.',
    references: [],
    peers: {},
    failed: 0,
    passed: 0,
    suppressed: 0,
  };
}

/** Escapes the characters Markdown would read as formatting, so rule text shows as written. */
function markdownText(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** sha256 of `ruleId|kind|namespace|name|path`: stable across runs and line moves. */
export function fingerprintOf(finding: Finding): string {
  const { kind, namespace, name } = finding.object;
  return createHash('sha256')
    .update([finding.ruleId, kind, namespace ?? '', name, finding.path ?? ''].join('|'))
    .digest('hex');
}

function sarifResult(finding: Finding, ruleIndex: number): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [location(finding.object, finding.location)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(finding) },
    properties: {
      severity: finding.severity,
      category: finding.category,
      object: { ...finding.object },
      ...(finding.path ? { path: finding.path } : {}),
      ...(finding.source ? { source: finding.source } : {}),
    },
  };
  if (finding.suppressed) {
    result.suppressions = [
      {
        // An annotation sits in the manifest next to the code; config exemptions and baselines live elsewhere.
        kind: finding.suppressed.kind === 'annotation' ? 'inSource' : 'external',
        status: 'accepted',
        justification: finding.suppressed.reason,
        properties: { suppressedBy: finding.suppressed.kind, ...(finding.suppressed.expires ? { expires: finding.suppressed.expires } : {}) },
      },
    ];
  }
  return result;
}

/** The file region when there is a file; always the object as a logical `namespace/Kind/name` (cluster scans have no file). */
function location(object: ObjectRef | undefined, source: SourceLocation | undefined): Sarif.Location {
  const logicalLocations: Sarif.LogicalLocation[] = object ? [{ name: object.name, fullyQualifiedName: logicalName(object), kind: 'resource' }] : [];
  const uri = source ? artifactUri(source.file) : undefined;
  if (!source || uri === undefined) return { logicalLocations };
  const region: Sarif.Region = { startLine: source.line, startColumn: source.column };
  if (source.endLine !== undefined) region.endLine = source.endLine;
  if (source.endColumn !== undefined) region.endColumn = source.endColumn;
  return {
    physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region },
    ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
  };
}

/**
 * The repo-relative path as a URI reference (segments percent-encoded). Input read from stdin has no file to
 * point at, and absolute paths are outside the repository: both get a logical location only.
 */
function artifactUri(file: string): string | undefined {
  if (file === '<stdin>' || file.startsWith('/') || /^[A-Za-z]:/.test(file)) return undefined;
  return file.split('/').map(encodeURIComponent).join('/');
}

function invocation(report: ScanReport, ruleIndex: Map<string, number>): Sarif.Invocation {
  const { startedAt, durationMs } = report.metadata;
  const notifications = report.diagnostics.map((diagnostic) => notification(diagnostic, ruleIndex));
  return {
    executionSuccessful: !report.diagnostics.some((d) => d.level === 'fatal' || d.code === ErrorCodes.RULE_CRASHED),
    startTimeUtc: startedAt,
    ...(durationMs !== undefined ? { endTimeUtc: new Date(Date.parse(startedAt) + durationMs).toISOString() } : {}),
    toolExecutionNotifications: notifications,
  };
}

function notification(diagnostic: Diagnostic, ruleIndex: Map<string, number>): Sarif.Notification {
  const result: Sarif.Notification = {
    level: diagnostic.level === 'warning' ? 'warning' : 'error',
    message: { text: diagnostic.message },
    descriptor: { id: diagnostic.code },
    properties: { level: diagnostic.level },
  };
  const where = location(diagnostic.object, diagnostic.location);
  if (where.physicalLocation || (where.logicalLocations?.length ?? 0) > 0) result.locations = [where];
  if (diagnostic.ruleId) {
    const index = ruleIndex.get(diagnostic.ruleId);
    result.associatedRule = { id: diagnostic.ruleId, ...(index !== undefined ? { index } : {}) };
  }
  return result;
}
