/**
 * A loaded set of policies (VAPs with their bindings, Gatekeeper templates with their constraints, and the
 * objects they use as params) and its evaluation against one admission review, with the verdict, messages,
 * warnings and audit annotations the API server and Gatekeeper would produce.
 */
import { ErrorCodes } from '../core/errors.js';
import type { Diagnostic } from '../core/finding.js';
import { describeRef, isObject, refOf, type K8sObject } from '../core/k8s/object.js';
import type { Locator } from '../core/engine/run.js';
import { parseManifests } from '../core/yaml/parse.js';
import type { AdmissionInput } from './admission.js';
import type { EvaluationLimits } from './cel/cost.js';
import { DEFAULT_KUBERNETES_VERSION, kubernetesMinor } from './cel/environment.js';
import { toCelReading, type FieldReads } from './cel/reads.js';
import { toCel } from './cel/values.js';
import {
  actionsAt, constraintMatches, ENFORCEMENT_POINTS, gatekeeperResult, isConstraint, loadConstraint, loadTemplate,
  type EnforcementPoint, type GatekeeperConstraint, type GatekeeperTemplate,
} from './gatekeeper.js';
import type { NamespaceLookup } from './match.js';
import type { AdmissionVerdict, PolicyResult } from './model.js';
import { planOf } from './plan.js';
import { compileErrors, NO_PRESETS, NO_VARIABLES, runValidator, type Decision } from './validator.js';
import {
  loadVap, loadVapBinding, PolicyConfigError, resolveParams, resourceRulesMatch, selectorsMatch, vapDenialMessage, vapResult, vapWarning,
  type VapBinding, type VapPolicy,
} from './vap.js';

/** Diagnostic codes for policies: invalid objects and CEL compile errors, and features not supported offline. */
export const PolicyDiagnosticCodes = {
  INVALID: ErrorCodes.POLICY_INVALID,
  COMPILE: ErrorCodes.POLICY_INVALID,
  UNSUPPORTED: ErrorCodes.POLICY_UNSUPPORTED,
} as const;

export const REGO_NOT_SUPPORTED = 'Rego not supported yet';

export interface PolicySet {
  kubernetesVersion: string;
  vaps: VapPolicy[];
  bindings: VapBinding[];
  templates: Map<string, GatekeeperTemplate>;
  /** Kinds of templates that carry only Rego: their constraints are reported, not evaluated. */
  regoOnlyKinds: Set<string>;
  constraints: GatekeeperConstraint[];
  /** Everything else that was loaded: params for VAP bindings, Namespaces for selectors. */
  resources: K8sObject[];
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** The Kubernetes release whose CEL libraries expressions may use (default 1.34). */
  kubernetesVersion?: string;
  /** Name used in diagnostics for texts passed in. */
  file?: string;
  locate?: Locator;
}

const VAP_API = 'admissionregistration.k8s.io/';

function policyKindOf(object: K8sObject): 'vap' | 'binding' | 'template' | 'constraint' | undefined {
  const api = object.apiVersion ?? '';
  if (api.startsWith(VAP_API) && object.kind === 'ValidatingAdmissionPolicy') return 'vap';
  if (api.startsWith(VAP_API) && object.kind === 'ValidatingAdmissionPolicyBinding') return 'binding';
  if (api.startsWith('templates.gatekeeper.sh/') && object.kind === 'ConstraintTemplate') return 'template';
  if (isConstraint(object)) return 'constraint';
  return undefined;
}

/** Loads policies from objects or YAML texts. Never throws: every problem is a diagnostic naming the object. */
export function loadPolicySet(inputs: ReadonlyArray<K8sObject | string>, options: LoadOptions = {}): PolicySet {
  const kubernetesVersion = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  kubernetesMinor(kubernetesVersion);
  const set: PolicySet = {
    kubernetesVersion, vaps: [], bindings: [], templates: new Map(), regoOnlyKinds: new Set(), constraints: [], resources: [], diagnostics: [],
  };
  const objects: K8sObject[] = [];
  inputs.forEach((input, i) => {
    if (typeof input !== 'string') {
      objects.push(input);
      return;
    }
    const parsed = parseManifests(input, options.file ?? `<policy ${i + 1}>`);
    set.diagnostics.push(...parsed.diagnostics);
    objects.push(...parsed.objects.map((o) => o.object));
  });
  const compileOptions = { kubernetesVersion };
  const report = (object: K8sObject, level: Diagnostic['level'], message: string, code: Diagnostic['code'] = PolicyDiagnosticCodes.INVALID) => {
    const diagnostic: Diagnostic = { level, code, message: `${describeRef(refOf(object))}: ${message}`, object: refOf(object) };
    const location = options.locate?.(object);
    if (location) diagnostic.location = location;
    set.diagnostics.push(diagnostic);
  };
  const reportCompileErrors = (object: K8sObject, errors: ReturnType<typeof compileErrors>) => {
    for (const error of errors) report(object, 'error', error.detail, PolicyDiagnosticCodes.COMPILE);
  };

  const seen = new Set<string>();
  for (const object of objects) {
    const kind = policyKindOf(object);
    try {
      switch (kind) {
        case 'vap': {
          const policy = loadVap(object, compileOptions);
          if (seen.has(`vap/${policy.name}`)) throw new PolicyConfigError('duplicate ValidatingAdmissionPolicy name; the later one is ignored');
          seen.add(`vap/${policy.name}`);
          reportCompileErrors(object, compileErrors(policy.validator));
          set.vaps.push(policy);
          break;
        }
        case 'binding':
          set.bindings.push(loadVapBinding(object));
          break;
        case 'template': {
          const { template, regoOnly } = loadTemplate(object, compileOptions);
          if (set.templates.has(template.kind)) throw new PolicyConfigError(`duplicate ConstraintTemplate for kind ${template.kind}; the later one is ignored`);
          set.templates.set(template.kind, template);
          if (regoOnly) {
            set.regoOnlyKinds.add(template.kind);
            report(object, 'warning', `${REGO_NOT_SUPPORTED}: the template has no K8sNativeValidation (CEL) code, so its ${template.kind} constraints are not evaluated`, PolicyDiagnosticCodes.UNSUPPORTED);
          } else reportCompileErrors(object, compileErrors(template.validator!));
          break;
        }
        case 'constraint':
          set.constraints.push(loadConstraint(object));
          break;
        default:
          if (isObject(object)) set.resources.push(object);
      }
    } catch (error) {
      if (!(error instanceof PolicyConfigError)) throw error;
      report(object, 'error', error.message);
    }
  }
  for (const binding of set.bindings) {
    if (!set.vaps.some((p) => p.name === binding.policyName)) report(binding.object, 'warning', `binds ValidatingAdmissionPolicy "${binding.policyName}", which is not loaded; the binding does nothing`);
  }
  for (const constraint of set.constraints) {
    if (!set.templates.has(constraint.kind)) report(constraint.object, 'warning', `no ConstraintTemplate defines kind ${constraint.kind}; the constraint is not evaluated`);
  }
  return set;
}

export interface EvaluationContext {
  /** Namespace objects by name (for selectors and namespaceObject); defaults to the Namespaces in the set. */
  namespaces?: NamespaceLookup;
  /** Objects that may be VAP params; defaults to the non-policy objects of the set. */
  paramObjects?: readonly K8sObject[];
  /** Gatekeeper enforcement point (default: the admission webhook). */
  enforcementPoint?: EnforcementPoint;
  limits?: EvaluationLimits;
}

/** Long-lived conversions of policy-side objects (constraints, params, namespaces), keyed by identity. */
const policySideValues = new WeakMap<object, unknown>();

function policySideValue(object: K8sObject | null): unknown {
  if (!object) return null;
  let value = policySideValues.get(object);
  if (value === undefined) {
    value = toCel(object);
    policySideValues.set(object, value);
  }
  return value;
}

const setNamespaces = new WeakMap<PolicySet, NamespaceLookup>();

function namespaceLookupOf(set: PolicySet, context: EvaluationContext): NamespaceLookup {
  if (context.namespaces) return context.namespaces;
  let lookup = setNamespaces.get(set);
  if (!lookup) {
    const byName = new Map(set.resources.filter((o) => o.kind === 'Namespace' && o.apiVersion === 'v1').map((o) => [o.metadata?.name ?? '', o]));
    lookup = (name) => byName.get(name);
    setNamespaces.set(set, lookup);
  }
  return lookup;
}

/** The CEL value of the review's Namespace: a known one (converted once for all reviews), or a stand-in with only its name. */
function namespaceValueOf(input: AdmissionInput, namespaces: NamespaceLookup): unknown {
  if (input.namespace === '' || (input.kind.kind === 'Namespace' && input.kind.group === '')) return null;
  const known = namespaces(input.namespace);
  if (known) return policySideValue(known);
  return toCel({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: input.namespace, labels: { 'kubernetes.io/metadata.name': input.namespace } } });
}

/**
 * The CEL values of one review, each built on first use and shared by every policy: the object and old object
 * (converted only as far as the set's expressions read them), the namespace object and both engines' request.
 */
class ReviewValues {
  private convertedObject: unknown;
  private convertedOldObject: unknown;
  private convertedNamespace: unknown;
  private vapBase: Record<string, unknown> | undefined;
  private gatekeeperBase: Record<string, unknown> | undefined;

  constructor(
    private readonly input: AdmissionInput,
    private readonly objectReads: FieldReads,
    private readonly namespaces: NamespaceLookup,
  ) {}

  private object(): unknown {
    if (this.convertedObject === undefined) this.convertedObject = this.input.object ? toCelReading(this.input.object, this.objectReads) : null;
    return this.convertedObject;
  }

  private oldObject(): unknown {
    if (this.convertedOldObject === undefined) this.convertedOldObject = this.input.oldObject ? toCelReading(this.input.oldObject, this.objectReads) : null;
    return this.convertedOldObject;
  }

  private namespaceObject(): unknown {
    if (this.convertedNamespace === undefined) this.convertedNamespace = namespaceValueOf(this.input, this.namespaces);
    return this.convertedNamespace;
  }

  /** What every VAP sees: object (null on DELETE), oldObject, request, namespaceObject, no params or variables. */
  vap(): Record<string, unknown> {
    if (!this.vapBase) {
      const { input } = this;
      const request: Record<string, unknown> = {
        kind: { ...input.kind },
        resource: { ...input.resource },
        subResource: input.subResource,
        requestKind: { ...input.kind },
        requestResource: { ...input.resource },
        requestSubResource: input.subResource,
        name: input.name,
        namespace: input.namespace,
        operation: input.operation,
        userInfo: toCel(input.userInfo),
        dryRun: input.dryRun,
      };
      if (input.options) request.options = toCel(input.options);
      this.vapBase = { object: input.operation === 'DELETE' ? null : this.object(), oldObject: this.oldObject(), request, params: null, namespaceObject: this.namespaceObject(), variables: NO_VARIABLES };
    }
    return this.vapBase;
  }

  /** What every Gatekeeper constraint sees before its params: as vap(), with Gatekeeper's request. */
  gatekeeper(): Record<string, unknown> {
    if (!this.gatekeeperBase) {
      const { input } = this;
      const object = input.operation === 'DELETE' ? null : this.object();
      const oldObject = this.oldObject();
      let request: Record<string, unknown>;
      if (input.raw) {
        // The AdmissionRequest as received; its object and oldObject are the review's, converted once.
        request = {};
        for (const key of Object.keys(input.raw)) {
          const value = input.raw[key];
          if (value === undefined) continue;
          if (key === 'object' && value === input.object) request.object = this.object();
          else if (key === 'oldObject' && value === input.oldObject) request.oldObject = oldObject;
          else if (key === '__proto__') Object.defineProperty(request, key, { value: toCel(value), enumerable: true, writable: true, configurable: true });
          else request[key] = toCel(value);
        }
      } else {
        // gator and audit review plain objects: kind, name, namespace and the object, without an operation.
        request = { kind: { ...input.kind }, name: input.name, namespace: input.namespace, object };
        if (oldObject !== null) request.oldObject = oldObject;
      }
      this.gatekeeperBase = { object, oldObject, request, params: null, namespaceObject: this.namespaceObject(), variables: NO_VARIABLES };
    }
    return this.gatekeeperBase;
  }
}

const NO_PARAMS: { params: Array<K8sObject | null> } = { params: [null] };

type ResolvedParams = ReturnType<typeof resolveParams>;

/**
 * resolveParams, remembered per param-object list by binding and namespace: what a binding resolves to depends on
 * nothing else, and the webhook asks for every review. The lists do not change once evaluated: the set's own is
 * filled while it loads, and scans and `policy test` pass arrays of their own.
 */
const resolvedParamsByList = new WeakMap<readonly K8sObject[], Map<VapBinding, Map<string, ResolvedParams>>>();
const MAX_REMEMBERED_NAMESPACES = 10_000;

function resolvedParams(policy: VapPolicy, binding: VapBinding, input: AdmissionInput, paramObjects: readonly K8sObject[]): ResolvedParams {
  let byBinding = resolvedParamsByList.get(paramObjects);
  if (!byBinding) resolvedParamsByList.set(paramObjects, (byBinding = new Map()));
  let byNamespace = byBinding.get(binding);
  if (!byNamespace) byBinding.set(binding, (byNamespace = new Map()));
  let resolved = byNamespace.get(input.namespace);
  if (!resolved) {
    resolved = resolveParams(policy, binding, input, (apiVersion, kind) => paramObjects.filter((o) => o.apiVersion === apiVersion && o.kind === kind));
    if (byNamespace.size >= MAX_REMEMBERED_NAMESPACES) byNamespace.clear();
    byNamespace.set(input.namespace, resolved);
  }
  return resolved;
}

const REASON_CODES: Record<string, number> = { Unauthorized: 401, Forbidden: 403, Invalid: 422, RequestEntityTooLarge: 413 };

/** Evaluates every policy of the set against one review. Never throws for a policy's sake. */
export function evaluateAdmission(set: PolicySet, input: AdmissionInput, context: EvaluationContext = {}): AdmissionVerdict {
  const plan = planOf(set);
  const namespaces = namespaceLookupOf(set, context);
  const paramObjects = context.paramObjects ?? set.resources;
  const point = context.enforcementPoint ?? ENFORCEMENT_POINTS.admission;
  const values = new ReviewValues(input, plan.objectReads, namespaces);
  const results: PolicyResult[] = [];
  const auditAnnotations: Record<string, string> = {};
  const failures: unknown[] = [];

  for (const { policy, policyRulesReadName, bindings } of plan.vapCandidates(input)) {
    if (policyRulesReadName && !resourceRulesMatch(policy.matchConstraints, input, true)) continue;
    if (!selectorsMatch(policy.matchConstraints, input, namespaces)) continue;
    let collected: Map<string, string[]> | undefined;
    for (const { binding, rulesReadName } of bindings) {
      const match = binding.matchResources;
      if (match && ((rulesReadName && !resourceRulesMatch(match, input, false)) || !selectorsMatch(match, input, namespaces))) continue;
      const resolved = policy.paramKind && binding.paramRef ? resolvedParams(policy, binding, input, paramObjects) : NO_PARAMS;
      if ('error' in resolved) {
        if (policy.validator.failurePolicy === 'Fail') {
          results.push({ ...vapResult(policy, binding, { message: `failed to configure binding: ${resolved.error}`, error: true }), actions: ['deny'] });
        }
        continue;
      }
      const base = values.vap();
      for (const param of resolved.params) {
        const activation = param === null ? base : { ...base, params: policySideValue(param) };
        const outcome = runValidator(policy.validator, activation, NO_PRESETS, context.limits);
        // Indexed loops: most outcomes are the shared frozen empty one, which for-of iterates slowly.
        for (let i = 0; i < outcome.decisions.length; i++) {
          const decision = outcome.decisions[i];
          const result = vapResult(policy, binding, decisionFields(decision));
          results.push(result);
          if (result.actions.includes('audit') && failures.length < 50) {
            failures.push({ message: result.message, policy: policy.name, binding: binding.name, expressionIndex: decision.index, validationActions: binding.validationActions.map((a) => a[0].toUpperCase() + a.slice(1)) });
          }
        }
        for (let i = 0; i < outcome.auditAnnotations.length; i++) {
          const { key, value } = outcome.auditAnnotations[i];
          collected ??= new Map();
          const existing = collected.get(key) ?? [];
          if (!existing.includes(value)) existing.push(value);
          collected.set(key, existing);
        }
      }
    }
    if (collected) for (const [key, value] of collected) auditAnnotations[`${policy.name}/${key}`] = value.join(', ');
  }
  if (failures.length > 0) auditAnnotations['validation.policy.admission.k8s.io/validation_failure'] = JSON.stringify(failures);

  for (const constraint of set.constraints) {
    const template = set.templates.get(constraint.kind);
    if (!template?.validator) continue;
    const actions = actionsAt(constraint, point);
    if (actions.length === 0 || !constraintMatches(constraint.match, input, namespaces)) continue;
    const base = values.gatekeeper();
    const constraintValue = policySideValue(constraint.object) as Record<string, any>;
    const anyObject = input.operation === 'DELETE' && base.object === null ? base.oldObject : base.object;
    const preset = { anyObject, params: constraintValue.spec?.parameters ?? null };
    const outcome = runValidator(template.validator, { ...base, params: constraintValue }, preset, context.limits);
    for (let i = 0; i < outcome.decisions.length; i++) {
      const decision = outcome.decisions[i];
      results.push(gatekeeperResult(template, constraint, actions, { message: decision.message, expressionIndex: decision.index, error: decision.kind === 'error' }));
    }
  }
  return verdictOf(results, auditAnnotations);
}

function decisionFields(decision: Decision): Pick<PolicyResult, 'message' | 'reason' | 'expressionIndex' | 'error'> {
  const fields: Pick<PolicyResult, 'message' | 'reason' | 'expressionIndex' | 'error'> = { message: decision.message, error: decision.kind === 'error' };
  if (decision.reason !== undefined) fields.reason = decision.reason;
  if (decision.index >= 0) fields.expressionIndex = decision.index;
  return fields;
}

/** Composes the verdict: the API server reports the first VAP denial; Gatekeeper lists all its denials. */
export function verdictOf(results: PolicyResult[], auditAnnotations: Record<string, string>): AdmissionVerdict {
  const verdict: AdmissionVerdict = { allowed: true, warnings: [], auditAnnotations, results, diagnostics: [] };
  const vapDenial = results.find((r) => r.engine === 'ValidatingAdmissionPolicy' && r.actions.includes('deny'));
  const gatekeeperDenials = results.filter((r) => r.engine === 'Gatekeeper' && r.actions.includes('deny'));
  if (vapDenial) {
    const reason = vapDenial.reason ?? 'Invalid';
    verdict.allowed = false;
    verdict.status = { message: vapDenialMessage(vapDenial), reason, code: REASON_CODES[reason] ?? 422 };
  } else if (gatekeeperDenials.length > 0) {
    verdict.allowed = false;
    verdict.status = {
      message: `admission webhook "validation.gatekeeper.sh" denied the request: ${gatekeeperDenials.map((r) => `[${r.binding}] ${r.message}`).join('\n')}`,
      reason: 'Forbidden',
      code: 403,
    };
  }
  for (const result of results) {
    if (!result.actions.includes('warn')) continue;
    verdict.warnings.push(result.engine === 'ValidatingAdmissionPolicy' ? vapWarning(result) : `[${result.binding}] ${result.message}`);
  }
  return verdict;
}
