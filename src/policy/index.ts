/**
 * Policy as code: ValidatingAdmissionPolicies and Gatekeeper CEL constraints, evaluated offline with the
 * verdicts and messages a cluster would give. docs/policy.md describes the formats and the deviations.
 */
export { loadPolicySet, evaluateAdmission, REGO_NOT_SUPPORTED, type PolicySet, type LoadOptions, type EvaluationContext } from './policy-set.js';
export { evaluatePoliciesOnObjects, policyRuleId, policySeverity, type PolicyScanOptions } from './scan.js';
export { reviewOfObject, reviewOfAdmissionReview, isAdmissionReview, type AdmissionInput, type Operation } from './admission.js';
export type { AdmissionVerdict, PolicyResult, PolicyAction } from './model.js';
export { ENFORCEMENT_POINTS } from './gatekeeper.js';
export { compileCel, CelCompileError, CelEvaluationError, type CompiledExpression } from './cel/compile.js';
export { DEFAULT_KUBERNETES_VERSION } from './cel/environment.js';
export { runPolicyTests, readPolicySet } from './files.js';
export { summarize, type CaseResult, type TestFileResult } from './suite.js';
