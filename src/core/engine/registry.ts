/**
 * The validated rule table. Rejects duplicate ids, bad ids and incomplete metadata with errors naming the rule.
 */
import { isSeverity } from '../finding.js';
import { CATEGORIES, type Rule } from './define-rule.js';

export interface Registry {
  rules: readonly Rule[];
  get(id: string): Rule | undefined;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function createRegistry(rules: readonly Rule[]): Registry {
  const byId = new Map<string, Rule>();
  for (const rule of rules) {
    const problems: string[] = [];
    if (!KEBAB.test(rule.id)) problems.push('id must be kebab-case');
    if (byId.has(rule.id)) problems.push('duplicate id');
    if (!rule.meta.title) problems.push('missing title');
    if (!rule.meta.description) problems.push('missing description');
    if (!rule.meta.remediation) problems.push('missing remediation');
    if (!isSeverity(rule.meta.severity)) problems.push(`unknown severity ${String(rule.meta.severity)}`);
    if (!(CATEGORIES as readonly string[]).includes(rule.meta.category)) problems.push(`unknown category ${rule.meta.category}`);
    if (Object.keys(rule.meta.messages).length === 0) problems.push('no messages');
    if (typeof rule.check !== 'function') problems.push('no check function');
    if (problems.length > 0) throw new Error(`rule ${rule.id}: ${problems.join('; ')}`);
    byId.set(rule.id, rule);
  }
  return { rules: [...rules], get: (id) => byId.get(id) };
}
