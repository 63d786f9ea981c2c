/**
 * Evaluates one pod (or pod template) against a level and version, and renders the result exactly as PSA does:
 * `violates PodSecurity "restricted:v1.30": allowPrivilegeEscalation != false (container "app" must set
 * securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (…)`.
 */
import type { K8sObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import type { CheckMeta, CheckViolation, PodMetadata, PodSpec } from './check.js';
import { applyApiDefaults } from './defaults.js';
import { formatLevelVersion, type LevelVersion, type PolicyVersion } from './levels.js';
import { compileChecks, PSS_CHECKS, type CheckEntry, type CompiledChecks } from './registry.js';

export interface Violation extends CheckViolation {
  check: CheckMeta;
}

/** `{ allowed: true, violations: [] }` or the failing checks in PSA's order. */
export interface PodSecurityResult {
  allowed: boolean;
  violations: readonly Violation[];
}

const ALLOWED: PodSecurityResult = Object.freeze({ allowed: true, violations: Object.freeze([]) as readonly Violation[] });

/** PSA's placeholder for a check that forbids without saying why; our checks always give a reason. */
export const UNKNOWN_FORBIDDEN_REASON = 'unknown forbidden reason';

export interface PodSecurityEvaluator {
  /** The newest policy version known: what `latest` (and any newer version) evaluates as. */
  readonly maxVersion: number;
  readonly compiled: CompiledChecks;
  /** Evaluates an already defaulted pod spec; allocation-free when the pod is allowed. */
  evaluate(lv: LevelVersion, metadata: PodMetadata, spec: PodSpec): PodSecurityResult;
}

export function createPodSecurityEvaluator(options: { table?: readonly CheckEntry[]; maxVersion?: PolicyVersion } = {}): PodSecurityEvaluator {
  const compiled = compileChecks(options.table ?? PSS_CHECKS, { maxVersion: options.maxVersion });
  const { maxVersion, byVersion } = compiled;
  return {
    maxVersion,
    compiled,
    evaluate(lv, metadata, spec) {
      if (lv.level === 'privileged') return ALLOWED;
      const checks = byVersion[lv.level][lv.version > maxVersion ? maxVersion : lv.version];
      let violations: Violation[] | undefined;
      for (let i = 0; i < checks.length; i++) {
        const result = checks[i].check(metadata, spec);
        if (result !== undefined) (violations ??= []).push({ ...result, reason: result.reason || UNKNOWN_FORBIDDEN_REASON, check: checks[i].meta });
      }
      return violations ? { allowed: false, violations } : ALLOWED;
    },
  };
}

/** Compiled when the module loads, so a malformed check table fails at startup with the check's name. */
const shared: PodSecurityEvaluator = createPodSecurityEvaluator();

/** The evaluator over the built-in table. */
export function defaultEvaluator(): PodSecurityEvaluator {
  return shared;
}

/** The pod of a workload as PSA sees it after API defaulting; undefined for objects that run no pods. */
export interface PodUnderReview {
  metadata: PodMetadata;
  spec: PodSpec;
  /** Where the pod spec and metadata sit in the object (`spec.template.spec`, …), to build finding paths. */
  specPath: string;
  metadataPath: string;
}

export function podUnderReview(object: K8sObject): PodUnderReview | undefined {
  const view = podSpecOf(object);
  if (!view) return undefined;
  return { metadata: view.metadata, spec: applyApiDefaults(view.spec, object.kind === 'Pod'), specPath: view.specPath, metadataPath: view.metadataPath };
}

/** The path of a pod-relative field (`spec.containers[0]…`) inside the workload object. */
export function objectPathOf(pod: PodUnderReview, podPath: string): string {
  if (podPath.startsWith('spec')) return pod.specPath + podPath.slice('spec'.length);
  if (podPath.startsWith('metadata')) return pod.metadataPath + podPath.slice('metadata'.length);
  return podPath;
}

/** Evaluates any workload (Pod, controller, CronJob, pod-template CRD); undefined when it has no pod template. */
export function evaluateWorkload(object: K8sObject, lv: LevelVersion, evaluator: PodSecurityEvaluator = defaultEvaluator()): PodSecurityResult | undefined {
  const pod = podUnderReview(object);
  return pod ? evaluator.evaluate(lv, pod.metadata, pod.spec) : undefined;
}

/** `reason1 (detail1), reason2 (detail2)`; a reason with an empty detail has no parentheses. */
export function formatForbiddenDetail(violations: readonly Pick<CheckViolation, 'reason' | 'detail'>[]): string {
  return violations.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason)).join(', ');
}

/** `host namespaces, privileged`: the reasons only, as PSA lists them for namespace dry runs. */
export function formatForbiddenReasons(violations: readonly Pick<CheckViolation, 'reason'>[]): string {
  return violations.map((v) => v.reason).join(', ');
}

/** The enforce denial: `violates PodSecurity "restricted:latest": …`. */
export function violatesMessage(lv: LevelVersion, violations: readonly Violation[]): string {
  return `violates PodSecurity ${JSON.stringify(formatLevelVersion(lv))}: ${formatForbiddenDetail(violations)}`;
}

/** The warning and audit annotation text: `would violate PodSecurity "restricted:latest": …`. */
export function wouldViolateMessage(lv: LevelVersion, violations: readonly Violation[]): string {
  return `would violate PodSecurity ${JSON.stringify(formatLevelVersion(lv))}: ${formatForbiddenDetail(violations)}`;
}
