/**
 * The per-evaluation bound that stops runaway expressions. cel-js has no cost hooks, so the budget is charged
 * where work happens: once per comprehension step (every macro iteration and cel.bind goes through the
 * iteration context's setIterValue, which we wrap once) and by our own library functions in proportion to
 * their input size. A wall clock is checked every 1024 units.
 */

/** Kubernetes' PerCallLimit is 1,000,000 cost units; ours count comprehension steps and library work. */
export const DEFAULT_COST_LIMIT = 1_000_000;
export const DEFAULT_TIME_LIMIT_MS = 250;

export interface EvaluationLimits {
  cost?: number;
  timeMs?: number;
}

export class CostLimitExceeded extends Error {
  constructor(readonly kind: 'cost' | 'time', limit: number) {
    super(kind === 'cost'
      ? `operation cancelled: actual cost limit exceeded (${limit} units)`
      : `operation cancelled: evaluation took longer than ${limit} ms`);
    this.name = 'CostLimitExceeded';
  }
}

class Budget {
  cost = 0;
  timeMs = 0;
  remaining = 0;
  /** Set at the first clock check: cheap evaluations never read the clock, and the first 1024 units are bounded by cost. */
  deadline = 0;
  sinceClockCheck = 0;
  exceeded: CostLimitExceeded | undefined;

  reset(cost: number, timeMs: number): void {
    this.cost = cost;
    this.timeMs = timeMs;
    this.remaining = cost;
    this.deadline = 0;
    this.sinceClockCheck = 0;
    this.exceeded = undefined;
  }
}

let active: Budget | undefined;
/** One budget per nesting level (a variable evaluated inside an expression gets its own), reused across evaluations. */
const budgets: Budget[] = [];
let depth = 0;

/** Charges `units` to the evaluation in progress; throws once the budget or the clock runs out. */
export function charge(units: number): void {
  const budget = active;
  if (budget === undefined) return;
  if (budget.exceeded) throw budget.exceeded;
  budget.remaining -= units;
  if (budget.remaining < 0) {
    budget.exceeded = new CostLimitExceeded('cost', budget.cost);
    throw budget.exceeded;
  }
  budget.sinceClockCheck += units;
  if (budget.sinceClockCheck >= 1024) {
    budget.sinceClockCheck = 0;
    const now = performance.now();
    if (budget.deadline === 0) budget.deadline = now + budget.timeMs;
    else if (now > budget.deadline) {
      budget.exceeded = new CostLimitExceeded('time', budget.timeMs);
      throw budget.exceeded;
    }
  }
}

/**
 * Runs `evaluate(argument)` under a fresh budget. CEL's `||`, `&&` and `exists` absorb errors, so an exhausted
 * budget is remembered and rethrown after the evaluation even when the expression swallowed it (unless
 * `rethrowExceeded` is false, for an evaluator that reports giving up itself).
 */
export function withBudget<A, T>(limits: EvaluationLimits | undefined, evaluate: (argument: A) => T, argument: A, rethrowExceeded = true): T {
  const previous = active;
  const budget = (budgets[depth] ??= new Budget());
  budget.reset(limits?.cost ?? DEFAULT_COST_LIMIT, limits?.timeMs ?? DEFAULT_TIME_LIMIT_MS);
  depth++;
  active = budget;
  try {
    const result = evaluate(argument);
    if (budget.exceeded && rethrowExceeded) throw budget.exceeded;
    return result;
  } finally {
    depth--;
    active = previous;
  }
}

let installed = false;

/**
 * Wraps cel-js' iteration context so that every comprehension step is charged. `overlayPrototype` is the
 * prototype of the context a macro type-check receives from `forkWithVariable`.
 */
export function installIterationMeter(overlayPrototype: { setIterValue?: unknown }): void {
  if (installed) return;
  const original = overlayPrototype.setIterValue;
  if (typeof original !== 'function') {
    throw new Error('cel-js changed: the iteration context has no setIterValue, so the cost bound cannot be enforced');
  }
  overlayPrototype.setIterValue = function meteredSetIterValue(this: unknown, value: unknown, evaluator: unknown) {
    charge(1);
    return original.call(this, value, evaluator);
  };
  installed = true;
}
