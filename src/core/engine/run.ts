/**
 * runRules: every enabled rule over every object it applies to. Pure: the caller passes the clock and the
 * source locator. A rule that throws becomes a RULE_CRASHED diagnostic naming the rule and the object; it is
 * never counted as a pass.
 */
import { ErrorCodes } from '../errors.js';
import type { Diagnostic, Finding, Severity, SourceLocation } from '../finding.js';
import { describeRef, refOf, type K8sObject, type ObjectRef } from '../k8s/object.js';
import { podSpecOf } from '../k8s/pod-spec.js';
import { formatMessage, type Rule, type RuleContext, type Violation } from './define-rule.js';
import { indexObjects, type ObjectIndex } from './object-index.js';
import type { Registry } from './registry.js';

/**
 * Finds the source location of an object, or of a field inside it. `many` answers several paths of one
 * object at once (one pass over its document); the engine uses it when present.
 */
export type Locator = ((object: K8sObject, path?: string) => SourceLocation | undefined) & {
  many?: (object: K8sObject, paths: ReadonlyArray<string | undefined>) => Array<SourceLocation | undefined>;
};

export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface RunOptions {
  /** Per-rule settings from the config, by rule id. */
  rules?: Readonly<Record<string, RuleSetting>>;
  locate?: Locator;
  /** Reuse an index built by the caller (other analysers share it). */
  index?: ObjectIndex;
}

/** Which rules were evaluated on one object: the base for pass counts, scores and JUnit test cases. */
export interface ObjectEvaluation {
  object: ObjectRef;
  location?: SourceLocation;
  /** Ids of the rules that ran on this object and did not crash. */
  rules: readonly string[];
  /** Ids of the rules that crashed on this object. */
  crashed?: string[];
}

export interface RuleRunResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  evaluations: ObjectEvaluation[];
}

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
  /** Position in the active list: where a run keeps this rule's context. */
  slot: number;
}

export function activeRules(registry: Registry, settings: Readonly<Record<string, RuleSetting>> = {}): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of registry.rules) {
    const setting = settings[rule.id] ?? {};
    const enabled = setting.enabled ?? !rule.meta.optional;
    if (!enabled) continue;
    active.push({
      rule,
      severity: setting.severity ?? rule.meta.severity,
      options: { ...(rule.defaultOptions as object), ...(setting.options ?? {}) },
      slot: active.length,
    });
  }
  return active;
}

function applies(rule: Rule, object: K8sObject, isWorkload: boolean): boolean {
  const { appliesTo } = rule.meta;
  if (appliesTo === 'all') return true;
  if (appliesTo === 'workloads') return isWorkload;
  return appliesTo.includes(object.kind);
}

/** The enabled rules with their settings, and per kind the rules that apply: built once, run many times. */
export interface PreparedRules {
  readonly active: readonly ActiveRule[];
  /** Runs the prepared rules over `objects`; `options.index` is what cross-object rules read (default: `objects`). */
  run(objects: readonly K8sObject[], options?: Omit<RunOptions, 'rules'>): RuleRunResult;
}

/**
 * Prepares a registry and its settings for repeated runs (the admission webhook runs one object per request, so
 * building the active-rule table per call would cost more than the checks).
 */
export function prepareRules(registry: Registry, settings: Readonly<Record<string, RuleSetting>> = {}): PreparedRules {
  const active = activeRules(registry, settings);
  // Objects of the same kind (and workload-ness) get the same rule list; share the array. Kinds come from
  // requests at admission, so the table is bounded.
  const ruleListCache = new Map<string, Array<{ list: ActiveRule[]; ids: string[] } | undefined>>();
  const rulesFor = (object: K8sObject, isWorkload: boolean) => {
    let byWorkloadness = ruleListCache.get(object.kind);
    if (!byWorkloadness) {
      byWorkloadness = [];
      if (ruleListCache.size < 1000) ruleListCache.set(object.kind, byWorkloadness);
    }
    let cached = byWorkloadness[isWorkload ? 1 : 0];
    if (!cached) {
      const list = active.filter(({ rule }) => applies(rule, object, isWorkload));
      cached = { list, ids: list.map(({ rule }) => rule.id) };
      byWorkloadness[isWorkload ? 1 : 0] = cached;
    }
    return cached;
  };
  // One context per rule, made once: a run points them at its index (runs are synchronous, so never interleave).
  // Allocating them per run cost more than the checks when the webhook runs one object per request.
  const contexts: Array<RuleContext<unknown>> = active.map((entry) => ({ objects: EMPTY_INDEX, options: entry.options }));
  return { active, run: (objects, options = {}) => runPrepared(active, contexts, rulesFor, objects, options) };
}

const EMPTY_INDEX = indexObjects([]);

export function runRules(registry: Registry, objects: readonly K8sObject[], options: RunOptions = {}): RuleRunResult {
  return prepareRules(registry, options.rules).run(objects, options);
}

function runPrepared(
  active: readonly ActiveRule[],
  contexts: Array<RuleContext<unknown>>,
  rulesFor: (object: K8sObject, isWorkload: boolean) => { list: ActiveRule[]; ids: string[] },
  objects: readonly K8sObject[],
  options: Omit<RunOptions, 'rules'>,
): RuleRunResult {
  const index = options.index ?? indexObjects(objects);
  // Rules see this run's index.
  for (let i = 0; i < contexts.length; i++) contexts[i].objects = index;
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const evaluations: ObjectEvaluation[] = [];

  // One object's violations, gathered before its findings are made, so that each finding is created with its
  // location (adding a property to a made object grows it into a second allocation, for every finding of a scan).
  const pendingRules: ActiveRule[] = [];
  const pendingViolations: Array<Violation<string>> = [];
  const pendingMessages: string[] = [];
  const pendingPaths: Array<string | undefined> = [];

  for (const object of objects) {
    const isWorkload = podSpecOf(object) !== undefined;
    const cached = rulesFor(object, isWorkload);
    const ref = refOf(object);
    let crashed: string[] | undefined;
    for (const entry of cached.list) {
      const { rule } = entry;
      const context = contexts[entry.slot];
      try {
        const violations = rule.check(object, context);
        // An index loop: the arrays come from every rule, and the iterator protocol over them costs more.
        for (let v = 0; v < violations.length; v++) {
          const violation = violations[v];
          const template = rule.meta.messages[violation.messageId];
          if (template === undefined) throw new Error(`unknown messageId "${violation.messageId}"`);
          pendingRules.push(entry);
          pendingViolations.push(violation);
          pendingMessages.push(formatMessage(template, violation.data));
          pendingPaths.push(violation.path);
        }
      } catch (error) {
        (crashed ??= []).push(rule.id);
        const diagnostic: Diagnostic = {
          level: 'error',
          code: ErrorCodes.RULE_CRASHED,
          message: `rule ${rule.id} failed on ${describeRef(ref)}: ${error instanceof Error ? error.message : String(error)}`,
          ruleId: rule.id,
          object: ref,
          cause: error instanceof Error ? (error.stack ?? error.message) : String(error),
        };
        const location = options.locate?.(object);
        if (location) diagnostic.location = location;
        diagnostics.push(diagnostic);
      }
    }
    if (pendingRules.length > 0) {
      const locations = options.locate ? locateAll(object, pendingPaths, options.locate) : undefined;
      for (let i = 0; i < pendingRules.length; i++) {
        const { rule, severity: configured } = pendingRules[i];
        const violation = pendingViolations[i];
        const severity = violation.severity ?? configured;
        const path = pendingPaths[i];
        const location = locations?.[i];
        // One literal per combination, keys in the same order: findings keep one shape and their size.
        findings.push(path
          ? (location
            ? { ruleId: rule.id, severity, category: rule.meta.category, messageId: violation.messageId, message: pendingMessages[i], object: ref, path, location }
            : { ruleId: rule.id, severity, category: rule.meta.category, messageId: violation.messageId, message: pendingMessages[i], object: ref, path })
          : (location
            ? { ruleId: rule.id, severity, category: rule.meta.category, messageId: violation.messageId, message: pendingMessages[i], object: ref, location }
            : { ruleId: rule.id, severity, category: rule.meta.category, messageId: violation.messageId, message: pendingMessages[i], object: ref }));
      }
      pendingRules.length = 0;
      pendingViolations.length = 0;
      pendingMessages.length = 0;
      pendingPaths.length = 0;
    }
    const evaluation: ObjectEvaluation = {
      object: ref,
      rules: crashed ? cached.ids.filter((id) => !crashed!.includes(id)) : cached.ids,
    };
    if (crashed) evaluation.crashed = crashed;
    const location = options.locate?.(object);
    if (location) evaluation.location = location;
    evaluations.push(evaluation);
  }
  // Let the index (every object of the run) go with the run.
  for (let i = 0; i < contexts.length; i++) contexts[i].objects = EMPTY_INDEX;
  return { findings, diagnostics, evaluations };
}

function locateAll(object: K8sObject, paths: ReadonlyArray<string | undefined>, locate: Locator): ReadonlyArray<SourceLocation | undefined> {
  if (locate.many) return locate.many(object, paths);
  return paths.map((path) => locate(object, path));
}
