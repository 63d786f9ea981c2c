/**
 * What policy evaluation produces: one PolicyResult per failed validation (or evaluation error that the
 * failure policy turns into a failure), and the admission verdict Kubernetes and Gatekeeper would return.
 */
import type { Diagnostic } from '../core/finding.js';

/** Deny/Warn/Audit for VAP bindings; Gatekeeper's deny/warn/dryrun map to them (dryrun -> audit). */
export type PolicyAction = 'deny' | 'warn' | 'audit';

export type PolicyEngine = 'ValidatingAdmissionPolicy' | 'Gatekeeper';

export interface PolicyResult {
  engine: PolicyEngine;
  /** The VAP name, or the Gatekeeper constraint's template kind. */
  policy: string;
  /** The VAP binding, or the Gatekeeper constraint name. */
  binding: string;
  actions: PolicyAction[];
  /** The message as the policy produced it, without the Kubernetes prefix. */
  message: string;
  /** VAP validation reason (Invalid unless set); absent for errors and Gatekeeper. */
  reason?: string;
  /** Index of the validation (or audit annotation) that failed. */
  expressionIndex?: number;
  /** True when the result comes from an evaluation or configuration error under failurePolicy Fail. */
  error: boolean;
  /** The `kubeward.io/severity` annotation of the policy (or binding/constraint), when set. */
  severity?: string;
}

export interface AdmissionVerdict {
  allowed: boolean;
  /** The denial as the API server words it, when not allowed. */
  status?: { message: string; reason: string; code: number };
  /** HTTP warnings, as kubectl prints them. */
  warnings: string[];
  /** Audit annotations, keyed as the API server publishes them. */
  auditAnnotations: Record<string, string>;
  results: PolicyResult[];
  diagnostics: Diagnostic[];
}

export const SEVERITY_ANNOTATION = 'kubeward.io/severity';
