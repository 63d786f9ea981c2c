/**
 * The scanner's entry to policies: every object of a scan is reviewed by the policy set (VAPs as a CREATE,
 * Gatekeeper constraints as Gatekeeper's audit does, without an operation) and each failed validation becomes
 * a Finding with ruleId and source `policy:<name>`.
 */
import type { Locator } from '../core/engine/run.js';
import { ErrorCodes } from '../core/errors.js';
import { isSeverity, type Analysis, type Diagnostic, type Finding, type Severity } from '../core/finding.js';
import { refOf, type K8sObject } from '../core/k8s/object.js';
import { reviewOfObject } from './admission.js';
import type { EvaluationLimits } from './cel/cost.js';
import { ENFORCEMENT_POINTS } from './gatekeeper.js';
import { SEVERITY_ANNOTATION, type PolicyResult } from './model.js';
import { evaluateAdmission, type PolicySet } from './policy-set.js';

export interface PolicyScanOptions {
  locate?: Locator;
  limits?: EvaluationLimits;
}

export const POLICY_CATEGORY = 'policy';

/** `policy:no-privileged` for a VAP, `policy:K8sRequiredLabels/must-have-owner` for a Gatekeeper constraint. */
export function policyRuleId(result: PolicyResult): string {
  return result.engine === 'ValidatingAdmissionPolicy' ? `policy:${result.policy}` : `policy:${result.policy}/${result.binding}`;
}

/** deny -> high, warn -> medium, audit (VAP Audit, Gatekeeper dryrun) -> low, unless `kubeward.io/severity` says otherwise. */
export function policySeverity(result: PolicyResult): Severity {
  if (isSeverity(result.severity)) return result.severity;
  if (result.actions.includes('deny')) return 'high';
  if (result.actions.includes('warn')) return 'medium';
  return 'low';
}

const POLICY_KINDS = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ConstraintTemplate']);

function isPolicyObject(object: K8sObject): boolean {
  return POLICY_KINDS.has(object.kind) || (object.apiVersion ?? '').startsWith('constraints.gatekeeper.sh/');
}

/**
 * Reviews the objects with the policy set. Returns findings plus the set's load diagnostics (invalid policies,
 * compile errors, Rego-only templates), so callers need not merge them.
 */
export function evaluatePoliciesOnObjects(set: PolicySet, objects: readonly K8sObject[], options: PolicyScanOptions = {}): Analysis {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [...set.diagnostics];
  const namespaceObjects = new Map<string, K8sObject>();
  for (const object of [...set.resources, ...objects]) {
    if (object.kind === 'Namespace' && object.apiVersion === 'v1' && object.metadata?.name) namespaceObjects.set(object.metadata.name, object);
  }
  const context = {
    namespaces: (name: string) => namespaceObjects.get(name),
    paramObjects: [...set.resources, ...objects],
    enforcementPoint: ENFORCEMENT_POINTS.audit,
    limits: options.limits,
  };
  const vapOnly: PolicySet = { ...set, constraints: [] };
  const gatekeeperOnly: PolicySet = { ...set, vaps: [], bindings: [] };
  const badSeverities = new Set<string>();

  for (const object of objects) {
    if (isPolicyObject(object)) continue;
    const results = [
      ...(set.vaps.length > 0 ? evaluateAdmission(vapOnly, reviewOfObject(object), context).results : []),
      ...(set.constraints.length > 0 ? evaluateAdmission(gatekeeperOnly, reviewOfObject(object, { operation: '' }), context).results : []),
    ];
    for (const result of results) {
      const ruleId = policyRuleId(result);
      if (result.severity !== undefined && !isSeverity(result.severity) && !badSeverities.has(ruleId)) {
        badSeverities.add(ruleId);
        diagnostics.push({ level: 'warning', code: ErrorCodes.POLICY_INVALID, message: `${ruleId}: annotation ${SEVERITY_ANNOTATION}: "${result.severity}" is not a severity (critical, high, medium, low, info); using the action's default` });
      }
      const finding: Finding = {
        ruleId,
        severity: policySeverity(result),
        category: POLICY_CATEGORY,
        messageId: result.error ? 'policy-error' : 'policy-violation',
        message: result.message,
        object: refOf(object),
        source: ruleId,
      };
      const location = options.locate?.(object);
      if (location) finding.location = location;
      findings.push(finding);
    }
  }
  return { findings, diagnostics };
}
