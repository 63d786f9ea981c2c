/**
 * ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding (admissionregistration.k8s.io/v1): loading,
 * compiling and evaluating them as the API server's validating admission policy plugin does
 * (kubernetes/apiserver pkg/admission/plugin/policy/validating).
 */
import { isObject, type K8sObject } from '../core/k8s/object.js';
import { selectorMatches, type LabelSelector } from '../core/k8s/selectors.js';
import type { AdmissionInput } from './admission.js';
import type { CompileOptions } from './cel/compile.js';
import { objectSelectorMatches, ruleMatches, vapNamespaceSelectorMatches, type NamespaceLookup, type ResourceRule } from './match.js';
import { SEVERITY_ANNOTATION, type PolicyAction, type PolicyResult } from './model.js';
import { compileField, type FailurePolicy, type ValidatorSpec } from './validator.js';

export interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: ResourceRule[];
  excludeResourceRules?: ResourceRule[];
  matchPolicy: 'Equivalent' | 'Exact';
}

export interface VapPolicy {
  name: string;
  object: K8sObject;
  paramKind?: { apiVersion: string; kind: string };
  matchConstraints: MatchResources;
  validator: ValidatorSpec;
  severity?: string;
}

export interface VapBinding {
  name: string;
  object: K8sObject;
  policyName: string;
  paramRef?: {
    name?: string;
    namespace?: string;
    selector?: LabelSelector;
    parameterNotFoundAction: 'Allow' | 'Deny';
  };
  matchResources?: MatchResources;
  validationActions: PolicyAction[];
  severity?: string;
}

/** Problems that make a policy or binding unusable, reported as diagnostics. */
export class PolicyConfigError extends Error {}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function parseMatchResources(value: unknown): MatchResources {
  const spec = isObject(value) ? value : {};
  const matchPolicy = spec.matchPolicy ?? 'Equivalent';
  if (matchPolicy !== 'Equivalent' && matchPolicy !== 'Exact') throw new PolicyConfigError(`matchPolicy must be Equivalent or Exact, not "${matchPolicy}"`);
  return {
    namespaceSelector: isObject(spec.namespaceSelector) ? spec.namespaceSelector : undefined,
    objectSelector: isObject(spec.objectSelector) ? spec.objectSelector : undefined,
    resourceRules: Array.isArray(spec.resourceRules) ? spec.resourceRules : undefined,
    excludeResourceRules: list<ResourceRule>(spec.excludeResourceRules),
    matchPolicy,
  };
}

function severityOf(object: K8sObject): string | undefined {
  const value = object.metadata?.annotations?.[SEVERITY_ANNOTATION];
  return typeof value === 'string' ? value : undefined;
}

export function loadVap(object: K8sObject, options: CompileOptions): VapPolicy {
  const name = object.metadata?.name;
  if (!name) throw new PolicyConfigError('ValidatingAdmissionPolicy has no metadata.name');
  const spec = isObject(object.spec) ? object.spec : {};
  const failurePolicy = (spec.failurePolicy ?? 'Fail') as FailurePolicy;
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore') throw new PolicyConfigError(`failurePolicy must be Fail or Ignore, not "${failurePolicy}"`);
  if (!isObject(spec.matchConstraints) || !Array.isArray(spec.matchConstraints.resourceRules)) {
    throw new PolicyConfigError('spec.matchConstraints.resourceRules is required');
  }
  const validations = list<Record<string, any>>(spec.validations);
  const auditAnnotations = list<Record<string, any>>(spec.auditAnnotations);
  if (validations.length === 0 && auditAnnotations.length === 0) throw new PolicyConfigError('one of spec.validations or spec.auditAnnotations is required');
  if (spec.paramKind !== undefined && (!isObject(spec.paramKind) || !spec.paramKind.kind || !spec.paramKind.apiVersion)) {
    throw new PolicyConfigError('spec.paramKind needs apiVersion and kind');
  }
  const policy = `ValidatingAdmissionPolicy ${name}`;
  return {
    name,
    object,
    paramKind: spec.paramKind,
    matchConstraints: parseMatchResources(spec.matchConstraints),
    severity: severityOf(object),
    validator: {
      failurePolicy,
      matchConditions: list<Record<string, any>>(spec.matchConditions).map((c, i) => ({
        name: String(c.name ?? i),
        expression: compileField(c.expression, { policy, field: `spec.matchConditions[${i}].expression` }, 'bool', options),
      })),
      variables: list<Record<string, any>>(spec.variables).map((v, i) => ({
        name: String(v.name),
        expression: compileField(v.expression, { policy, field: `spec.variables[${i}].expression` }, 'any', options),
      })),
      validations: validations.map((v, i) => ({
        expression: compileField(v.expression, { policy, field: `spec.validations[${i}].expression` }, 'bool', options),
        message: typeof v.message === 'string' ? v.message : undefined,
        messageExpression: typeof v.messageExpression === 'string' ? compileField(v.messageExpression, { policy, field: `spec.validations[${i}].messageExpression` }, 'string', options) : undefined,
        reason: typeof v.reason === 'string' ? v.reason : undefined,
      })),
      auditAnnotations: auditAnnotations.map((a, i) => ({
        key: String(a.key),
        expression: compileField(a.valueExpression, { policy, field: `spec.auditAnnotations[${i}].valueExpression` }, 'string?', options),
      })),
    },
  };
}

const ACTIONS: Record<string, PolicyAction> = { Deny: 'deny', Warn: 'warn', Audit: 'audit' };

export function loadVapBinding(object: K8sObject): VapBinding {
  const name = object.metadata?.name;
  if (!name) throw new PolicyConfigError('ValidatingAdmissionPolicyBinding has no metadata.name');
  const spec = isObject(object.spec) ? object.spec : {};
  if (typeof spec.policyName !== 'string' || spec.policyName === '') throw new PolicyConfigError('spec.policyName is required');
  const actions = list<string>(spec.validationActions);
  if (actions.length === 0) throw new PolicyConfigError('spec.validationActions is required (Deny, Warn, Audit)');
  const unknown = actions.filter((a) => !ACTIONS[a]);
  if (unknown.length > 0) throw new PolicyConfigError(`unknown validationActions ${unknown.join(', ')} (Deny, Warn, Audit)`);
  if (actions.includes('Deny') && actions.includes('Warn')) throw new PolicyConfigError('validationActions may not contain both Deny and Warn');
  let paramRef: VapBinding['paramRef'];
  if (isObject(spec.paramRef)) {
    const ref = spec.paramRef;
    if (ref.name && ref.selector) throw new PolicyConfigError('paramRef.name and paramRef.selector are mutually exclusive');
    if (!ref.name && !isObject(ref.selector)) throw new PolicyConfigError('one of paramRef.name or paramRef.selector must be provided');
    const action = ref.parameterNotFoundAction ?? 'Deny';
    if (action !== 'Allow' && action !== 'Deny') throw new PolicyConfigError(`paramRef.parameterNotFoundAction must be Allow or Deny, not "${action}"`);
    paramRef = { name: ref.name, namespace: ref.namespace, selector: ref.selector, parameterNotFoundAction: action };
  }
  return {
    name,
    object,
    policyName: spec.policyName,
    paramRef,
    matchResources: isObject(spec.matchResources) ? parseMatchResources(spec.matchResources) : undefined,
    validationActions: actions.map((a) => ACTIONS[a]),
    severity: severityOf(object),
  };
}

/** Does the review fall under these match resources? `requireRules`: a policy's matchConstraints must list rules. */
export function matchResourcesMatch(match: MatchResources, input: AdmissionInput, namespaces: NamespaceLookup, requireRules: boolean): boolean {
  return resourceRulesMatch(match, input, requireRules) && selectorsMatch(match, input, namespaces);
}

/** The resource-rule part of matchResources: depends on the request's kind, operation and scope (and name, see rulesReadName). */
export function resourceRulesMatch(match: MatchResources, input: AdmissionInput, requireRules: boolean): boolean {
  const equivalent = match.matchPolicy === 'Equivalent';
  if (match.resourceRules !== undefined || requireRules) {
    if (!(match.resourceRules ?? []).some((rule) => ruleMatches(rule, input, equivalent))) return false;
  }
  return !(match.excludeResourceRules ?? []).some((rule) => ruleMatches(rule, input, equivalent));
}

/** Whether resourceRulesMatch also depends on the object's name (rules with resourceNames). */
export function rulesReadName(match: MatchResources): boolean {
  return [...(match.resourceRules ?? []), ...(match.excludeResourceRules ?? [])].some((rule) => (rule.resourceNames ?? []).length > 0);
}

/** The selector part of matchResources: namespace and object labels. */
export function selectorsMatch(match: MatchResources, input: AdmissionInput, namespaces: NamespaceLookup): boolean {
  if (match.namespaceSelector === undefined && match.objectSelector === undefined) return true;
  return vapNamespaceSelectorMatches(match.namespaceSelector, input, namespaces) && objectSelectorMatches(match.objectSelector, input);
}

/** Param objects for one binding and review, or a configuration error message. */
export function resolveParams(policy: VapPolicy, binding: VapBinding, input: AdmissionInput, paramObjects: (apiVersion: string, kind: string) => K8sObject[]): { params: Array<K8sObject | null> } | { error: string } {
  const ref = binding.paramRef;
  if (!policy.paramKind || !ref) return { params: [null] };
  const candidates = paramObjects(policy.paramKind.apiVersion, policy.paramKind.kind);
  const namespaced = candidates.some((p) => Boolean(p.metadata?.namespace)) || policy.paramKind.kind === 'ConfigMap' || policy.paramKind.kind === 'Secret';
  let scoped = candidates;
  if (namespaced) {
    const namespace = ref.namespace || input.namespace;
    if (!namespace) return { error: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources' };
    scoped = candidates.filter((p) => (p.metadata?.namespace || 'default') === namespace);
  } else if (ref.namespace) {
    return { error: 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`' };
  }
  const found = ref.name !== undefined && ref.name !== '' ? scoped.filter((p) => p.metadata?.name === ref.name) : scoped.filter((p) => selectorMatches(ref.selector ?? {}, p.metadata?.labels ?? {}));
  if (found.length === 0 && ref.parameterNotFoundAction === 'Deny') return { error: 'no params found for policy binding with `Deny` parameterNotFoundAction' };
  return { params: found };
}

export function vapResult(policy: VapPolicy, binding: VapBinding, fields: Pick<PolicyResult, 'message' | 'reason' | 'expressionIndex' | 'error'>): PolicyResult {
  const result: PolicyResult = { engine: 'ValidatingAdmissionPolicy', policy: policy.name, binding: binding.name, actions: binding.validationActions, ...fields };
  const severity = binding.severity ?? policy.severity;
  if (severity !== undefined) result.severity = severity;
  return result;
}

/** The denial text of the API server for a VAP result. */
export function vapDenialMessage(result: PolicyResult): string {
  return `ValidatingAdmissionPolicy '${result.policy}' with binding '${result.binding}' denied request: ${result.message}`;
}

export function vapWarning(result: PolicyResult): string {
  return `Validation failed for ValidatingAdmissionPolicy '${result.policy}' with binding '${result.binding}': ${result.message}`;
}
