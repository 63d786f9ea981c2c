/**
 * Pod Security levels, policy versions and the namespace labels that select them, parsed exactly as PSA's
 * `api/helpers.go` does: an invalid enforce level fails closed (restricted), invalid audit/warn levels fail
 * open (privileged), an invalid version means latest, and each invalid label is reported as a field error.
 */
import type { Level } from './check.js';

export type { Level } from './check.js';
export const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/** A policy version is its minor number (the major is always 1); `latest` is newer than any number. */
export type PolicyVersion = number;
export const LATEST: PolicyVersion = Number.POSITIVE_INFINITY;

export interface LevelVersion {
  level: Level;
  version: PolicyVersion;
}

/** A problem with one field, rendered like Kubernetes' field.Error. */
export interface FieldError {
  field: string;
  type: 'Invalid' | 'Duplicate' | 'Required' | 'Unsupported' | 'Unknown';
  value?: unknown;
  detail?: string;
}

/** `metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "foo": must be one of privileged, baseline, restricted` */
export function formatFieldError(error: FieldError): string {
  const typeText = { Invalid: 'Invalid value', Duplicate: 'Duplicate value', Required: 'Required value', Unsupported: 'Unsupported value', Unknown: 'Unknown field' }[error.type];
  const value = error.value === undefined ? '' : `: ${JSON.stringify(error.value)}`;
  return `${error.field}: ${typeText}${value}${error.detail ? `: ${error.detail}` : ''}`;
}

export const LEVEL_ERROR = 'must be one of privileged, baseline, restricted';
export const VERSION_ERROR = 'must be "latest" or "v1.x"';

export function isLevel(value: unknown): value is Level {
  return value === 'privileged' || value === 'baseline' || value === 'restricted';
}

const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** `latest` or `v1.N` (no leading zeros); undefined when invalid. */
export function parseVersion(text: string): PolicyVersion | undefined {
  if (text === 'latest') return LATEST;
  const match = VERSION_PATTERN.exec(text);
  if (!match) return undefined;
  const minor = Number(match[1]);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

export function formatVersion(version: PolicyVersion): string {
  return version === LATEST ? 'latest' : `v1.${version}`;
}

/** `restricted:latest`, `baseline:v1.25` — the text inside every PodSecurity message. */
export function formatLevelVersion(lv: LevelVersion): string {
  return `${lv.level}:${formatVersion(lv.version)}`;
}

/** -1 when a is less strict than b, 0 when equal, 1 when stricter. */
export function compareLevels(a: Level, b: Level): number {
  return Math.sign(LEVELS.indexOf(a) - LEVELS.indexOf(b));
}

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const LABELS = {
  enforce: `${LABEL_PREFIX}enforce`,
  enforceVersion: `${LABEL_PREFIX}enforce-version`,
  audit: `${LABEL_PREFIX}audit`,
  auditVersion: `${LABEL_PREFIX}audit-version`,
  warn: `${LABEL_PREFIX}warn`,
  warnVersion: `${LABEL_PREFIX}warn-version`,
} as const;

export type Mode = 'enforce' | 'audit' | 'warn';
export const MODES: readonly Mode[] = ['enforce', 'audit', 'warn'];

/** What one namespace enforces, audits and warns about. */
export type Policy = Record<Mode, LevelVersion>;

export const PRIVILEGED_POLICY: Policy = {
  enforce: { level: 'privileged', version: LATEST },
  audit: { level: 'privileged', version: LATEST },
  warn: { level: 'privileged', version: LATEST },
};

export function isFullyPrivileged(policy: Policy): boolean {
  return policy.enforce.level === 'privileged' && policy.audit.level === 'privileged' && policy.warn.level === 'privileged';
}

/**
 * Resolves a namespace's labels to its policy, starting from the configured defaults. A usable policy is
 * always returned, with one field error per invalid label.
 */
export function policyFromLabels(labels: Readonly<Record<string, unknown>> | undefined, defaults: Policy = PRIVILEGED_POLICY): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = { enforce: { ...defaults.enforce }, audit: { ...defaults.audit }, warn: { ...defaults.warn } };
  const errors: FieldError[] = [];
  if (!labels) return { policy, errors };
  const invalid = (label: string, value: string, detail: string) => errors.push({ field: `metadata.labels[${label}]`, type: 'Invalid', value, detail });

  let enforceLabelledValidly = false;
  for (const mode of MODES) {
    const levelLabel = LABELS[mode];
    const versionLabel = LABELS[`${mode}Version` as const];
    if (Object.hasOwn(labels, levelLabel)) {
      const text = String(labels[levelLabel]);
      if (isLevel(text)) {
        policy[mode].level = text;
        if (mode === 'enforce') enforceLabelledValidly = true;
      } else {
        // Fail closed for enforce, open for audit and warn.
        policy[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
        invalid(levelLabel, text, LEVEL_ERROR);
      }
    }
    if (Object.hasOwn(labels, versionLabel)) {
      const text = String(labels[versionLabel]);
      const version = parseVersion(text);
      policy[mode].version = version ?? LATEST;
      if (version === undefined) invalid(versionLabel, text, VERSION_ERROR);
    }
  }
  // An unlabelled warn follows a stricter enforce label, so users see what enforce will reject.
  if (!Object.hasOwn(labels, LABELS.warn) && enforceLabelledValidly && compareLevels(policy.enforce.level, policy.warn.level) > 0) {
    policy.warn.level = policy.enforce.level;
    if (!Object.hasOwn(labels, LABELS.warnVersion)) policy.warn.version = policy.enforce.version;
  }
  return { policy, errors };
}
