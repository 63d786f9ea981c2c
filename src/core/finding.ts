/**
 * The data every part of kubeward produces: findings about the cluster or manifests, and diagnostics about
 * the input or the tool itself. Reports, exit codes, the webhook and the dashboard all read these shapes.
 */
import type { ErrorCode } from './errors.js';
import type { ObjectRef } from './k8s/object.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse: critical = 4, info = 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Where an object or one of its fields was read from; 1-based line and column. */
export interface SourceLocation {
  file: string;
  /** Index of the YAML document inside the file, 0-based. */
  doc: number;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Where the text was rendered from: Helm's `# Source:` comment or Kustomize's `config.kubernetes.io/origin`. */
  origin?: string;
}

export type SuppressionKind = 'annotation' | 'config' | 'baseline';

export interface Suppression {
  kind: SuppressionKind;
  reason: string;
  /** ISO date after which a config exemption stops applying. */
  expires?: string;
}

/**
 * One problem found on one object, e.g.
 * `{ ruleId: 'privileged', severity: 'critical', object: {kind:'Deployment', namespace:'shop', name:'web'},
 *    path: 'spec.template.spec.containers[0].securityContext.privileged', location: {file:'deploy.yaml', line: 23, …} }`
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  messageId: string;
  message: string;
  object: ObjectRef;
  /** Dotted field path inside the object, with `[i]` for list items. */
  path?: string;
  location?: SourceLocation;
  /** Present when an annotation, the config or a baseline suppresses the finding; it is still reported. */
  suppressed?: Suppression;
  /** Where the finding came from when it is not a built-in rule, e.g. `pss`, `policy:<name>`. */
  source?: string;
}

export type DiagnosticLevel = 'warning' | 'error' | 'fatal';

/** A problem with the input or with kubeward itself, never with the cluster. Printed, never dropped. */
export interface Diagnostic {
  level: DiagnosticLevel;
  code: ErrorCode;
  message: string;
  location?: SourceLocation;
  /** The rule a RULE_CRASHED diagnostic is about. */
  ruleId?: string;
  object?: ObjectRef;
  cause?: string;
}

export interface Analysis {
  findings: Finding[];
  diagnostics: Diagnostic[];
}
