/**
 * The rule model: metadata as plain data plus a pure `check(object, ctx)` that returns violations.
 * The engine turns violations into Findings (adds rule id, severity, object ref and source location).
 */
import type { Severity } from '../finding.js';
import type { K8sObject } from '../k8s/object.js';
import type { ObjectIndex } from './object-index.js';

export const CATEGORIES = [
  'host-access', 'privilege', 'kernel-hardening', 'images', 'resources', 'reliability', 'service-accounts',
  'secrets', 'exposure', 'multi-tenancy', 'rbac', 'sandboxing', 'scheduling', 'cross-object', 'hygiene',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Reference {
  /** `CIS 5.2.2`, `NSA/CISA Kubernetes Hardening Guide`, `PSS baseline`, `MITRE ATT&CK T1611`. */
  title: string;
  url?: string;
}

/** The same check in other scanners, so users can migrate their exemptions. */
export interface PeerIds {
  polaris?: string[];
  kubeScore?: string[];
  kubeLinter?: string[];
  kubescape?: string[];
  trivy?: string[];
}

/** Which objects a rule looks at; the engine skips the rest, and counts the rest as not applicable. */
export type AppliesTo = 'workloads' | 'all' | readonly string[];

export interface RuleMeta<MessageId extends string> {
  title: string;
  category: Category;
  severity: Severity;
  /** One or two sentences: why it matters (the doc has the long form). */
  description: string;
  /** One sentence: how to fix (the doc has the YAML snippet). */
  remediation: string;
  messages: Record<MessageId, string>;
  appliesTo: AppliesTo;
  references?: Reference[];
  peers?: PeerIds;
  /** Off unless enabled in the config (opinionated checks). */
  optional?: boolean;
}

/** One problem on the object passed to `check`. `data` fills `{{placeholders}}` in the message. */
export interface Violation<MessageId extends string = string> {
  messageId: MessageId;
  path?: string;
  data?: Record<string, string | number | boolean | undefined>;
  /** Overrides the rule's default severity for this violation only (e.g. graded checks). */
  severity?: Severity;
}

export interface RuleContext<Options> {
  /**
   * Every object of the scan, indexed. A rule may read anything here but must report only problems
   * of the object passed to `check` (kube-linter's contract).
   */
  objects: ObjectIndex;
  /** The rule's options with defaults already merged. */
  options: Options;
}

export interface Rule<MessageId extends string = string, Options = any> {
  id: string;
  meta: RuleMeta<MessageId>;
  defaultOptions: Options;
  /** Validates user-supplied options from `.kubeward.yaml`; returns an error message per bad key. */
  validateOptions?: (options: unknown) => string[];
  check(object: K8sObject, ctx: RuleContext<Options>): Violation<MessageId>[];
}

export interface RuleDefinition<MessageId extends string, Options> {
  id: string;
  meta: RuleMeta<MessageId>;
  defaultOptions?: Options;
  validateOptions?: (options: unknown) => string[];
  check(object: K8sObject, ctx: RuleContext<Options>): Violation<NoInfer<MessageId>>[];
}

/** Typed rule constructor: a wrong messageId in `check` fails to compile. */
export function defineRule<const MessageId extends string, Options = Record<string, never>>(
  definition: RuleDefinition<MessageId, Options>,
): Rule<MessageId, Options> {
  return {
    id: definition.id,
    meta: definition.meta,
    defaultOptions: (definition.defaultOptions ?? {}) as Options,
    ...(definition.validateOptions ? { validateOptions: definition.validateOptions } : {}),
    check: definition.check,
  };
}

/** A template split at its placeholders: literals[0] key[0] literals[1] … keys[n-1] literals[n]. */
interface CompiledTemplate {
  literals: string[];
  keys: string[];
  /** The placeholders as written, shown when their data is missing. */
  raws: string[];
}

const compiledTemplates = new Map<string, CompiledTemplate>();
const NO_DATA: NonNullable<Violation['data']> = {};

function compileTemplate(template: string): CompiledTemplate {
  const compiled: CompiledTemplate = { literals: [], keys: [], raws: [] };
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    compiled.literals.push(template.slice(last, match.index));
    compiled.keys.push(match[1]);
    compiled.raws.push(match[0]);
    last = match.index + match[0].length;
  }
  compiled.literals.push(template.slice(last));
  return compiled;
}

/** Fills `{{name}}` placeholders. Unknown placeholders are left visible so tests catch them. */
export function formatMessage(template: string, data?: Violation['data']): string {
  let compiled = compiledTemplates.get(template);
  if (!compiled) {
    compiled = compileTemplate(template);
    compiledTemplates.set(template, compiled);
  }
  const { literals, keys, raws } = compiled;
  const values = data ?? NO_DATA;
  let text = literals[0];
  for (let i = 0; i < keys.length; i++) {
    const value = values[keys[i]];
    text += value === undefined ? raws[i] : String(value);
    text += literals[i + 1];
  }
  // Flattened now: a finding keeps its message for the whole run, and a chain of concatenations held that long
  // costs the garbage collector a node per piece on every copy.
  if (keys.length > 0) text.charCodeAt(0);
  return text;
}
