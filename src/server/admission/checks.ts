/**
 * The built-in checks at admission: the registry's rules with their `.kubeward.yaml` settings, prepared once (per
 * kind, the rules that apply) so that a review pays only for the checks. It produces exactly the findings and
 * RULE_CRASHED diagnostics of `runRules` (test/admission/checks.test.ts compares them on a corpus): runRules builds
 * its active-rule table on every call, which for one object per call cost more than the checks themselves
 * (about 90 of 150 µs on a pod).
 */
import { ErrorCodes } from '../../core/errors.js';
import type { Diagnostic, Finding } from '../../core/finding.js';
import { formatMessage, type Rule } from '../../core/engine/define-rule.js';
import type { ObjectIndex } from '../../core/engine/object-index.js';
import type { Registry } from '../../core/engine/registry.js';
import { activeRules, type RuleSetting } from '../../core/engine/run.js';
import { describeRef, refOf, type K8sObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import type { Severity } from '../../core/finding.js';

interface PreparedRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
}

export interface CheckRun {
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export interface PreparedChecks {
  /** The enabled rules with their configured severity. */
  readonly active: ReadonlyArray<{ id: string; severity: Severity }>;
  /** Runs every enabled rule that applies to `object`; `index` is what the rules may read besides it. */
  run(object: K8sObject, index: ObjectIndex): CheckRun;
}

function applies(rule: Rule, kind: string, isWorkload: boolean): boolean {
  const { appliesTo } = rule.meta;
  if (appliesTo === 'all') return true;
  if (appliesTo === 'workloads') return isWorkload;
  return appliesTo.includes(kind);
}

export function prepareChecks(registry: Registry, settings: Readonly<Record<string, RuleSetting>>): PreparedChecks {
  const active: PreparedRule[] = activeRules(registry, settings);
  const byKind = new Map<string, PreparedRule[]>();
  const rulesFor = (kind: string, isWorkload: boolean) => {
    const key = `${kind}|${isWorkload}`;
    let list = byKind.get(key);
    if (!list) {
      list = active.filter(({ rule }) => applies(rule, kind, isWorkload));
      // Kinds come from requests: keep the table bounded.
      if (byKind.size < 1000) byKind.set(key, list);
    }
    return list;
  };
  return {
    active: active.map(({ rule, severity }) => ({ id: rule.id, severity })),
    run(object, index) {
      const findings: Finding[] = [];
      const diagnostics: Diagnostic[] = [];
      const list = rulesFor(object.kind, podSpecOf(object) !== undefined);
      const ref = refOf(object);
      for (let i = 0; i < list.length; i++) {
        const { rule, severity, options } = list[i];
        try {
          const violations = rule.check(object, { objects: index, options });
          for (const violation of violations) {
            const template = rule.meta.messages[violation.messageId];
            if (template === undefined) throw new Error(`unknown messageId "${violation.messageId}"`);
            const finding: Finding = {
              ruleId: rule.id,
              severity: violation.severity ?? severity,
              category: rule.meta.category,
              messageId: violation.messageId,
              message: formatMessage(template, violation.data),
              object: ref,
            };
            if (violation.path) finding.path = violation.path;
            findings.push(finding);
          }
        } catch (error) {
          diagnostics.push({
            level: 'error',
            code: ErrorCodes.RULE_CRASHED,
            message: `rule ${rule.id} failed on ${describeRef(ref)}: ${error instanceof Error ? error.message : String(error)}`,
            ruleId: rule.id,
            object: ref,
            cause: error instanceof Error ? (error.stack ?? error.message) : String(error),
          });
        }
      }
      return { findings, diagnostics };
    },
  };
}
