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

const NO_VARIABLES: ReadonlyMap<string, unknown> = new Map();

function run(expression: PolicyExpression, activation: Record<string, unknown>, limits: EvaluationLimits | undefined): unknown {
  if (expression.compileError) throw new Error(`compilation failed: ${expression.compileError.reason}`);
  return expression.program!.evaluate(activation, limits);
}

/**
 * `variables` as a Map whose `get` evaluates on first use: cel-js reads Map-valued maps through `get`, and a
 * plain Map keeps cel-js treating it as a CEL map.
 */
function lazyVariables(spec: ValidatorSpec, preset: PresetVariables, activation: Record<string, unknown>, limits: EvaluationLimits | undefined): Map<string, unknown> {
  const declared = new Map(spec.variables.map((v) => [v.name, v.expression]));
  const values = new Map<string, { value?: unknown; error?: Error }>();
  const variables = new Map<string, unknown>(Object.entries(preset));
  const presetGet = Map.prototype.get.bind(variables);
  const presetHas = Map.prototype.has.bind(variables);
  variables.get = (name: string) => {
    if (presetHas(name)) return presetGet(name);
    const expression = declared.get(name);
    if (!expression) return undefined;
    let entry = values.get(name);
    if (!entry) {
      values.set(name, { error: new CompositionError(`composited variable "${name}" refers to itself`) });
      try {
        entry = { value: run(expression, activation, limits) };
      } catch (error) {
        entry = { error: new CompositionError(`composited variable "${name}" fails to evaluate: ${(error as Error).message}`) };
      }
      values.set(name, entry);
    }
    if (entry.error) throw entry.error;
    return entry.value;
  };
  variables.has = (name: string) => presetHas(name) || declared.has(name);
  return variables;
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

/** Runs one validator for one review and one param. `activation` holds object, oldObject, request, params, … */
export function runValidator(spec: ValidatorSpec, base: Record<string, unknown>, preset: PresetVariables, limits?: EvaluationLimits): ValidatorOutcome {
  const decisions: Decision[] = [];
  const failing = spec.failurePolicy === 'Fail';

  // Match conditions see no user variables (Kubernetes rejects them at compile time), only Gatekeeper's presets.
  let matchError: string | undefined;
  const conditionActivation = spec.matchConditions.length > 0 ? { ...base, variables: new Map(Object.entries(preset)) } : base;
  for (const condition of spec.matchConditions) {
    try {
      const matched = run(condition.expression, conditionActivation, limits);
      if (matched === false) return { decisions: [], auditAnnotations: [] };
    } catch (error) {
      matchError ??= `failed to evaluate match condition "${condition.name}": ${errorMessage(error)}`;
    }
  }
  if (matchError !== undefined) {
    return { decisions: failing ? [{ kind: 'error', message: matchError, index: -1 }] : [], auditAnnotations: [] };
  }

  const activation: Record<string, unknown> = { ...base };
  activation.variables = spec.variables.length === 0 && Object.keys(preset).length === 0 ? NO_VARIABLES : lazyVariables(spec, preset, activation, limits);

  spec.validations.forEach((validation, index) => {
    let result: unknown;
    try {
      result = run(validation.expression, activation, limits);
    } catch (error) {
      if (failing) decisions.push({ kind: 'error', message: errorMessage(error), index });
      return;
    }
    if (result === true) return;
    decisions.push({ kind: 'violation', message: messageOf(validation, activation, limits), reason: validation.reason ?? 'Invalid', index });
  });

  const auditAnnotations: Array<{ key: string; value: string }> = [];
  spec.auditAnnotations.forEach((annotation, index) => {
    try {
      const value = run(annotation.expression, activation, limits);
      if (typeof value === 'string' && value !== '') {
        auditAnnotations.push({ key: annotation.key, value: Buffer.byteLength(value) > MAX_AUDIT_VALUE_BYTES ? value.slice(0, MAX_AUDIT_VALUE_BYTES) : value });
      } else if (value !== null && typeof value !== 'string') {
        throw new Error(`valueExpression '${annotation.expression.source}' resulted in unsupported return type: ${typeof value}. Must evaluate to string or null`);
      }
    } catch (error) {
      if (failing) decisions.push({ kind: 'error', message: errorMessage(error), index });
    }
  });
  return { decisions, auditAnnotations };
}
