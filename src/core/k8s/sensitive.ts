/**
 * Heuristics for credentials written as plain text (env values, ConfigMap data). Every function returns a
 * verdict or a label of what was recognised, never the value, so callers can report without leaking it.
 */

import { memoizeByString } from '../string-memo.js';

const SENSITIVE_NAME = /passw(?:or)?d|passwd|(?:^|_)pwd(?:_|$)|secret|token|api_?key|access_?key|private_?key|credential|bearer|auth_?key|signing_?key|encryption_?key|conn(?:ection)?_?string/;

/** Names that mention a credential but hold something else: where it is, what it is called, how long it lives. */
const NOT_A_CREDENTIAL = /(?:^|_)(?:file|path|dir|url|uri|endpoint|host|name|names|id|ttl|timeout|expiry|expires|expiration|length|lifetime|enabled|enable|disabled|type|mode|header|ref|location|policy|version|format|audience|issuer|count|size)$/;

/** `dbPassword`, `DB-PASSWORD`, `db.password` -> `db_password`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.\s]+/g, '_').toLowerCase();
}

/**
 * True for names such as `DB_PASSWORD`, `apiKey`, `AWS_SECRET_ACCESS_KEY`; false for `TOKEN_URL`, `PASSWORD_FILE`.
 * Memoised by name: env var and key names repeat across workloads and requests (names only, never values).
 */
export const isSensitiveName: (name: string) => boolean = memoizeByString((name) => {
  const snake = snakeCase(name);
  return SENSITIVE_NAME.test(snake) && !NOT_A_CREDENTIAL.test(snake);
});

/**
 * True when the value could be the credential itself, not a reference to it: not empty, not a `$(VAR)` /
 * `${VAR}` / `{{ … }}` placeholder, boolean, number, absolute path, or URL without a password.
 */
export function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text === '') return false;
  if (/^(?:\$\([\w.-]+\)|\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>)$/.test(text)) return false;
  if (/^(?:true|false|yes|no|on|off|null|none|required|optional)$/i.test(text)) return false;
  if (/^\d+(?:\.\d+)?[a-z]{0,2}$/i.test(text)) return false;
  if (/^(?:\/|\.\/|~\/)[^\s]*$/.test(text)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(text)) return false;
  return true;
}

const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, 'a private key'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\b[rs]k_live_[0-9A-Za-z]{20,}/, 'a Stripe secret key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/, 'a JSON Web Token'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s/@]+@/i, 'a URL with an embedded password'],
];

/** What kind of well-known credential the text contains (`a private key`, `a GitHub token`), if any. */
export function credentialKind(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length < 16) return undefined;
  return CREDENTIAL_PATTERNS.find(([pattern]) => pattern.test(text))?.[1];
}

/** One `key = value` / `key: value` line of an embedded config file whose key names a credential. */
export interface SensitiveAssignment {
  /** 1-based line inside the text. */
  line: number;
  key: string;
}

const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

/** Lines of an embedded config file (properties, .env, YAML, JSON) that assign a literal to a credential key. */
export function sensitiveAssignments(text: string): SensitiveAssignment[] {
  const found: SensitiveAssignment[] = [];
  text.split('\n').forEach((lineText, i) => {
    const match = ASSIGNMENT.exec(lineText);
    if (!match || !isSensitiveName(match[1])) return;
    const value = match[2].replace(/^(["'])(.*)\1$/, '$2');
    if (isLiteralSecretValue(value) && !/^[[{|>]/.test(value)) found.push({ line: i + 1, key: match[1] });
  });
  return found;
}
