/**
 * TEST DOUBLE support: the `labelSelector` and `fieldSelector` query parameters as the API server parses them
 * (apimachinery `labels.Parse` and `fields.ParseSelector`): `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
 * `a`, `!a`, comma meaning AND. A selector that does not parse is a 400 BadRequest.
 */

export type Requirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key)) throw new SelectorError(`unable to parse requirement: invalid label key "${key}" in "${selector}"`);
  return key;
}

function checkValue(value: string, selector: string): string {
  if (!VALUE.test(value)) throw new SelectorError(`unable to parse requirement: invalid label value "${value}" in "${selector}"`);
  return value;
}

export function parseLabelSelector(selector: string): Requirement[] {
  return splitTerms(selector).map((term) => {
    let match = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (match) {
      const values = match[3].split(',').map((v) => checkValue(v.trim(), selector));
      return { key: checkKey(match[1], selector), op: match[2] as 'in' | 'notin', values };
    }
    match = /^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/.exec(term);
    if (match) {
      return { key: checkKey(match[1], selector), op: match[2] === '!=' ? 'neq' : 'eq', value: checkValue(match[3], selector) };
    }
    match = /^!\s*(\S+)$/.exec(term);
    if (match) return { key: checkKey(match[1], selector), op: 'notexists' };
    if (/^\S+$/.test(term)) return { key: checkKey(term, selector), op: 'exists' };
    throw new SelectorError(`unable to parse requirement: "${term}" in "${selector}"`);
  });
}

export function matchesRequirements(requirements: readonly Requirement[], values: Readonly<Record<string, string>>): boolean {
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(values, r.key);
    switch (r.op) {
      case 'eq': return has && values[r.key] === r.value;
      case 'neq': return !has || values[r.key] !== r.value;
      case 'in': return has && r.values.includes(values[r.key]);
      case 'notin': return !has || !r.values.includes(values[r.key]);
      case 'exists': return has;
      case 'notexists': return !has;
    }
  });
}

/** Field selectors allow only `=`, `==` and `!=` on the fields a resource declares. */
export function parseFieldSelector(selector: string, supported: readonly string[]): Requirement[] {
  return splitTerms(selector).map((term) => {
    const match = /^([^!=\s]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!match) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    if (!supported.includes(match[1])) throw new SelectorError(`field label not supported: ${match[1]}`);
    return { key: match[1], op: match[2] === '!=' ? 'neq' : 'eq', value: match[3].trim() };
  });
}
