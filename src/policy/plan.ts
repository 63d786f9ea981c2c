/**
 * What evaluating a policy set needs beyond the set itself, computed once per set: the bindings of each VAP,
 * the VAPs whose resource rules can match a kind of request (memoised per request kind), and the fields of
 * the reviewed object any expression of the set reads, so a review converts only those.
 */
import type { AdmissionInput } from './admission.js';
import { mergeReads, NO_READS, objectReadsOf, variableReadsOf, type FieldReads } from './cel/reads.js';
import type { PolicySet } from './policy-set.js';
import type { ValidatorSpec } from './validator.js';
import { resourceRulesMatch, rulesReadName, type VapBinding, type VapPolicy } from './vap.js';

/** A VAP with the bindings whose resource rules (may) match the request kind, in the set's order. */
export interface VapCandidate {
  policy: VapPolicy;
  /** The policy's rules list resourceNames, so they are checked again for each review. */
  policyRulesReadName: boolean;
  bindings: Array<{ binding: VapBinding; rulesReadName: boolean }>;
}

export interface EvaluationPlan {
  /** Union of the object fields read by every expression of the set. */
  objectReads: FieldReads;
  /** VAP candidates for one review; the result is shared, do not change it. */
  vapCandidates(input: AdmissionInput): readonly VapCandidate[];
}

/** Request kinds remembered per set; past this the memo starts over (request kinds are few in a cluster). */
const MAX_REQUEST_KINDS = 512;

/**
 * The object fields a validator reads. Variables are analysed in order: one that only selects from the object
 * (`object.kind == 'Pod' ? object.spec : object.spec.template.spec`, `podSpec.containers + podSpec.initContainers`)
 * is followed into the expressions that use it, so only the fields they read are converted, not all it selects.
 */
function validatorReads(spec: ValidatorSpec | undefined): FieldReads {
  if (!spec) return NO_READS;
  let reads: FieldReads = NO_READS;
  const sources = new Map<string, NonNullable<ReturnType<typeof variableReadsOf>['sources']>>();
  // Match conditions see no user variables.
  for (const { expression } of spec.matchConditions) if (expression.program) reads = mergeReads(reads, expression.program.objectReads);
  for (const { name, expression } of spec.variables) {
    if (!expression.program) continue;
    const variable = variableReadsOf(expression.program.ast, sources);
    reads = mergeReads(reads, variable.reads);
    if (variable.sources) sources.set(name, variable.sources);
  }
  const expressions = [
    ...spec.validations.flatMap((v) => (v.messageExpression ? [v.expression, v.messageExpression] : [v.expression])),
    ...spec.auditAnnotations.map((a) => a.expression),
  ];
  for (const expression of expressions) if (expression.program) reads = mergeReads(reads, objectReadsOf(expression.program.ast, sources));
  return reads;
}

function isPolicyResource(input: AdmissionInput): boolean {
  return input.resource.group === 'admissionregistration.k8s.io' && /^validatingadmissionpolic(y|ies)|^validatingadmissionpolicybindings$/.test(input.resource.resource);
}

/** Everything resourceRulesMatch reads except the name. */
function requestKindKey(input: AdmissionInput): string {
  const { group, version, resource } = input.resource;
  return `${input.operation}\u0000${group}\u0000${version}\u0000${resource}\u0000${input.subResource}\u0000${input.namespace === '' ? 'cluster' : 'namespaced'}`;
}

function buildPlan(set: PolicySet): EvaluationPlan {
  const bindingsByPolicy = new Map<string, VapBinding[]>();
  for (const binding of set.bindings) {
    const list = bindingsByPolicy.get(binding.policyName);
    if (list) list.push(binding);
    else bindingsByPolicy.set(binding.policyName, [binding]);
  }
  const vaps = set.vaps
    .map((policy) => ({ policy, bindings: bindingsByPolicy.get(policy.name) ?? [] }))
    .filter((entry) => entry.bindings.length > 0);

  let objectReads: FieldReads = NO_READS;
  for (const { policy } of vaps) objectReads = mergeReads(objectReads, validatorReads(policy.validator));
  for (const constraint of set.constraints) objectReads = mergeReads(objectReads, validatorReads(set.templates.get(constraint.kind)?.validator));

  const byKind = new Map<string, VapCandidate[]>();
  const candidatesFor = (input: AdmissionInput): VapCandidate[] => {
    if (isPolicyResource(input)) return [];
    const candidates: VapCandidate[] = [];
    for (const { policy, bindings } of vaps) {
      const policyRulesReadName = rulesReadName(policy.matchConstraints);
      if (!policyRulesReadName && !resourceRulesMatch(policy.matchConstraints, input, true)) continue;
      const matching: VapCandidate['bindings'] = [];
      for (const binding of bindings) {
        const match = binding.matchResources;
        const readsName = match !== undefined && rulesReadName(match);
        if (match && !readsName && !resourceRulesMatch(match, input, false)) continue;
        matching.push({ binding, rulesReadName: readsName });
      }
      if (matching.length > 0) candidates.push({ policy, policyRulesReadName, bindings: matching });
    }
    return candidates;
  };
  return {
    objectReads,
    vapCandidates(input) {
      if (vaps.length === 0) return [];
      const key = requestKindKey(input);
      let candidates = byKind.get(key);
      if (!candidates) {
        if (byKind.size >= MAX_REQUEST_KINDS) byKind.clear();
        candidates = candidatesFor(input);
        byKind.set(key, candidates);
      }
      return candidates;
    },
  };
}

const plans = new WeakMap<PolicySet, { plan: EvaluationPlan; shape: string }>();

/**
 * The plan of a set, built on first use. A set changed after that (policies or bindings added or removed)
 * gets a new plan; the lengths of its lists tell.
 */
export function planOf(set: PolicySet): EvaluationPlan {
  const shape = `${set.vaps.length}/${set.bindings.length}/${set.constraints.length}/${set.templates.size}`;
  const cached = plans.get(set);
  if (cached && cached.shape === shape) return cached.plan;
  const plan = buildPlan(set);
  plans.set(set, { plan, shape });
  return plan;
}
