/**
 * Compiling and evaluating one CEL expression of a policy. Compiled programs are cached by release and text,
 * so a policy set compiles each distinct expression once. Compile errors name the policy, the field and the
 * position in the expression; evaluation never throws anything but CelEvaluationError, and every evaluation
 * that can spend cost (comprehensions, library calls) runs under the cost/time bound of cost.ts. Compiling
 * also records which fields of the reviewed object the expression reads (reads.ts).
 */
import type { ParseResult } from '@marcbachmann/cel-js';
import { withBudget, type EvaluationLimits } from './cost.js';
import { ADMISSION_VARIABLES, celEnvironment, DEFAULT_KUBERNETES_VERSION } from './environment.js';
import { compileFast, GIVE_UP } from './fast.js';
import { RE2_MATCHES } from './lib/regex.js';
import { re2 } from './re2.js';
import { objectReadsOf, type FieldReads } from './reads.js';
import { celTypeOf } from './values.js';

/** Where an expression lives: `{ policy: 'ValidatingAdmissionPolicy no-latest', field: 'spec.validations[0].expression' }`. */
export interface ExpressionSite {
  policy: string;
  field: string;
}

/** What an expression must evaluate to; checked at compile time where the type is known, at run time always. */
export type ExpectedType = 'bool' | 'string' | 'string?' | 'any';

export interface Position {
  line: number;
  column: number;
}

export class CelCompileError extends Error {
  constructor(
    readonly site: ExpressionSite,
    readonly expression: string,
    readonly reason: string,
    readonly position: Position | undefined,
  ) {
    super(`${site.policy}: ${site.field}: ${position ? `${position.line}:${position.column}: ` : ''}${reason} (expression: ${oneLine(expression)})`);
    this.name = 'CelCompileError';
  }

  /** The message without the policy name: `spec.validations[0].expression: 1:12: <reason> (expression: …)`. */
  get detail(): string {
    const { line, column } = this.position ?? {};
    return `${this.site.field}: ${line !== undefined ? `${line}:${column}: ` : ''}${this.reason} (expression: ${oneLine(this.expression)})`;
  }
}

export class CelEvaluationError extends Error {
  constructor(readonly expression: string, readonly reason: string) {
    super(`expression '${oneLine(expression)}' resulted in error: ${reason}`);
    this.name = 'CelEvaluationError';
  }
}

export interface CompiledExpression {
  readonly source: string;
  readonly site: ExpressionSite;
  /** The fields of the reviewed object the expression can read (see reads.ts). */
  readonly objectReads: FieldReads;
  /** The parsed (not type-checked) AST, for analyses across a validator's expressions (variableReadsOf). */
  readonly ast: unknown;
  /** Evaluates with the given variables; throws CelEvaluationError on any failure. */
  evaluate(activation: Record<string, unknown>, limits?: EvaluationLimits): unknown;
}

export interface CompileOptions {
  kubernetesVersion?: string;
  expect?: ExpectedType;
  /** More dynamically typed variables beyond the admission ones. */
  variables?: readonly string[];
  /** false: evaluate on cel-js only, never on the fast path of fast.ts (for tests that compare the two). */
  fastPath?: boolean;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

function positionOf(expression: string, offset: number | undefined): Position | undefined {
  if (offset === undefined || offset < 0) return undefined;
  const before = expression.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const { summary, message } = error as { summary?: string; message?: string };
    if (typeof summary === 'string' && summary !== '') return summary;
    if (typeof message === 'string') return message.split('\n')[0];
  }
  return String(error);
}

/**
 * cel-js' `matches` runs JavaScript regexps; Kubernetes runs RE2. Calls are renamed to our RE2 function on the
 * parsed AST (before type-checking binds overloads), so literal and computed patterns both get RE2 semantics.
 */
function rerouteMatches(root: unknown): Array<{ pattern: string; offset: number }> {
  const literals: Array<{ pattern: string; offset: number }> = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const { op, args } = node as { op?: unknown; args?: unknown };
    if (typeof op !== 'string') return;
    if ((op === 'rcall' || op === 'call') && Array.isArray(args) && REGEX_FUNCTIONS.has(args[0])) {
      if (args[0] === 'matches') args[0] = RE2_MATCHES;
      const callArgs = args[args.length - 1] as Array<{ op?: string; args?: unknown; start?: number }>;
      const pattern = callArgs[op === 'call' ? 1 : 0];
      if (pattern?.op === 'value' && typeof pattern.args === 'string') literals.push({ pattern: pattern.args, offset: pattern.start ?? 0 });
    }
    if (args !== null && typeof args === 'object') {
      if (Array.isArray(args)) args.forEach(visit);
      else Object.values(args).forEach(visit);
    }
  };
  visit(root);
  return literals;
}

const REGEX_FUNCTIONS = new Set<unknown>(['matches', 'find', 'findAll']);

/** cel-js built-ins that never charge the budget; comprehension macros and our library functions do. */
const UNMETERED_FUNCTIONS = new Set<unknown>(['has', 'size', 'contains', 'startsWith', 'endsWith', 'orValue', 'hasValue', 'value', 'or', 'int', 'uint', 'double', 'string', 'bool', 'dyn', 'type', 'lowerAscii', 'upperAscii']);
const ADMISSION_VARIABLE_NAMES = new Set<unknown>(ADMISSION_VARIABLES);

/**
 * Whether evaluating the expression can charge the cost budget. Only comprehension steps and our library
 * functions charge, so an expression that calls nothing else is bounded by its size and runs without a budget.
 * A call on a namespace (`sets.contains`, `optional.of`) is treated as metered whatever its name.
 */
function needsBudget(root: unknown): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (node === null || typeof node !== 'object') return false;
    const { op, args } = node as { op?: unknown; args?: unknown };
    if (typeof op !== 'string' || op === 'value') return false;
    if (op === 'call' || op === 'rcall') {
      const [name, receiver] = args as [unknown, { op?: unknown; args?: unknown }];
      if (!UNMETERED_FUNCTIONS.has(name)) return true;
      if (op === 'rcall' && receiver?.op === 'id' && !ADMISSION_VARIABLE_NAMES.has(receiver.args)) return true;
    }
    return args !== null && typeof args === 'object' && visit(Array.isArray(args) ? args : [args]);
  };
  return visit(root);
}

interface Program {
  parsed: ParseResult;
  type: string | undefined;
  objectReads: FieldReads;
  metered: boolean;
  fast: ((activation: Record<string, unknown>) => unknown) | undefined;
}

const programs = new Map<string, Program>();

function typeMatches(type: string | undefined, expect: ExpectedType): boolean {
  if (type === undefined || expect === 'any' || type === 'dyn' || type.startsWith('dyn')) return true;
  if (expect === 'bool') return type === 'bool';
  if (expect === 'string') return type === 'string';
  return type === 'string' || type === 'null' || type === 'null_type';
}

/** Compiles (or takes from the cache) one expression; throws CelCompileError. */
export function compileCel(expression: string, site: ExpressionSite, options: CompileOptions = {}): CompiledExpression {
  const { env, key: envKey } = celEnvironment(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION, options.variables);
  const expect = options.expect ?? 'any';
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new CelCompileError(site, String(expression ?? ''), 'expression is empty', undefined);
  }
  const key = `${envKey}\u0000${expression}`;
  let program = programs.get(key);
  if (!program) {
    let parsed: ParseResult;
    try {
      parsed = env.parse(expression);
    } catch (error) {
      throw new CelCompileError(site, expression, reasonOf(error), positionOf(expression, (error as { range?: { start: number } }).range?.start));
    }
    const objectReads = objectReadsOf(parsed.ast);
    const metered = needsBudget(parsed.ast);
    for (const literal of rerouteMatches(parsed.ast)) {
      try {
        re2(literal.pattern);
      } catch (error) {
        throw new CelCompileError(site, expression, (error as Error).message, positionOf(expression, literal.offset));
      }
    }
    // From the parsed AST: type-checking rewrites macro calls into cel-js' own comprehension nodes.
    const fast = compileFast(parsed.ast);
    const checked = parsed.check();
    if (!checked.valid) {
      const error = checked.error;
      throw new CelCompileError(site, expression, reasonOf(error).replaceAll(RE2_MATCHES, 'matches'), positionOf(expression, error?.range?.start));
    }
    program = { parsed, type: checked.type, objectReads, metered, fast };
    programs.set(key, program);
  }
  if (!typeMatches(program.type, expect)) {
    throw new CelCompileError(site, expression, `must evaluate to ${expect === 'string?' ? 'string or null' : expect}, but has type ${program.type}`, { line: 1, column: 1 });
  }
  const { parsed, metered } = program;
  const fast = options.fastPath === false ? undefined : program.fast;
  return {
    source: expression,
    site,
    objectReads: program.objectReads,
    ast: parsed.ast,
    evaluate(activation, limits) {
      let result: unknown = GIVE_UP;
      try {
        if (fast !== undefined && !(activation instanceof Map)) result = metered ? withBudget(limits, fast, activation, false) : fast(activation);
        if (result === GIVE_UP) result = metered ? withBudget(limits, parsed, activation) : parsed(activation);
      } catch (error) {
        throw new CelEvaluationError(expression, reasonOf(error).replaceAll(RE2_MATCHES, 'matches'));
      }
      if (!runtimeTypeMatches(result, expect)) {
        throw new CelEvaluationError(expression, `expected ${expect === 'string?' ? 'string or null' : expect} result, got ${celTypeOf(result)}`);
      }
      return result;
    },
  };
}

function runtimeTypeMatches(value: unknown, expect: ExpectedType): boolean {
  switch (expect) {
    case 'bool': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'string?': return typeof value === 'string' || value === null;
    default: return true;
  }
}

/** Number of distinct compiled programs, for benchmarks and tests of the cache. */
export function compiledProgramCount(): number {
  return programs.size;
}
