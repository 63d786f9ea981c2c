/**
 * Helpers every formatter shares: looking rules up, grouping findings by the object they are about, and
 * describing objects, locations and suppressions the same way in every format.
 */
import { ErrorCodes } from '../core/errors.js';
import { SEVERITIES, severityRank, type Diagnostic, type Finding, type Severity, type SourceLocation, type SuppressionKind } from '../core/finding.js';
import type { ObjectRef } from '../core/k8s/object.js';
import type { ObjectEvaluation } from '../core/engine/run.js';
import { CLUSTER_SCOPE, compareFindings, objectKey, type RuleSummary, type ScanReport } from './model.js';

/** Rule metadata by id; findings from other sources (PSS, policies) may name rules the report does not list. */
export function ruleLookup(report: ScanReport): (id: string) => RuleSummary | undefined {
  const byId = new Map(report.rules.map((rule) => [rule.id, rule]));
  return (id) => byId.get(id);
}

/** `Deployment shop/web`, `ClusterRole admin`. */
export function describeObject(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/** `shop/Deployment/web`, or `ClusterRole/admin` for cluster-scoped objects. */
export function logicalName(ref: ObjectRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.kind}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function namespaceKey(ref: ObjectRef): string {
  return ref.namespace ?? CLUSTER_SCOPE;
}

/** `deploy.yaml:23:9`, or undefined when the finding has no file. */
export function locationText(location: SourceLocation | undefined): string | undefined {
  return location ? `${location.file}:${location.line}:${location.column}` : undefined;
}

export const SUPPRESSION_LABELS: Record<SuppressionKind, string> = {
  annotation: 'annotation',
  config: 'config exemption',
  baseline: 'baseline',
};

/** Worst first, by rank. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}

export function emptySeverityCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
}

/** One scanned object with its findings: the unit of the text output and the HTML table's grouping. */
export interface ObjectGroup {
  key: string;
  object: ObjectRef;
  /** Where the object itself starts, when it was read from a file. */
  location?: SourceLocation;
  findings: Finding[];
}

/** Findings grouped by object, objects in file/line order (fileless ones after, by namespace/kind/name). */
export function groupFindingsByObject(report: ScanReport): ObjectGroup[] {
  const objectLocations = new Map<string, SourceLocation>();
  for (const evaluation of report.objects) {
    if (evaluation.location) objectLocations.set(objectKey(evaluation.object, evaluation.location), evaluation.location);
  }
  const groups = new Map<string, ObjectGroup>();
  for (const finding of [...report.results].sort(compareFindings)) {
    const key = objectKey(finding.object, finding.location);
    let group = groups.get(key);
    if (!group) {
      const location = objectLocations.get(key) ?? finding.location;
      group = { key, object: finding.object, findings: [], ...(location ? { location } : {}) };
      groups.set(key, group);
    }
    group.findings.push(finding);
  }
  for (const group of groups.values()) {
    group.findings.sort((a, b) => compareSeverity(a.severity, b.severity) || (a.location?.line ?? 0) - (b.location?.line ?? 0));
  }
  return [...groups.values()].sort(compareGroups);
}

function compareGroups(a: { object: ObjectRef; location?: SourceLocation }, b: { object: ObjectRef; location?: SourceLocation }): number {
  const fileA = a.location?.file;
  const fileB = b.location?.file;
  if (fileA !== undefined && fileB === undefined) return -1;
  if (fileA === undefined && fileB !== undefined) return 1;
  if (fileA !== undefined && fileB !== undefined && fileA !== fileB) return fileA < fileB ? -1 : 1;
  const lineDelta = (a.location?.line ?? 0) - (b.location?.line ?? 0);
  if (lineDelta !== 0) return lineDelta;
  return logicalName(a.object).localeCompare(logicalName(b.object));
}

/** The outcome of one rule on one object, as JUnit test cases and PolicyReport results count it. */
export interface RuleOutcome {
  ruleId: string;
  result: 'pass' | 'fail' | 'skip' | 'error';
  /** Findings of this rule on this object, suppressed ones included. */
  findings: Finding[];
}

export interface EvaluatedObject {
  object: ObjectRef;
  location?: SourceLocation;
  outcomes: RuleOutcome[];
}

/**
 * Every (object × rule) outcome: the evaluations say which rules ran (pass unless a finding says otherwise) and
 * which crashed; findings about objects or rules that no evaluation lists (e.g. from an analyser) are added as
 * their own outcomes so nothing is dropped.
 */
export function evaluatedObjects(report: ScanReport): EvaluatedObject[] {
  const findingsByObject = new Map<string, Map<string, Finding[]>>();
  for (const finding of [...report.results].sort(compareFindings)) {
    const key = objectKey(finding.object, finding.location);
    let perRule = findingsByObject.get(key);
    if (!perRule) findingsByObject.set(key, (perRule = new Map()));
    const list = perRule.get(finding.ruleId) ?? [];
    list.push(finding);
    perRule.set(finding.ruleId, list);
  }
  const outcomeOf = (ruleId: string, findings: Finding[]): RuleOutcome => {
    if (findings.some((finding) => !finding.suppressed)) return { ruleId, result: 'fail', findings };
    if (findings.length > 0) return { ruleId, result: 'skip', findings };
    return { ruleId, result: 'pass', findings };
  };

  const objects: EvaluatedObject[] = [];
  const seen = new Set<string>();
  for (const evaluation of report.objects) {
    const key = objectKey(evaluation.object, evaluation.location);
    seen.add(key);
    const perRule = findingsByObject.get(key);
    const outcomes: RuleOutcome[] = evaluation.rules.map((ruleId) => outcomeOf(ruleId, perRule?.get(ruleId) ?? []));
    for (const ruleId of evaluation.crashed ?? []) outcomes.push({ ruleId, result: 'error', findings: [] });
    const ran = new Set([...evaluation.rules, ...(evaluation.crashed ?? [])]);
    for (const [ruleId, findings] of perRule ?? []) {
      if (!ran.has(ruleId)) outcomes.push(outcomeOf(ruleId, findings));
    }
    objects.push(withLocation({ object: evaluation.object, outcomes }, evaluation));
  }
  for (const [key, perRule] of findingsByObject) {
    if (seen.has(key)) continue;
    const first = [...perRule.values()][0][0];
    const outcomes = [...perRule.entries()].map(([ruleId, findings]) => outcomeOf(ruleId, findings));
    objects.push(withLocation({ object: first.object, outcomes }, first));
  }
  return objects.sort(compareGroups);
}

function withLocation(target: EvaluatedObject, from: ObjectEvaluation | Finding): EvaluatedObject {
  if (from.location) target.location = from.location;
  return target;
}

/** Finds the RULE_CRASHED diagnostic of a rule on an object, through one index built up front. */
export function crashLookup(report: ScanReport): (object: ObjectRef, ruleId: string) => Diagnostic | undefined {
  const key = (object: ObjectRef, ruleId: string) => `${object.kind}|${object.namespace ?? ''}|${object.name}|${ruleId}`;
  const crashes = new Map<string, Diagnostic>();
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.code !== ErrorCodes.RULE_CRASHED || !diagnostic.object || !diagnostic.ruleId) continue;
    const id = key(diagnostic.object, diagnostic.ruleId);
    if (!crashes.has(id)) crashes.set(id, diagnostic);
  }
  return (object, ruleId) => crashes.get(key(object, ruleId));
}

/** Removes C0/C1 control characters (ANSI escapes, NUL) that a crafted manifest could smuggle into output. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '').replace(/\s*[\n\r\t]\s*/g, ' ');
}
