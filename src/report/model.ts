/**
 * The versioned scan report (`kubeward/v1` `ScanReport`): the one schema that every formatter, the JSON
 * output, the dashboard and the webhook's reasons render. Built by a pure function from the engine's result.
 *
 * Score: every (object, rule) evaluation weighs by severity (critical 10, high 6, medium 3, low 1, info 0).
 * A failed evaluation (at least one unsuppressed finding) weighs by its worst finding; a crashed one by the
 * rule's severity and counts as failed; suppressed-only evaluations are left out.
 * score = round(100 × Σ weight(passed) / Σ weight(all)), 100 when nothing weighs. Per namespace the same sum
 * over the namespace's objects; cluster-scoped objects are grouped under `(cluster)`.
 */
import type { Rule } from '../core/engine/define-rule.js';
import type { ObjectEvaluation } from '../core/engine/run.js';
import { SEVERITIES, severityRank, type Diagnostic, type Finding, type Severity } from '../core/finding.js';
import type { ObjectRef } from '../core/k8s/object.js';

export const REPORT_API_VERSION = 'kubeward/v1';
export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 10, high: 6, medium: 3, low: 1, info: 0 };
export const CLUSTER_SCOPE = '(cluster)';

export interface RuleSummary {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  description: string;
  remediation: string;
  references: Array<{ title: string; url?: string }>;
  peers: Record<string, string[]>;
  /** Findings of this rule that are not suppressed. */
  failed: number;
  passed: number;
  suppressed: number;
}

export interface NamespaceSummary {
  namespace: string;
  score: number;
  objects: number;
  fail: number;
  pass: number;
}

export interface ScanSummary {
  objects: number;
  /** (object, rule) pairs evaluated. */
  evaluations: number;
  pass: number;
  fail: number;
  /** Evaluations whose findings are all suppressed. */
  skip: number;
  /** Evaluations where the rule crashed. */
  error: number;
  /** Unsuppressed findings by severity. */
  bySeverity: Record<Severity, number>;
  findings: number;
  suppressed: number;
  score: number;
  namespaces: NamespaceSummary[];
}

export interface ScanReport {
  apiVersion: typeof REPORT_API_VERSION;
  kind: 'ScanReport';
  metadata: {
    tool: { name: 'kubeward'; version: string };
    startedAt: string;
    durationMs?: number;
    source: { type: 'manifests' | 'cluster'; paths: string[]; files: string[]; context?: string };
  };
  summary: ScanSummary;
  rules: RuleSummary[];
  /** Findings, suppressed ones included (marked `suppressed`). */
  results: Finding[];
  diagnostics: Diagnostic[];
  /** What ran on each object; the base of pass counts (JUnit test cases, PolicyReport pass results). */
  objects: ObjectEvaluation[];
}

export interface BuildReportInput {
  findings: Finding[];
  diagnostics: Diagnostic[];
  evaluations: ObjectEvaluation[];
  rules: readonly Rule[];
  version: string;
  startedAt: string;
  durationMs?: number;
  source: ScanReport['metadata']['source'];
}

/** Groups findings with the evaluation of the object they are about. */
export function objectKey(ref: ObjectRef, location?: { file: string; doc: number }): string {
  return `${ref.kind}|${ref.namespace ?? ''}|${ref.name}|${location?.file ?? ''}|${location?.doc ?? ''}`;
}

function worst(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || severityRank(b) > severityRank(a) ? b : a;
}

export function buildScanReport(input: BuildReportInput): ScanReport {
  const ruleById = new Map(input.rules.map((rule) => [rule.id, rule]));
  // objectKey -> ruleId -> { worst unsuppressed severity, any suppressed }
  const outcomes = new Map<string, Map<string, { fail?: Severity; suppressed: boolean }>>();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  const ruleCounts = new Map<string, { failed: number; passed: number; suppressed: number }>();
  const countsOf = (id: string) => {
    let counts = ruleCounts.get(id);
    if (!counts) ruleCounts.set(id, (counts = { failed: 0, passed: 0, suppressed: 0 }));
    return counts;
  };
  for (const finding of input.findings) {
    const key = objectKey(finding.object, finding.location);
    let perRule = outcomes.get(key);
    if (!perRule) outcomes.set(key, (perRule = new Map()));
    const outcome = perRule.get(finding.ruleId) ?? { suppressed: false };
    if (finding.suppressed) {
      outcome.suppressed = true;
      suppressed++;
      countsOf(finding.ruleId).suppressed++;
    } else {
      outcome.fail = worst(outcome.fail, finding.severity);
      bySeverity[finding.severity]++;
      countsOf(finding.ruleId).failed++;
    }
    perRule.set(finding.ruleId, outcome);
  }

  let pass = 0;
  let fail = 0;
  let skip = 0;
  let error = 0;
  let weightAll = 0;
  let weightPass = 0;
  const namespaces = new Map<string, { objects: number; pass: number; fail: number; weightAll: number; weightPass: number }>();
  for (const evaluation of input.evaluations) {
    const namespace = evaluation.object.namespace ?? CLUSTER_SCOPE;
    let ns = namespaces.get(namespace);
    if (!ns) namespaces.set(namespace, (ns = { objects: 0, pass: 0, fail: 0, weightAll: 0, weightPass: 0 }));
    ns.objects++;
    const perRule = outcomes.get(objectKey(evaluation.object, evaluation.location));
    for (const ruleId of evaluation.rules) {
      const outcome = perRule?.get(ruleId);
      const ruleSeverity = ruleById.get(ruleId)?.meta.severity ?? 'medium';
      if (outcome?.fail) {
        const weight = SEVERITY_WEIGHTS[outcome.fail];
        fail++; ns.fail++;
        weightAll += weight; ns.weightAll += weight;
      } else if (outcome?.suppressed) {
        skip++;
      } else {
        const weight = SEVERITY_WEIGHTS[ruleSeverity];
        pass++; ns.pass++;
        countsOf(ruleId).passed++;
        weightAll += weight; ns.weightAll += weight;
        weightPass += weight; ns.weightPass += weight;
      }
    }
    for (const ruleId of evaluation.crashed ?? []) {
      const weight = SEVERITY_WEIGHTS[ruleById.get(ruleId)?.meta.severity ?? 'medium'];
      error++;
      weightAll += weight; ns.weightAll += weight;
    }
  }
  const score = (passWeight: number, allWeight: number) => (allWeight === 0 ? 100 : Math.round((100 * passWeight) / allWeight));
  const evaluations = input.evaluations.reduce((sum, e) => sum + e.rules.length + (e.crashed?.length ?? 0), 0);

  return {
    apiVersion: REPORT_API_VERSION,
    kind: 'ScanReport',
    metadata: {
      tool: { name: 'kubeward', version: input.version },
      startedAt: input.startedAt,
      ...(input.durationMs !== undefined ? { durationMs: input.durationMs } : {}),
      source: input.source,
    },
    summary: {
      objects: input.evaluations.length,
      evaluations,
      pass,
      fail,
      skip,
      error,
      bySeverity,
      findings: input.findings.length - suppressed,
      suppressed,
      score: score(weightPass, weightAll),
      namespaces: [...namespaces.entries()]
        .map(([namespace, ns]) => ({ namespace, score: score(ns.weightPass, ns.weightAll), objects: ns.objects, fail: ns.fail, pass: ns.pass }))
        .sort((a, b) => a.namespace.localeCompare(b.namespace)),
    },
    rules: input.rules.map((rule) => ({
      id: rule.id,
      title: rule.meta.title,
      category: rule.meta.category,
      severity: rule.meta.severity,
      description: rule.meta.description,
      remediation: rule.meta.remediation,
      references: rule.meta.references ?? [],
      peers: Object.fromEntries(Object.entries(rule.meta.peers ?? {}).filter(([, ids]) => ids && ids.length > 0)) as Record<string, string[]>,
      ...(ruleCounts.get(rule.id) ?? { failed: 0, passed: 0, suppressed: 0 }),
    })),
    results: input.findings,
    diagnostics: input.diagnostics,
    objects: input.evaluations,
  };
}

/** Sort order for output: file, line, then severity (worst first). */
export function compareFindings(a: Finding, b: Finding): number {
  const fileA = a.location?.file ?? '';
  const fileB = b.location?.file ?? '';
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  const lineA = a.location?.line ?? 0;
  const lineB = b.location?.line ?? 0;
  if (lineA !== lineB) return lineA - lineB;
  return severityRank(b.severity) - severityRank(a.severity);
}
