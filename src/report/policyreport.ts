/**
 * Kubernetes policy report CRDs (conventions §1.3) as multi-document YAML: a wgpolicyk8s.io/v1alpha2 PolicyReport
 * per namespace plus a ClusterPolicyReport for cluster-scoped objects, or openreports.io/v1alpha1 Report and
 * ClusterReport. Policy Reporter and kubectl read them. One result per finding (fail, or skip when suppressed),
 * one pass per (object × rule) without findings, one error per crashed rule. Input diagnostics (parse errors) are
 * not about a cluster resource and have no place here; the other formats carry them.
 */
import jsYaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from '../core/yaml/parse.js';
import type { Finding, Severity } from '../core/finding.js';
import type { ObjectRef } from '../core/k8s/object.js';
import { crashLookup, evaluatedObjects, ruleLookup, type EvaluatedObject } from './common.js';
import type { ScanReport } from './model.js';

export interface PolicyReportOptions {
  /** openreports.io/v1alpha1 Report/ClusterReport instead of wgpolicyk8s.io/v1alpha2. */
  openReports?: boolean;
}

type ResultValue = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

export interface PolicyReportResult {
  source: 'kubeward';
  policy: string;
  rule: string;
  category: string;
  severity: Severity;
  timestamp: { seconds: number; nanos: number };
  result: ResultValue;
  scored: boolean;
  message: string;
  resources: Array<{ apiVersion: string; kind: string; name: string; namespace?: string }>;
  /** map[string]string in the CRD: every value is a string. */
  properties?: Record<string, string>;
}

export interface PolicyReportDocument {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  source?: string;
  summary: Record<ResultValue, number>;
  results: PolicyReportResult[];
}

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'kubeward' };

/** The report documents, namespaced ones sorted by namespace, the cluster-wide one last (when there is one). */
export function buildPolicyReports(report: ScanReport, options: PolicyReportOptions = {}): PolicyReportDocument[] {
  const lookup = ruleLookup(report);
  const crashOf = crashLookup(report);
  const startedMs = Date.parse(report.metadata.startedAt);
  const timestamp = { seconds: Math.floor(startedMs / 1000), nanos: (startedMs % 1000) * 1_000_000 };

  const byNamespace = new Map<string | undefined, PolicyReportResult[]>();
  for (const evaluated of evaluatedObjects(report)) {
    const namespace = evaluated.object.namespace;
    const results = byNamespace.get(namespace) ?? [];
    results.push(...resultsOf(evaluated, lookup, crashOf, timestamp));
    byNamespace.set(namespace, results);
  }

  const namespaces = [...byNamespace.keys()].filter((ns): ns is string => ns !== undefined).sort();
  const documents = namespaces.map((namespace) =>
    reportDocument(options, byNamespace.get(namespace)!, { name: `kubeward-${namespace}`, namespace, labels: { ...MANAGED_BY } }),
  );
  const clusterResults = byNamespace.get(undefined);
  if (clusterResults) documents.push(reportDocument(options, clusterResults, { name: 'kubeward-cluster', labels: { ...MANAGED_BY } }));
  return documents;
}

/**
 * Quotes every string that kubectl's YAML 1.1 reader would take for something else: `yes`, `on`, `0644`, `~`, and
 * (to be safe with any reader) timestamps. js-yaml writes this about 8 times faster than the `yaml` package.
 */
const DUMP_SCHEMA = KUBERNETES_YAML_SCHEMA.extend({
  implicit: [(jsYaml as unknown as { types: Record<string, jsYaml.Type> }).types.timestamp],
});

export function formatPolicyReport(report: ScanReport, options: PolicyReportOptions = {}): string {
  return buildPolicyReports(report, options)
    .map((document) => jsYaml.dump(document, { schema: DUMP_SCHEMA, lineWidth: -1, noRefs: true }))
    .join('---\n');
}

function reportDocument(options: PolicyReportOptions, results: PolicyReportResult[], metadata: PolicyReportDocument['metadata']): PolicyReportDocument {
  const clusterScoped = metadata.namespace === undefined;
  const summary: Record<ResultValue, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const result of results) summary[result.result]++;
  if (options.openReports) {
    return { apiVersion: 'openreports.io/v1alpha1', kind: clusterScoped ? 'ClusterReport' : 'Report', metadata, source: 'kubeward', summary, results };
  }
  return { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: clusterScoped ? 'ClusterPolicyReport' : 'PolicyReport', metadata, summary, results };
}

function resourceOf(ref: ObjectRef): PolicyReportResult['resources'][number] {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
}

function findingProperties(finding: Finding): Record<string, string> {
  const properties: Record<string, string> = { messageId: finding.messageId };
  if (finding.path) properties.path = finding.path;
  if (finding.location) {
    properties.file = finding.location.file;
    properties.line = String(finding.location.line);
    properties.column = String(finding.location.column);
  }
  if (finding.source) properties.findingSource = finding.source;
  if (finding.suppressed) {
    properties.suppressedBy = finding.suppressed.kind;
    properties.suppressionReason = finding.suppressed.reason;
    if (finding.suppressed.expires) properties.suppressionExpires = finding.suppressed.expires;
  }
  return properties;
}

function resultsOf(
  evaluated: EvaluatedObject,
  lookup: ReturnType<typeof ruleLookup>,
  crashOf: ReturnType<typeof crashLookup>,
  timestamp: PolicyReportResult['timestamp'],
): PolicyReportResult[] {
  const resources = [resourceOf(evaluated.object)];
  const results: PolicyReportResult[] = [];
  for (const outcome of evaluated.outcomes) {
    const rule = lookup(outcome.ruleId);
    const base = { source: 'kubeward' as const, policy: outcome.ruleId, rule: outcome.ruleId, timestamp, scored: true, resources };
    if (outcome.result === 'pass' || outcome.result === 'error') {
      const crash = outcome.result === 'error' ? crashOf(evaluated.object, outcome.ruleId) : undefined;
      results.push({
        ...base,
        category: rule?.category ?? 'unknown',
        severity: rule?.severity ?? 'medium',
        result: outcome.result,
        message: outcome.result === 'pass' ? `${rule?.title ?? outcome.ruleId}: passed.` : (crash?.message ?? `rule ${outcome.ruleId} crashed`),
      });
      continue;
    }
    for (const finding of outcome.findings) {
      results.push({
        ...base,
        category: finding.category,
        severity: finding.severity,
        result: finding.suppressed ? 'skip' : 'fail',
        message: finding.message,
        properties: findingProperties(finding),
      });
    }
  }
  return results;
}
