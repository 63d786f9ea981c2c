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
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (actual[key] !== String(value)) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(actual, expression.key);
    const values = (expression.values ?? []).map(String);
    switch (expression.operator) {
      case 'In': if (!has || !values.includes(actual[expression.key])) return false; break;
      case 'NotIn': if (has && values.includes(actual[expression.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Service-style selector (a plain map): empty or missing selects nothing. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!isObject(selector) || Object.keys(selector).length === 0) return false;
  const actual = labels ?? {};
  return Object.entries(selector).every(([key, value]) => actual[key] === String(value));
}
