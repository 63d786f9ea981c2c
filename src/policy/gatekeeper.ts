/**
 * Gatekeeper: ConstraintTemplates (templates.gatekeeper.sh/v1) with the K8sNativeValidation (CEL) engine and
 * their Constraints (constraints.gatekeeper.sh). Gatekeeper runs Kubernetes' own CEL validator with `params`
 * bound to the whole constraint and two injected variables, `anyObject` and `params`
 * (gatekeeper pkg/drivers/k8scel). Templates that carry only Rego are loaded and reported, never evaluated.
 */
import { isClusterScoped, isObject, type K8sObject } from '../core/k8s/object.js';
import { selectorMatches, type LabelSelector } from '../core/k8s/selectors.js';
import type { AdmissionInput } from './admission.js';
import type { CompileOptions } from './cel/compile.js';
import { globMatches, isEmptySelector, namespaceLabels, type NamespaceLookup } from './match.js';
import { SEVERITY_ANNOTATION, type PolicyAction, type PolicyResult } from './model.js';
import { PolicyConfigError } from './vap.js';
import { compileField, type FailurePolicy, type ValidatorSpec } from './validator.js';

export const GATEKEEPER_TARGET = 'admission.k8s.gatekeeper.sh';

/** Where Gatekeeper enforces; `scoped` constraints list the points they apply at. */
export const ENFORCEMENT_POINTS = {
  admission: 'validation.gatekeeper.sh',
  audit: 'audit.gatekeeper.sh',
  gator: 'gator.gatekeeper.sh',
} as const;

export type EnforcementPoint = (typeof ENFORCEMENT_POINTS)[keyof typeof ENFORCEMENT_POINTS];

export interface GatekeeperTemplate {
  name: string;
  /** The constraint kind the template defines. */
  kind: string;
  object: K8sObject;
  /** Absent when the template has no K8sNativeValidation code (Rego only). */
  validator?: ValidatorSpec;
  parametersSchema?: Record<string, any>;
  severity?: string;
}

export interface GatekeeperMatch {
  kinds?: Array<{ apiGroups?: string[]; kinds?: string[] }>;
  scope?: string;
  namespaces?: string[];
  excludedNamespaces?: string[];
  labelSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  name?: string;
}

export interface GatekeeperConstraint {
  name: string;
  kind: string;
  object: K8sObject;
  match: GatekeeperMatch;
  enforcementAction: string;
  scopedEnforcementActions: Array<{ action: string; enforcementPoints: string[] }>;
  severity?: string;
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Loads a template; `regoOnly` tells the caller to report it. */
export function loadTemplate(object: K8sObject, options: CompileOptions): { template: GatekeeperTemplate; regoOnly: boolean } {
  const name = object.metadata?.name;
  if (!name) throw new PolicyConfigError('ConstraintTemplate has no metadata.name');
  const spec = isObject(object.spec) ? object.spec : {};
  const kind = spec.crd?.spec?.names?.kind;
  if (typeof kind !== 'string' || kind === '') throw new PolicyConfigError('spec.crd.spec.names.kind is required');
  if (name !== kind.toLowerCase()) throw new PolicyConfigError(`metadata.name "${name}" must be the lower-cased kind "${kind.toLowerCase()}"`);
  const targets = list<Record<string, any>>(spec.targets);
  if (targets.length !== 1) throw new PolicyConfigError(`spec.targets must hold exactly one target, found ${targets.length}`);
  const [target] = targets;
  if (target.target !== GATEKEEPER_TARGET) throw new PolicyConfigError(`spec.targets[0].target must be ${GATEKEEPER_TARGET}`);
  const code = list<Record<string, any>>(target.code);
  const celIndex = code.findIndex((c) => c.engine === 'K8sNativeValidation');
  const template: GatekeeperTemplate = { name, kind, object, parametersSchema: spec.crd?.spec?.validation?.openAPIV3Schema };
  const severity = object.metadata?.annotations?.[SEVERITY_ANNOTATION];
  if (typeof severity === 'string') template.severity = severity;
  if (celIndex === -1) {
    const hasRego = typeof target.rego === 'string' || code.some((c) => c.engine === 'Rego');
    if (!hasRego) throw new PolicyConfigError('spec.targets[0] has neither a K8sNativeValidation code block nor Rego');
    return { template, regoOnly: true };
  }
  const source = isObject(code[celIndex].source) ? code[celIndex].source : {};
  const policy = `ConstraintTemplate ${name}`;
  const field = `spec.targets[0].code[${celIndex}].source`;
  const failurePolicy = (source.failurePolicy ?? 'Fail') as FailurePolicy;
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore') throw new PolicyConfigError(`${field}.failurePolicy must be Fail or Ignore`);
  const conditionsKey = Array.isArray(source.matchCondition) ? 'matchCondition' : 'matchConditions';
  const variables = list<Record<string, any>>(source.variables);
  for (const variable of variables) {
    if (variable.name === 'params' || variable.name === 'anyObject') throw new PolicyConfigError(`variable name "${variable.name}" is reserved by Gatekeeper`);
    if (String(variable.name).startsWith('gatekeeper_internal_')) throw new PolicyConfigError(`variable name "${variable.name}" uses the reserved prefix gatekeeper_internal_`);
  }
  template.validator = {
    failurePolicy,
    matchConditions: list<Record<string, any>>(source[conditionsKey]).map((c, i) => ({
      name: String(c.name ?? i),
      expression: compileField(c.expression, { policy, field: `${field}.${conditionsKey}[${i}].expression` }, 'bool', options),
    })),
    variables: variables.map((v, i) => ({
      name: String(v.name),
      expression: compileField(v.expression, { policy, field: `${field}.variables[${i}].expression` }, 'any', options),
    })),
    validations: list<Record<string, any>>(source.validations).map((v, i) => ({
      expression: compileField(v.expression, { policy, field: `${field}.validations[${i}].expression` }, 'bool', options),
      message: typeof v.message === 'string' ? v.message : undefined,
      messageExpression: typeof v.messageExpression === 'string' ? compileField(v.messageExpression, { policy, field: `${field}.validations[${i}].messageExpression` }, 'string', options) : undefined,
    })),
    auditAnnotations: [],
  };
  return { template, regoOnly: false };
}

const ACTIONS = new Set(['deny', 'dryrun', 'warn', 'scoped']);

export function isConstraint(object: K8sObject): boolean {
  return typeof object.apiVersion === 'string' && object.apiVersion.startsWith('constraints.gatekeeper.sh/');
}

export function loadConstraint(object: K8sObject): GatekeeperConstraint {
  const name = object.metadata?.name;
  if (!name) throw new PolicyConfigError(`${object.kind} constraint has no metadata.name`);
  const spec = isObject(object.spec) ? object.spec : {};
  const enforcementAction = spec.enforcementAction ?? 'deny';
  if (!ACTIONS.has(enforcementAction)) throw new PolicyConfigError(`unknown enforcementAction "${enforcementAction}" (deny, dryrun, warn, scoped)`);
  const scoped = list<Record<string, any>>(spec.scopedEnforcementActions).map((s) => ({
    action: String(s.action),
    enforcementPoints: list<Record<string, any>>(s.enforcementPoints).map((p) => String(p.name)),
  }));
  for (const s of scoped) if (!ACTIONS.has(s.action) || s.action === 'scoped') throw new PolicyConfigError(`unknown scoped enforcement action "${s.action}"`);
  const constraint: GatekeeperConstraint = {
    name,
    kind: object.kind,
    object,
    match: isObject(spec.match) ? (spec.match as GatekeeperMatch) : {},
    enforcementAction,
    scopedEnforcementActions: scoped,
  };
  const severity = object.metadata?.annotations?.[SEVERITY_ANNOTATION];
  if (typeof severity === 'string') constraint.severity = severity;
  return constraint;
}

const TO_ACTION: Record<string, PolicyAction> = { deny: 'deny', warn: 'warn', dryrun: 'audit' };

/** The actions a constraint takes at an enforcement point; empty means it does not apply there. */
export function actionsAt(constraint: GatekeeperConstraint, point: EnforcementPoint): PolicyAction[] {
  if (constraint.enforcementAction !== 'scoped') return [TO_ACTION[constraint.enforcementAction]];
  const actions = new Set<PolicyAction>();
  for (const scoped of constraint.scopedEnforcementActions) {
    if (scoped.enforcementPoints.some((p) => p === point || p === '*')) actions.add(TO_ACTION[scoped.action]);
  }
  return [...actions];
}

function selectorOk(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  return !selector || isEmptySelector(selector) || selectorMatches(selector, labels);
}

/** Gatekeeper's `spec.match` (pkg/mutation/match). Cluster-scoped objects other than Namespaces ignore namespace criteria. */
export function constraintMatches(match: GatekeeperMatch, input: AdmissionInput, namespaces: NamespaceLookup): boolean {
  const subject = input.object ?? input.oldObject;
  if (!subject) return false;
  const kinds = match.kinds ?? [];
  if (kinds.length > 0) {
    const ok = kinds.some((k) => {
      const groups = k.apiGroups ?? [];
      const names = k.kinds ?? [];
      return (groups.length === 0 || groups.some((g) => g === '*' || g === input.kind.group)) && (names.length === 0 || names.some((n) => n === '*' || n === input.kind.kind));
    });
    if (!ok) return false;
  }
  const isNamespace = input.kind.kind === 'Namespace' && input.kind.group === '';
  const clusterScoped = input.namespace === '' || isClusterScoped(subject);
  const scope = match.scope ?? '*';
  if ((scope === 'Cluster' && !clusterScoped) || (scope === 'Namespaced' && clusterScoped)) return false;
  const namespaceName = isNamespace ? input.name || subject.metadata?.name || '' : clusterScoped ? undefined : input.namespace;
  if (namespaceName !== undefined) {
    if (match.namespaces && match.namespaces.length > 0 && !match.namespaces.some((p) => globMatches(p, namespaceName))) return false;
    if ((match.excludedNamespaces ?? []).some((p) => globMatches(p, namespaceName))) return false;
  }
  if (match.name && !globMatches(match.name, input.name || subject.metadata?.name || '')) return false;
  if (match.labelSelector && !isEmptySelector(match.labelSelector)) {
    const anyMatches = [input.object, input.oldObject].some((o) => o !== null && selectorMatches(match.labelSelector, o.metadata?.labels ?? {}));
    if (!anyMatches) return false;
  }
  if (match.namespaceSelector) {
    if (isNamespace) {
      if (!selectorOk(match.namespaceSelector, { 'kubernetes.io/metadata.name': namespaceName ?? '', ...(subject.metadata?.labels ?? {}) })) return false;
    } else if (!clusterScoped && !selectorOk(match.namespaceSelector, namespaceLabels(input.namespace, namespaces))) return false;
  }
  return true;
}

/** Checks constraint parameters against the template's openAPIV3Schema (types, enums, items, properties). */
export function schemaErrors(schema: unknown, value: unknown, path = 'spec.parameters'): string[] {
  if (!isObject(schema) || value === undefined || value === null) return [];
  const errors: string[] = [];
  const type = schema.type;
  const typeOk = (() => {
    switch (type) {
      case 'string': return typeof value === 'string';
      case 'integer': return typeof value === 'number' && Number.isInteger(value);
      case 'number': return typeof value === 'number';
      case 'boolean': return typeof value === 'boolean';
      case 'array': return Array.isArray(value);
      case 'object': return isObject(value);
      default: return true;
    }
  })();
  if (!typeOk) return [`${path}: Invalid value: must be of type ${type}`];
  if (Array.isArray(schema.enum) && !schema.enum.some((e: unknown) => e === value)) errors.push(`${path}: Unsupported value: ${JSON.stringify(value)}`);
  if (Array.isArray(value) && isObject(schema.items)) value.forEach((item, i) => errors.push(...schemaErrors(schema.items, item, `${path}[${i}]`)));
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [key, item] of Object.entries(value)) {
      if (properties[key]) errors.push(...schemaErrors(properties[key], item, `${path}.${key}`));
      else if (isObject(schema.additionalProperties)) errors.push(...schemaErrors(schema.additionalProperties, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: unknown field`);
    }
    for (const key of list<string>(schema.required)) if (!(key in value)) errors.push(`${path}.${key}: Required value`);
  }
  return errors;
}

export function gatekeeperResult(template: GatekeeperTemplate, constraint: GatekeeperConstraint, actions: PolicyAction[], fields: Pick<PolicyResult, 'message' | 'expressionIndex' | 'error'>): PolicyResult {
  const result: PolicyResult = { engine: 'Gatekeeper', policy: template.kind, binding: constraint.name, actions, ...fields };
  const severity = constraint.severity ?? template.severity;
  if (severity !== undefined) result.severity = severity;
  return result;
}
