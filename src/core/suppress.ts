/**
 * Suppression: per-object annotations, config exemptions (with expiry) and saved baselines. A suppressed
 * finding stays in every report, marked with why; it is never dropped.
 */
import { createHash } from 'node:crypto';
import { ErrorCodes } from './errors.js';
import type { Exemption } from './config.js';
import type { Diagnostic, Finding } from './finding.js';
import type { K8sObject, ObjectRef } from './k8s/object.js';
import { refOf } from './k8s/object.js';
import { podSpecOf } from './k8s/pod-spec.js';

export const IGNORE_ANNOTATION = 'kubeward.io/ignore';
export const IGNORE_REASON_ANNOTATION = 'kubeward.io/ignore-reason';

function refKey(ref: ObjectRef): string {
  return `${ref.kind}|${ref.namespace ?? ''}|${ref.name}`;
}

function wildcardMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

export function isExpired(exemption: Exemption, now: Date): boolean {
  if (!exemption.expires) return false;
  const expiry = new Date(exemption.expires.length === 10 ? `${exemption.expires}T23:59:59.999Z` : exemption.expires);
  return Number.isNaN(expiry.getTime()) ? false : expiry.getTime() < now.getTime();
}

function exemptionMatches(exemption: Exemption, finding: Finding, object: K8sObject | undefined): boolean {
  const checks = exemption.checks ?? ['*'];
  if (!checks.includes('*') && !checks.includes(finding.ruleId)) return false;
  const ref = finding.object;
  if (exemption.kinds && !exemption.kinds.includes(ref.kind)) return false;
  if (exemption.namespaces && !exemption.namespaces.some((ns) => wildcardMatch(ns, ref.namespace ?? ''))) return false;
  if (exemption.names && !exemption.names.some((name) => wildcardMatch(name, ref.name))) return false;
  if (exemption.labels) {
    const labels = { ...(object ? podSpecOf(object)?.metadata.labels : undefined), ...(object?.metadata?.labels ?? {}) };
    if (!Object.entries(exemption.labels).every(([key, value]) => labels[key] === value)) return false;
  }
  return true;
}

/** Parses `kubeward.io/ignore: "a, b"`; `*` or `all` ignores every check. */
function ignoredChecks(object: K8sObject): { checks: Set<string>; reason: string } | undefined {
  const annotations = object.metadata?.annotations;
  const value = annotations?.[IGNORE_ANNOTATION];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const reason = annotations?.[IGNORE_REASON_ANNOTATION];
  return {
    checks: new Set(value.split(',').map((id) => id.trim()).filter(Boolean)),
    reason: typeof reason === 'string' && reason.trim() ? reason.trim() : 'no reason given',
  };
}

export interface SuppressOptions {
  exemptions: readonly Exemption[];
  now: Date;
  disallowAnnotationExemptions?: boolean;
  /** Keys of a saved baseline (`findingKey`). */
  baseline?: ReadonlySet<string>;
}

/**
 * Marks suppressed findings in place and returns diagnostics for expired exemptions. Order of precedence:
 * annotation, then config exemption, then baseline.
 */
export function applySuppressions(findings: Finding[], objects: readonly K8sObject[], options: SuppressOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const active: Exemption[] = [];
  options.exemptions.forEach((exemption, i) => {
    if (isExpired(exemption, options.now)) {
      diagnostics.push({
        level: 'warning',
        code: ErrorCodes.EXEMPTION_EXPIRED,
        message: `exemption #${i + 1} (${exemption.reason}) expired on ${exemption.expires} and no longer applies`,
      });
    } else active.push(exemption);
  });
  const objectsByRef = new Map<string, K8sObject>();
  for (const object of objects) objectsByRef.set(refKey(refOf(object)), object);

  for (const finding of findings) {
    const object = objectsByRef.get(refKey(finding.object));
    if (!options.disallowAnnotationExemptions && object) {
      const ignore = ignoredChecks(object);
      if (ignore && (ignore.checks.has(finding.ruleId) || ignore.checks.has('*') || ignore.checks.has('all'))) {
        finding.suppressed = { kind: 'annotation', reason: ignore.reason };
        continue;
      }
    }
    const exemption = active.find((e) => exemptionMatches(e, finding, object));
    if (exemption) {
      finding.suppressed = { kind: 'config', reason: exemption.reason, ...(exemption.expires ? { expires: exemption.expires } : {}) };
      continue;
    }
    if (options.baseline?.has(findingKey(finding))) finding.suppressed = { kind: 'baseline', reason: 'in baseline' };
  }
  return diagnostics;
}

/**
 * A finding's stable identity: check, object identity and field path. Line numbers are left out on
 * purpose, so editing unrelated lines does not resurrect baselined findings.
 */
export function findingKey(finding: Pick<Finding, 'ruleId' | 'object' | 'path'>): string {
  const { object } = finding;
  return createHash('sha256')
    .update([finding.ruleId, object.apiVersion.split('/').length > 1 ? object.apiVersion.split('/')[0] : '', object.kind, object.namespace ?? '', object.name, finding.path ?? ''].join('|'))
    .digest('hex')
    .slice(0, 32);
}

export interface BaselineFile {
  apiVersion: 'kubeward/v1';
  kind: 'Baseline';
  findings: Array<{ key: string; ruleId: string; object: string; path?: string }>;
}

export function createBaseline(findings: readonly Finding[]): BaselineFile {
  const seen = new Set<string>();
  const entries: BaselineFile['findings'] = [];
  for (const finding of findings) {
    if (finding.suppressed && finding.suppressed.kind !== 'baseline') continue;
    const key = findingKey(finding);
    if (seen.has(key)) continue;
    seen.add(key);
    const { object } = finding;
    entries.push({ key, ruleId: finding.ruleId, object: `${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}`, ...(finding.path ? { path: finding.path } : {}) });
  }
  entries.sort((a, b) => a.object.localeCompare(b.object) || a.ruleId.localeCompare(b.ruleId) || a.key.localeCompare(b.key));
  return { apiVersion: 'kubeward/v1', kind: 'Baseline', findings: entries };
}

/** Validates a parsed baseline file; returns its keys or throws with the reason. */
export function baselineKeys(raw: unknown): Set<string> {
  const file = raw as Partial<BaselineFile> | null;
  if (!file || file.apiVersion !== 'kubeward/v1' || file.kind !== 'Baseline' || !Array.isArray(file.findings)) {
    throw new Error('not a kubeward baseline (expected apiVersion: kubeward/v1, kind: Baseline, findings: [...])');
  }
  return new Set(file.findings.map((entry, i) => {
    if (typeof entry?.key !== 'string') throw new Error(`findings[${i}].key: expected a string`);
    return entry.key;
  }));
}
