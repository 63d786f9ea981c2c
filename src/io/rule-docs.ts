/**
 * Reads a rule's documentation (`src/rules/<id>/<id>.md`, shipped in the npm package) and splits it into
 * front-matter and sections.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REQUIRED_DOC_SECTIONS = ['What it checks', 'Why it matters', 'Examples', 'Options', 'How to fix', 'Exemptions', 'References'] as const;

export interface RuleDoc {
  id: string;
  title: string;
  body: string;
  sections: Map<string, string>;
  /** ```yaml fail / ```yaml pass blocks; `options={…}` after the tag runs the example with those rule options. */
  examples: Array<{ expect: 'fail' | 'pass'; yaml: string; options?: Record<string, unknown> }>;
}

let cachedRoot: string | undefined;
/** The package root: the nearest folder above this module that holds package.json. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('kubeward package root not found');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export function ruleDocPath(id: string): string {
  return path.join(packageRoot(), 'src', 'rules', id, `${id}.md`);
}

export function parseRuleDoc(text: string): RuleDoc {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const fields = new Map<string, string>();
  for (const line of (front?.[1] ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const body = front ? text.slice(front[0].length) : text;
  const sections = new Map<string, string>();
  const headings = [...body.matchAll(/^## (.+)$/gm)];
  headings.forEach((match, i) => {
    const start = match.index! + match[0].length;
    const end = i + 1 < headings.length ? headings[i + 1].index! : body.length;
    sections.set(match[1].trim(), body.slice(start, end).trim());
  });
  const examples = [...(sections.get('Examples') ?? '').matchAll(/```ya?ml (fail|pass)(?: options=(\{.*\}))?\n([\s\S]*?)```/g)].map((m) => ({
    expect: m[1] as 'fail' | 'pass',
    yaml: m[3],
    ...(m[2] ? { options: JSON.parse(m[2]) as Record<string, unknown> } : {}),
  }));
  return { id: fields.get('id') ?? '', title: fields.get('title') ?? '', body, sections, examples };
}

export function readRuleDoc(id: string): RuleDoc | undefined {
  const file = ruleDocPath(id);
  if (!existsSync(file)) return undefined;
  return parseRuleDoc(readFileSync(file, 'utf8'));
}
