/**
 * The built-in checks at admission: the registry's rules with their `.kubeward.yaml` settings, prepared once with
 * the engine's `prepareRules` (per kind, the rules that apply), so that a review pays only for the checks. The
 * findings and RULE_CRASHED diagnostics are the engine's own.
 */
import type { Diagnostic, Finding, Severity } from '../../core/finding.js';
import type { ObjectIndex } from '../../core/engine/object-index.js';
import type { Registry } from '../../core/engine/registry.js';
import { prepareRules, type RuleSetting } from '../../core/engine/run.js';
import type { K8sObject } from '../../core/k8s/object.js';

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

export function prepareChecks(registry: Registry, settings: Readonly<Record<string, RuleSetting>>): PreparedChecks {
  const prepared = prepareRules(registry, settings);
  return {
    active: prepared.active.map(({ rule, severity }) => ({ id: rule.id, severity })),
    run(object, index) {
      const { findings, diagnostics } = prepared.run([object], { index });
      return { findings, diagnostics };
    },
  };
}
