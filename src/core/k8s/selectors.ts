/**
 * Label selector matching as Kubernetes defines it (matchLabels AND matchExpressions).
 */
import { isObject } from './object.js';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** An empty selector `{}` matches everything; `undefined`/null matches nothing (as for PDB and NetworkPolicy peers). */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, string> | undefined): boolean {
  if (!isObject(selector)) return false;
  const actual = labels ?? {};
  // Called for every workload x selector pair of a scan: no per-call arrays.
  const matchLabels: unknown = selector.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    const wanted = Object(matchLabels) as Record<string, unknown>;
    for (const key of Object.keys(wanted)) {
      if (actual[key] !== String(wanted[key])) return false;
    }
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(actual, expression.key);
    // Anything but an array is converted as before (and fails where it failed).
    const values: unknown = expression.values ?? NO_VALUES;
    const listed = Array.isArray(values) ? values : (values as unknown[]).map(String);
    switch (expression.operator) {
      case 'In': if (!has || !includesAsString(listed, actual[expression.key])) return false; break;
      case 'NotIn': if (has && includesAsString(listed, actual[expression.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

const NO_VALUES: readonly unknown[] = [];

/** `values.map(String).includes(value)` without the copy. */
function includesAsString(values: readonly unknown[], value: unknown): boolean {
  for (const candidate of values) if (String(candidate) === value) return true;
  return false;
}

/** Service-style selector (a plain map): empty or missing selects nothing. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!isObject(selector)) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  const actual = labels ?? {};
  for (const key of keys) if (actual[key] !== String(selector[key])) return false;
  return true;
}
