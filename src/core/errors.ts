/**
 * The one catalogue of error codes kubeward emits, in diagnostics and usage errors.
 * docs/errors.md has one line per code.
 */
export const ErrorCodes = {
  MANIFEST_READ: 'E_MANIFEST_READ',
  MANIFEST_PARSE: 'E_MANIFEST_PARSE',
  MANIFEST_NOT_OBJECT: 'E_MANIFEST_NOT_OBJECT',
  MANIFEST_NO_KIND: 'E_MANIFEST_NO_KIND',
  MANIFEST_EMPTY: 'E_MANIFEST_EMPTY',
  RULE_CRASHED: 'E_RULE_CRASHED',
  CONFIG_INVALID: 'E_CONFIG_INVALID',
  CONFIG_READ: 'E_CONFIG_READ',
  USAGE: 'E_USAGE',
  BASELINE_INVALID: 'E_BASELINE_INVALID',
  EXEMPTION_EXPIRED: 'E_EXEMPTION_EXPIRED',
  UNKNOWN_RULE: 'E_UNKNOWN_RULE',
  NO_OBJECTS: 'E_NO_OBJECTS',
  NETPOL_INPUT: 'E_NETPOL_INPUT',
  PSS_CONFIG_INVALID: 'E_PSS_CONFIG_INVALID',
  POLICY_INVALID: 'E_POLICY_INVALID',
  POLICY_EVALUATION: 'E_POLICY_EVALUATION',
  POLICY_UNSUPPORTED: 'E_POLICY_UNSUPPORTED',
  CLUSTER_UNREACHABLE: 'E_CLUSTER_UNREACHABLE',
  CLUSTER_FORBIDDEN: 'E_CLUSTER_FORBIDDEN',
  CLUSTER_NOT_LISTED: 'E_CLUSTER_NOT_LISTED',
  KUBECONFIG: 'E_KUBECONFIG',
  REPORTS_APPLY: 'E_REPORTS_APPLY',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A user mistake (flag, config file): the CLI prints usage and the message and exits 2. */
export class UsageError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An invariant that really holds; throws with the reason instead of a bare `!`. */
export function nullThrows<T>(value: T | null | undefined, reason: string): T {
  if (value === null || value === undefined) throw new Error(`invariant failed: ${reason}`);
  return value;
}
