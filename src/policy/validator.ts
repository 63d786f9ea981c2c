/**
 * The CEL validator both engines share, as Kubernetes' validating.NewValidator runs it (Gatekeeper reuses it):
 * match conditions first, then validations and audit annotations, with `variables` evaluated lazily and at
 * most once. Errors become decisions under failurePolicy Fail and are dropped under Ignore.
 */
import type { EvaluationLimits } from './cel/cost.js';
import { CelCompileError, compileCel, type CompiledExpression, type CompileOptions, type ExpectedType, type ExpressionSite } from './cel/compile.js';

export type FailurePolicy = 'Fail' | 'Ignore';

/** An expression that compiled, or the reason it did not (which then fails at evaluation, as in Kubernetes). */
export interface PolicyExpression {
  source: string;
  program?: CompiledExpression;
  compileError?: CelCompileError;
}

export interface ValidationSpec {
  expression: PolicyExpression;
  message?: string;
  messageExpression?: PolicyExpression;
  reason?: string;
}

export interface ValidatorSpec {
  matchConditions: Array<{ name: string; expression: PolicyExpression }>;
  variables: Array<{ name: string; expression: PolicyExpression }>;
  validations: ValidationSpec[];
  auditAnnotations: Array<{ key: string; expression: PolicyExpression }>;
  failurePolicy: FailurePolicy;
}

export interface Decision {
  /** `violation`: a validation returned false; `error`: something failed under failurePolicy Fail. */
  kind: 'violation' | 'error';
  message: string;
  reason?: string;
  index: number;
}

export interface ValidatorOutcome {
  decisions: Decision[];
  auditAnnotations: Array<{ key: string; value: string }>;
}

/** Variables the caller binds before user variables (Gatekeeper's anyObject and params), computed in JS. */
export type PresetVariables = Record<string, unknown>;

const MAX_MESSAGE_BYTES = 5 * 1024;
const MAX_AUDIT_VALUE_BYTES = 10 * 1024;

/** Compiles one field of a policy, keeping a compile error instead of throwing. */
export function compileField(source: unknown, site: ExpressionSite, expect: ExpectedType, options: CompileOptions): PolicyExpression {
  const text = typeof source === 'string' ? source : '';
  try {
    return { source: text, program: compileCel(text, site, { ...options, expect }) };
  } catch (error) {
    if (error instanceof CelCompileError) return { source: text, compileError: error };
    throw error;
  }
}

export function compileErrors(spec: ValidatorSpec): CelCompileError[] {
  const all = [
    ...spec.matchConditions.map((c) => c.expression),
    ...spec.variables.map((v) => v.expression),
    ...spec.validations.flatMap((v) => [v.expression, ...(v.messageExpression ? [v.messageExpression] : [])]),
    ...spec.auditAnnotations.map((a) => a.expression),
  ];
  return all.flatMap((e) => (e.compileError ? [e.compileError] : []));
}

class CompositionError extends Error {}

/** `variables` of a validator without user variables or presets; activations may share it. */
export const NO_VARIABLES: ReadonlyMap<string, unknown> = new Map();

/** A validator that needs no variables of its own (see runValidator). */
export const NO_PRESETS: PresetVariables = Object.freeze({});

const NO_OUTCOME: ValidatorOutcome = Object.freeze({ decisions: Object.freeze([]) as unknown as Decision[], auditAnnotations: Object.freeze([]) as unknown as ValidatorOutcome['auditAnnotations'] });

function run(expression: PolicyExpression, activation: Record<string, unknown>, limits: EvaluationLimits | undefined): unknown {
  if (expression.compileError) throw new Error(`compilation failed: ${expression.compileError.reason}`);
  return expression.program!.evaluate(activation, limits);
}

function presetMap(preset: PresetVariables): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const name in preset) variables.set(name, preset[name]);
  return variables;
}

/** A variable whose expression failed: every read of it fails the same way. */
class VariableFailure {
  constructor(readonly error: Error) {}
}

/** A variable's slot before its first read. */
const UNSET: unique symbol = Symbol('unset');
/** A variable's slot while its expression runs: reading it again then is a cycle. */
const EVALUATING: unique symbol = Symbol('evaluating');

const hasOwn = Object.prototype.hasOwnProperty;

/** The activation of an unbound LazyVariables: releasing one allocates nothing. */
const NO_ACTIVATION: Record<string, unknown> = Object.freeze({});

/**
 * `variables`: a Map whose `get` evaluates a declared variable on first use and keeps its value (or its failure)
 * in a slot; presets (Gatekeeper's) come first. cel-js and the fast path read Map-valued maps through `get`, and a
 * Map keeps cel-js treating it as a CEL map; the Map's own entries stay empty. One instance per validator is
 * reused from review to review (see acquireVariables): made for every policy of every review, the Map, its
 * closures and a Set of the names being evaluated were most of what the policies allocated.
 */
class LazyVariables extends Map<string, unknown> {
  private readonly slots: unknown[];
  private presets: PresetVariables = NO_PRESETS;
  private activation: Record<string, unknown> = NO_ACTIVATION;
  private limits: EvaluationLimits | undefined;

  constructor(
    private readonly declared: ReadonlyMap<string, { index: number; expression: PolicyExpression }>,
    slotCount: number,
  ) {
    super();
    this.slots = new Array<unknown>(slotCount).fill(UNSET);
  }

  bind(presets: PresetVariables, activation: Record<string, unknown>, limits: EvaluationLimits | undefined): void {
    this.presets = presets;
    this.activation = activation;
    this.limits = limits;
  }

  /** Forgets the review: its values are not kept alive until the next one. */
  unbind(): void {
    const { slots } = this;
    for (let i = 0; i < slots.length; i++) slots[i] = UNSET;
    this.presets = NO_PRESETS;
    this.activation = NO_ACTIVATION;
    this.limits = undefined;
  }

  override get(name: string): unknown {
    if (hasOwn.call(this.presets, name)) return this.presets[name];
    const declared = this.declared.get(name);
    if (!declared) return undefined;
    const { index, expression } = declared;
    const slot = this.slots[index];
    if (slot !== UNSET) {
      if (slot === EVALUATING) throw new CompositionError(`composited variable "${name}" refers to itself`);
      if (slot instanceof VariableFailure) throw slot.error;
      return slot;
    }
    this.slots[index] = EVALUATING;
    let entry: unknown;
    try {
      entry = run(expression, this.activation, this.limits);
    } catch (error) {
      entry = new VariableFailure(new CompositionError(`composited variable "${name}" fails to evaluate: ${(error as Error).message}`));
    }
    this.slots[index] = entry;
    if (entry instanceof VariableFailure) throw entry.error;
    return entry;
  }

  override has(name: string): boolean {
    return hasOwn.call(this.presets, name) || this.declared.has(name);
  }
}

// cel-js and the fast path tell a map by `constructor === Map`: this one says it is one.
Object.defineProperty(LazyVariables.prototype, 'constructor', { value: Map, writable: true, configurable: true });

interface ValidatorVariables {
  declared: Map<string, { index: number; expression: PolicyExpression }>;
  slotCount: number;
  /** An unbound instance to reuse; taken while a review uses it, so a nested use makes its own. */
  spare: LazyVariables | undefined;
}

const variablesBySpec = new WeakMap<ValidatorSpec, ValidatorVariables>();

function acquireVariables(spec: ValidatorSpec, presets: PresetVariables, activation: Record<string, unknown>, limits: EvaluationLimits | undefined): LazyVariables {
  let state = variablesBySpec.get(spec);
  if (!state) {
    // A later declaration of the same name wins, as it did in a Map built from the list.
    const declared = new Map<string, { index: number; expression: PolicyExpression }>();
    spec.variables.forEach((variable, index) => declared.set(variable.name, { index, expression: variable.expression }));
    state = { declared, slotCount: spec.variables.length, spare: undefined };
    variablesBySpec.set(spec, state);
  }
  const variables = state.spare ?? new LazyVariables(state.declared, state.slotCount);
  state.spare = undefined;
  variables.bind(presets, activation, limits);
  return variables;
}

function releaseVariables(spec: ValidatorSpec, variables: LazyVariables): void {
  variables.unbind();
  const state = variablesBySpec.get(spec);
  if (state) state.spare = variables;
}

function messageOf(validation: ValidationSpec, activation: Record<string, unknown>, limits: EvaluationLimits | undefined): string {
  if (validation.messageExpression) {
    try {
      const value = run(validation.messageExpression, activation, limits);
      if (typeof value === 'string') {
        const trimmed = value.trim();
        if (trimmed !== '' && !trimmed.includes('\n') && Buffer.byteLength(trimmed) <= MAX_MESSAGE_BYTES) return trimmed;
      }
    } catch {
      // Kubernetes logs a failing messageExpression and falls back to the static message.
    }
  }
  if (validation.message && validation.message.trim() !== '') return validation.message.trim();
  return `failed expression: ${validation.expression.source.trim()}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hasPresets(preset: PresetVariables): boolean {
  if (preset === NO_PRESETS) return false;
  for (const _ in preset) return true;
  return false;
}

/**
 * Runs one validator for one review and one param. `base` holds object, oldObject, request, params,
 * namespaceObject and `variables: NO_VARIABLES`; it is used as is (and may be shared by the caller across
 * validators) when the validator has no variables and no presets, else copied with its own `variables`.
 */
export function runValidator(spec: ValidatorSpec, base: Record<string, unknown>, preset: PresetVariables, limits?: EvaluationLimits): ValidatorOutcome {
  const failing = spec.failurePolicy === 'Fail';
  const presets = hasPresets(preset);

  // Match conditions see no user variables (Kubernetes rejects them at compile time), only Gatekeeper's presets.
  if (spec.matchConditions.length > 0) {
    let matchError: string | undefined;
    const conditionActivation = presets ? { ...base, variables: presetMap(preset) } : base;
    for (const condition of spec.matchConditions) {
      try {
        const matched = run(condition.expression, conditionActivation, limits);
        if (matched === false) return NO_OUTCOME;
      } catch (error) {
        matchError ??= `failed to evaluate match condition "${condition.name}": ${errorMessage(error)}`;
      }
    }
    if (matchError !== undefined) {
      return failing ? { decisions: [{ kind: 'error', message: matchError, index: -1 }], auditAnnotations: [] } : NO_OUTCOME;
    }
  }

  if (spec.variables.length === 0 && !presets) return runValidations(spec, base, limits, failing);
  const activation = { ...base };
  const variables = acquireVariables(spec, preset, activation, limits);
  activation.variables = variables;
  try {
    return runValidations(spec, activation, limits, failing);
  } finally {
    releaseVariables(spec, variables);
  }
}

/** The validations and audit annotations of a validator whose match conditions matched. */
function runValidations(spec: ValidatorSpec, activation: Record<string, unknown>, limits: EvaluationLimits | undefined, failing: boolean): ValidatorOutcome {
  let decisions: Decision[] | undefined;
  const validations = spec.validations;
  for (let index = 0; index < validations.length; index++) {
    const validation = validations[index];
    let result: unknown;
    try {
      result = run(validation.expression, activation, limits);
    } catch (error) {
      if (failing) (decisions ??= []).push({ kind: 'error', message: errorMessage(error), index });
      continue;
    }
    if (result === true) continue;
    (decisions ??= []).push({ kind: 'violation', message: messageOf(validation, activation, limits), reason: validation.reason ?? 'Invalid', index });
  }

  let auditAnnotations: Array<{ key: string; value: string }> | undefined;
  for (let index = 0; index < spec.auditAnnotations.length; index++) {
    const annotation = spec.auditAnnotations[index];
    try {
      const value = run(annotation.expression, activation, limits);
      if (typeof value === 'string' && value !== '') {
        (auditAnnotations ??= []).push({ key: annotation.key, value: Buffer.byteLength(value) > MAX_AUDIT_VALUE_BYTES ? value.slice(0, MAX_AUDIT_VALUE_BYTES) : value });
      } else if (value !== null && typeof value !== 'string') {
        throw new Error(`valueExpression '${annotation.expression.source}' resulted in unsupported return type: ${typeof value}. Must evaluate to string or null`);
      }
    } catch (error) {
      if (failing) (decisions ??= []).push({ kind: 'error', message: errorMessage(error), index });
    }
  }
  if (decisions === undefined && auditAnnotations === undefined) return NO_OUTCOME;
  return { decisions: decisions ?? [], auditAnnotations: auditAnnotations ?? [] };
}
