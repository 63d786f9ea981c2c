/**
 * The one place that turns what was found into the webhook's answer: check findings with their actions, Pod
 * Security results per mode, the CEL policy verdict and evaluation errors under the failure mode become an
 * AdmissionReview response. Denials keep the wording of their engine (PSA's `violates PodSecurity …`, the API
 * server's `ValidatingAdmissionPolicy 'p' with binding 'b' denied request: …`); warnings are wrapped to 120
 * bytes each and 4 KiB in all (the API server's limits); audit results become audit annotations.
 */
import type { Finding } from '../../core/finding.js';
import { formatLevelVersion, violatesMessage, wouldViolateMessage, type LevelVersion, type Violation } from '../../analysers/pss/index.js';
import type { AdmissionVerdict } from '../../policy/index.js';
import type { Decision, ErrorComponent } from './metrics.js';
import type { Action, FailureMode } from './settings.js';

/** One check finding and what it does here. */
export interface CheckOutcome {
  finding: Finding;
  action: Action;
  /** On UPDATE: the old object had the same finding, so it warns instead of blocking (finalizer removal, scaling). */
  preexisting: boolean;
}

export interface PodSecurityModeResult {
  lv: LevelVersion;
  violations: readonly Violation[];
}

/** Pod Security as PSA applies it: enforce only for Pods; audit and warn for Pods and pod controllers. */
export interface PodSecurityOutcome {
  /** Set for Pods: the namespace's enforce level and its violations (empty when allowed). */
  enforce?: PodSecurityModeResult;
  /** Set when the audit level finds violations. */
  audit?: PodSecurityModeResult;
  /** Set when the warn level finds violations. */
  warn?: PodSecurityModeResult;
  /** Invalid PodSecurity labels of the namespace, as field errors (PSA records them in the audit annotation `error`). */
  labelErrors?: string[];
  /** PSA's configuration exempts the request: `namespace`, `user` or `runtimeClass`. */
  exemptBy?: string;
}

export interface EvaluationError {
  component: ErrorComponent;
  message: string;
  /** The strongest action the failed evaluation could have taken; `auto` failure mode denies only for `deny`. */
  action: Action;
}

export interface Outcome {
  /** Why the request was not evaluated at all (`namespace kubeward`, `user system:…`); set means allowed. */
  exemptBy?: string;
  checks: CheckOutcome[];
  podSecurity?: PodSecurityOutcome;
  policy?: AdmissionVerdict;
  errors: EvaluationError[];
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; reason: string; message: string };
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
}

export const MAX_WARNING_BYTES = 120;
export const MAX_WARNINGS_TOTAL_BYTES = 4096;
/** Denial messages list at most this many check findings; the rest are counted. */
const MAX_LISTED_DENIALS = 20;
const MAX_AUDIT_VALUE_CHARS = 8192;

interface Denial {
  code: number;
  reason: string;
  message: string;
}

/** Whether a failed evaluation denies, under the failure mode. */
export function failsClosed(error: EvaluationError, mode: FailureMode): boolean {
  if (mode === 'closed') return true;
  if (mode === 'open') return false;
  return error.action === 'deny';
}

export function decide(uid: string, outcome: Outcome, failureMode: FailureMode): { response: AdmissionResponse; decision: Decision } {
  if (outcome.exemptBy !== undefined) {
    return { response: { uid, allowed: true, auditAnnotations: { exempt: outcome.exemptBy } }, decision: 'allow' };
  }
  const denials: Denial[] = [];
  const warnings: string[] = [];
  const audit: Record<string, string> = {};

  const pss = outcome.podSecurity;
  if (pss) {
    if (pss.exemptBy) audit['pod-security-exempt'] = pss.exemptBy;
    if (pss.enforce) {
      audit['pod-security-enforce-policy'] = formatLevelVersion(pss.enforce.lv);
      if (pss.enforce.violations.length > 0) denials.push({ code: 403, reason: 'Forbidden', message: violatesMessage(pss.enforce.lv, pss.enforce.violations) });
    }
    if (pss.audit) audit['pod-security-audit-violations'] = wouldViolateMessage(pss.audit.lv, pss.audit.violations);
    // PSA adds no warnings to a request its enforce level rejects.
    if (pss.warn && denials.length === 0) warnings.push(...wrapWarning(wouldViolateMessage(pss.warn.lv, pss.warn.violations)));
    if (pss.labelErrors && pss.labelErrors.length > 0) audit['pod-security-error'] = pss.labelErrors.join(', ');
  }

  const verdict = outcome.policy;
  if (verdict) {
    if (!verdict.allowed && verdict.status) denials.push({ code: verdict.status.code, reason: verdict.status.reason, message: verdict.status.message });
    for (const warning of verdict.warnings) warnings.push(...wrapWarning(warning));
    for (const [key, value] of Object.entries(verdict.auditAnnotations)) audit[auditKey(`policy-${key}`)] = value;
  }

  const blocking = outcome.checks.filter((c) => c.action === 'deny' && !c.preexisting);
  if (blocking.length > 0) denials.push({ code: 403, reason: 'Forbidden', message: checkDenialMessage(blocking) });
  const audited: string[] = [];
  for (const check of outcome.checks) {
    const text = `[${check.finding.ruleId}] ${check.finding.message}`;
    if (check.action === 'warn') warnings.push(...wrapWarning(text));
    else if (check.action === 'deny' && check.preexisting) warnings.push(...wrapWarning(`${text} (already there before this update, so not blocking)`));
    else if (check.action === 'audit') audited.push(text);
  }
  if (audited.length > 0) audit['checks-audit'] = audited.join('; ');

  const errorTexts: string[] = [];
  for (const error of outcome.errors) {
    const text = `kubeward could not evaluate the request (${error.component}): ${error.message}`;
    errorTexts.push(text);
    if (failsClosed(error, failureMode)) denials.push({ code: 403, reason: 'Forbidden', message: `${text}; denied (failure mode ${failureMode})` });
    else warnings.push(...wrapWarning(`${text}; allowed (failure mode ${failureMode})`));
  }
  if (errorTexts.length > 0) audit['evaluation-error'] = errorTexts.join('; ');

  const response: AdmissionResponse = { uid, allowed: denials.length === 0 };
  if (denials.length > 0) {
    response.status = { code: denials[0].code, reason: denials[0].reason, message: denials.map((d) => d.message).join('\n') };
  }
  const limited = limitWarnings(warnings);
  if (limited.length > 0) response.warnings = limited;
  const annotationKeys = Object.keys(audit);
  if (annotationKeys.length > 0) {
    response.auditAnnotations = {};
    for (const key of annotationKeys) response.auditAnnotations[key] = truncateChars(audit[key], MAX_AUDIT_VALUE_CHARS);
  }
  return { response, decision: !response.allowed ? 'deny' : limited.length > 0 ? 'warn' : 'allow' };
}

/** `kubeward check "privileged" (critical): Container "app" …`, one line per finding. */
function checkDenialMessage(blocking: readonly CheckOutcome[]): string {
  const lines = blocking.slice(0, MAX_LISTED_DENIALS).map(({ finding }) => `kubeward check "${finding.ruleId}" (${finding.severity}): ${finding.message}`);
  if (blocking.length > MAX_LISTED_DENIALS) lines.push(`… and ${blocking.length - MAX_LISTED_DENIALS} more failed checks`);
  return lines.join('\n');
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Splits a warning into lines of at most `width` UTF-8 bytes, at spaces where possible; joined with single
 * spaces the lines give the original text back (a word longer than a line is cut inside).
 */
export function wrapWarning(text: string, width = MAX_WARNING_BYTES): string[] {
  if (text.length <= width && byteLength(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    if (line !== '') lines.push(line);
    line = '';
  };
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (byteLength(candidate) <= width) {
      line = candidate;
      continue;
    }
    flush();
    let rest = word;
    while (byteLength(rest) > width) {
      let cut = Math.min(rest.length, width);
      while (cut > 1 && byteLength(rest.slice(0, cut)) > width) cut--;
      // Never split a surrogate pair.
      if (cut < rest.length && /[\uD800-\uDBFF]/.test(rest[cut - 1])) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  flush();
  return lines;
}

/** Keeps whole warnings while the total stays within 4 KiB, then says how many were left out. */
export function limitWarnings(warnings: readonly string[]): string[] {
  const kept: string[] = [];
  let total = 0;
  const reserve = 64;
  for (let i = 0; i < warnings.length; i++) {
    const size = byteLength(warnings[i]);
    if (total + size > MAX_WARNINGS_TOTAL_BYTES - reserve) {
      kept.push(`${warnings.length - i} more warning lines not shown`);
      break;
    }
    kept.push(warnings[i]);
    total += size;
  }
  return kept;
}

/**
 * Audit annotation keys become `<webhook name>/<key>` at the API server, so a key must be the name part of a
 * qualified name: at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends.
 */
export function auditKey(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned === '' ? 'annotation' : cleaned;
}

function truncateChars(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
