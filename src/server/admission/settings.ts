/**
 * What the webhook enforces and how, decided once at startup: the check registry and its `.kubeward.yaml`
 * settings, the action (deny, warn, audit) of each check and policy, Pod Security defaults and exemptions,
 * the CEL policy set, who and what is exempt, the failure mode and the time budget. The CLI builds it from
 * flags and files; evaluate.ts and decide.ts only read it.
 */
import { EMPTY_CONFIG, type ResolvedConfig } from '../../core/config.js';
import type { Registry } from '../../core/engine/registry.js';
import type { RuleSetting } from '../../core/engine/run.js';
import { severityRank, type Severity } from '../../core/finding.js';
import { defaultPodSecurityConfiguration, type PodSecurityConfiguration } from '../../analysers/pss/index.js';
import type { PolicySet } from '../../policy/index.js';

export const ACTIONS = ['deny', 'warn', 'audit'] as const;
/** deny rejects the request, warn returns a warning to the client, audit only records an audit annotation. */
export type Action = (typeof ACTIONS)[number];

export const FAILURE_MODES = ['auto', 'closed', 'open'] as const;
/**
 * What an evaluation error (a crashed check, a broken request, the time budget spent) turns into: `closed`
 * denies, `open` allows with a warning, `auto` denies when what failed could have denied the request and
 * allows with a warning otherwise (fail closed for deny policies, open for warn and audit).
 */
export type FailureMode = (typeof FAILURE_MODES)[number];

/**
 * Checks that need the rest of the cluster to decide. A review carries one object, so at admission they would
 * either report every object (no NetworkPolicy, PodDisruptionBudget, quota or LimitRange is ever in sight) or
 * never report anything (reachability through NetworkPolicies). They stay off unless `--action` names them.
 * test/admission/context-rules.test.ts keeps the list honest from both sides.
 */
export const CONTEXT_RULES: ReadonlySet<string> = new Set([
  'namespace-no-default-deny-ingress',
  'namespace-no-limit-range',
  'namespace-no-network-policy',
  'namespace-no-resource-quota',
  'netpol-reachable-from-all-namespaces',
  'netpol-reachable-from-internet',
  'pdb-missing',
  'workload-no-network-policy',
]);

/**
 * Checks of what the API server has already settled before any webhook sees the object: it decodes the request
 * into the typed object (unknown fields rejected or dropped, wrong types rejected), so schema validation at
 * admission would cost time on every request and never find anything. Off unless `--action` names them.
 */
export const DECODED_BEFORE_ADMISSION: ReadonlySet<string> = new Set(['schema-validation']);

export interface Exemptions {
  namespaces: readonly string[];
  usernames: readonly string[];
  groups: readonly string[];
  runtimeClasses: readonly string[];
}

export interface AdmissionSettings {
  registry: Registry;
  /** `.kubeward.yaml`: which checks run with which severity and options, and config exemptions. */
  config: ResolvedConfig;
  /** Findings at or above `denyAt` deny, at or above `warnAt` warn, the rest are audited. */
  denyAt: Severity;
  warnAt: Severity;
  /** Per check id or policy name (VAP name, Gatekeeper constraint kind or name): overrides severity and bindings. */
  actions: Readonly<Record<string, Action>>;
  /** PSA's configuration: the policy of unlabelled namespaces and PSA's own exemptions (which apply to PSS only). */
  podSecurity: PodSecurityConfiguration;
  /** Newest Kubernetes minor the cluster runs (`v1.30`); PSS `latest` and the CEL libraries follow it. */
  kubernetesVersion?: string;
  policies?: PolicySet;
  /** Skip everything for these (flags); kubeward's own namespace and service account are added by `resolve`. */
  exemptions: Exemptions;
  /** kubeward's namespace and service account: always exempt, so the webhook can never block its own rollout. */
  self: { namespace: string; serviceAccount: string };
  failureMode: FailureMode;
  /**
   * Honour `kubeward.io/ignore` annotations on reviewed objects. Off by default: at admission an object must not
   * be able to exempt itself (config exemptions in `.kubeward.yaml` still apply).
   */
  allowAnnotationExemptions: boolean;
  /** Evaluation stops and the failure mode decides when a review has taken longer than this. */
  timeBudgetMs: number;
}

export const DEFAULT_TIME_BUDGET_MS = 2500;

export function defaultAdmissionSettings(registry: Registry, overrides: Partial<AdmissionSettings> = {}): AdmissionSettings {
  return {
    registry,
    config: EMPTY_CONFIG,
    denyAt: 'high',
    warnAt: 'medium',
    actions: {},
    podSecurity: defaultPodSecurityConfiguration(),
    exemptions: { namespaces: [], usernames: [], groups: [], runtimeClasses: [] },
    self: { namespace: 'kubeward', serviceAccount: 'kubeward' },
    failureMode: 'auto',
    allowAnnotationExemptions: false,
    timeBudgetMs: DEFAULT_TIME_BUDGET_MS,
    ...overrides,
  };
}

/** The action of a finding of `ruleId` at `severity`: an explicit `--action` wins, then the severity thresholds. */
export function actionFor(settings: Pick<AdmissionSettings, 'actions' | 'denyAt' | 'warnAt'>, ruleId: string, severity: Severity): Action {
  const explicit = settings.actions[ruleId];
  if (explicit) return explicit;
  const rank = severityRank(severity);
  if (rank >= severityRank(settings.denyAt)) return 'deny';
  if (rank >= severityRank(settings.warnAt)) return 'warn';
  return 'audit';
}

/** The strongest of several actions: deny > warn > audit. */
export function strongestAction(actions: Iterable<Action>): Action | undefined {
  let strongest: Action | undefined;
  for (const action of actions) {
    if (action === 'deny') return 'deny';
    if (action === 'warn' || strongest === undefined) strongest = action;
  }
  return strongest;
}

/**
 * The rule settings the admission engine runs with: the config's, with the context rules switched off unless an
 * explicit action names them.
 */
export function admissionRuleSettings(settings: Pick<AdmissionSettings, 'config' | 'actions'>): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = { ...settings.config.rules };
  for (const id of [...CONTEXT_RULES, ...DECODED_BEFORE_ADMISSION]) {
    if (settings.actions[id]) rules[id] = { ...rules[id], enabled: true };
    else rules[id] = { ...rules[id], enabled: false };
  }
  return rules;
}

/** Names `--action` may use for policies: VAP names and bindings, Gatekeeper constraint kinds and names. */
export function policyNames(policies: PolicySet | undefined): Set<string> {
  const names = new Set<string>();
  for (const vap of policies?.vaps ?? []) names.add(vap.name);
  for (const binding of policies?.bindings ?? []) names.add(binding.name);
  for (const constraint of policies?.constraints ?? []) {
    names.add(constraint.kind);
    names.add(constraint.name);
  }
  return names;
}

/** Parses `ID=deny|warn|audit` pairs, checking each id against the registry and the loaded policies. */
export function parseActions(pairs: readonly string[], registry: Registry, policies: PolicySet | undefined): { actions: Record<string, Action>; problems: string[] } {
  const actions: Record<string, Action> = {};
  const problems: string[] = [];
  const known = policyNames(policies);
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    const id = pair.slice(0, eq);
    const action = pair.slice(eq + 1);
    if (eq <= 0 || !(ACTIONS as readonly string[]).includes(action)) {
      problems.push(`--action ${pair}: expected ID=deny|warn|audit (a check id or a policy name)`);
      continue;
    }
    if (!registry.get(id) && !known.has(id)) {
      problems.push(`--action ${pair}: "${id}" is neither a check id (\`kubeward checks\`) nor a loaded policy`);
      continue;
    }
    actions[id] = action as Action;
  }
  return { actions, problems };
}
