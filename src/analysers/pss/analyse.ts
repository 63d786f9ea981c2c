/**
 * The scanner's entry to Pod Security: every workload evaluated either against one level the user picks
 * (one finding per failing check), or against the PodSecurity labels of its namespace as admission would
 * (one finding per workload: rejected by enforce, or warned/audited). Pure: objects and options in, findings
 * and diagnostics out.
 */
import type { Locator } from '../../core/engine/run.js';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import type { Analysis, Diagnostic, Finding } from '../../core/finding.js';
import { describeRef, namespaceOf, refOf, type K8sObject } from '../../core/k8s/object.js';
import { joinPath } from '../../core/yaml/field-path.js';
import { exemptionOf, type PodSecurityConfiguration } from './config.js';
import { createPodSecurityEvaluator, defaultEvaluator, objectPathOf, podUnderReview, violatesMessage, wouldViolateMessage, type PodSecurityEvaluator, type PodUnderReview, type Violation } from './evaluate.js';
import { formatFieldError, formatLevelVersion, isFullyPrivileged, MODES, LATEST, LABEL_PREFIX, parseVersion, policyFromLabels, PRIVILEGED_POLICY, type LevelVersion, type Policy, type PolicyVersion } from './levels.js';

export interface PodSecurityOptions {
  /** Evaluate every workload at this level; without it, each workload is evaluated against its namespace's labels. */
  level?: 'baseline' | 'restricted';
  /** `latest` (default) or `v1.N`, for `level`. */
  version?: string;
  /** Namespace name -> labels; overrides the labels of Namespace objects found among the objects. */
  namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** PSA's PodSecurityConfiguration: defaults for unlabelled namespaces, exempt namespaces and runtime classes. */
  config?: PodSecurityConfiguration;
  /** Newest Kubernetes minor the cluster runs (`v1.30`): `latest` then means that policy version, as PSA under emulation. */
  kubernetesVersion?: string;
  /** Fills `location` on findings and diagnostics. */
  locate?: Locator;
}

export const PSS_SOURCE = 'pss';

/** Rule ids of the namespace-label findings. */
export const NAMESPACE_RULE_IDS = { enforce: 'pss-enforce', warn: 'pss-warn', audit: 'pss-audit' } as const;

function parseVersionOption(text: string, option: string): PolicyVersion {
  const version = parseVersion(text.startsWith('v') || text === 'latest' ? text : `v${text}`);
  if (version === undefined) throw new UsageError(ErrorCodes.USAGE, `invalid ${option} "${text}": must be "latest" or "v1.x"`);
  return version;
}

function evaluatorFor(options: PodSecurityOptions): PodSecurityEvaluator {
  if (!options.kubernetesVersion) return defaultEvaluator();
  return createPodSecurityEvaluator({ maxVersion: parseVersionOption(options.kubernetesVersion, 'Kubernetes version') });
}

export function analysePodSecurity(objects: readonly K8sObject[], options: PodSecurityOptions = {}): Analysis {
  const evaluator = evaluatorFor(options);
  return options.level ? analyseAtLevel(objects, options, evaluator, options.level) : analyseByNamespace(objects, options, evaluator);
}

function analyseAtLevel(objects: readonly K8sObject[], options: PodSecurityOptions, evaluator: PodSecurityEvaluator, level: 'baseline' | 'restricted'): Analysis {
  const lv: LevelVersion = { level, version: options.version ? parseVersionOption(options.version, 'Pod Security version') : LATEST };
  const findings: Finding[] = [];
  for (const object of objects) {
    const pod = podUnderReview(object);
    if (!pod || exemptionOf(namespaceOf(object), pod.spec.runtimeClassName, options.config)) continue;
    const result = evaluator.evaluate(lv, pod.metadata, pod.spec);
    for (const violation of result.violations) {
      const path = objectPathOf(pod, violation.paths[0] ?? 'spec');
      const finding: Finding = {
        ruleId: violation.check.ruleId,
        severity: violation.check.level === 'baseline' ? 'high' : 'medium',
        category: violation.check.category,
        messageId: violation.check.id,
        message: violatesMessage(lv, [violation]),
        object: refOf(object),
        path,
        source: PSS_SOURCE,
      };
      const location = options.locate?.(object, path);
      if (location) finding.location = location;
      findings.push(finding);
    }
  }
  return { findings, diagnostics: [] };
}

/** Labels per namespace: Namespace objects first, then the caller's overrides. */
function namespaceLabelsOf(objects: readonly K8sObject[], overrides: PodSecurityOptions['namespaceLabels']): Map<string, { labels: Readonly<Record<string, string>>; object?: K8sObject }> {
  const byName = new Map<string, { labels: Readonly<Record<string, string>>; object?: K8sObject }>();
  for (const object of objects) {
    if (object.kind === 'Namespace' && object.metadata?.name) byName.set(object.metadata.name, { labels: object.metadata.labels ?? {}, object });
  }
  for (const [name, labels] of Object.entries(overrides ?? {})) byName.set(name, { labels, object: byName.get(name)?.object });
  return byName;
}

function analyseByNamespace(objects: readonly K8sObject[], options: PodSecurityOptions, evaluator: PodSecurityEvaluator): Analysis {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const labelsByNamespace = namespaceLabelsOf(objects, options.namespaceLabels);
  const defaults = options.config?.defaults ?? PRIVILEGED_POLICY;
  const policies = new Map<string, Policy>();

  const policyOf = (namespace: string): Policy => {
    const known = policies.get(namespace);
    if (known) return known;
    const source = labelsByNamespace.get(namespace);
    const { policy, errors } = policyFromLabels(source?.labels, defaults);
    for (const error of errors) {
      const diagnostic: Diagnostic = {
        level: 'warning',
        code: ErrorCodes.PSS_CONFIG_INVALID,
        message: `namespace "${namespace}": ${formatFieldError(error)} (PSA evaluates it as ${describePolicy(policy)})`,
      };
      const key = /^metadata\.labels\[(.*)\]$/.exec(error.field)?.[1];
      const location = source?.object && key?.startsWith(LABEL_PREFIX) ? options.locate?.(source.object, joinPath('metadata.labels', key)) : undefined;
      if (location) diagnostic.location = location;
      diagnostics.push(diagnostic);
    }
    policies.set(namespace, policy);
    return policy;
  };

  for (const object of objects) {
    const pod = podUnderReview(object);
    const namespace = namespaceOf(object);
    if (!pod || namespace === undefined) continue;
    const policy = policyOf(namespace);
    if (isFullyPrivileged(policy) || exemptionOf(namespace, pod.spec.runtimeClassName, options.config)) continue;
    const finding = admissionFinding(object, pod, policy, evaluator);
    if (!finding) continue;
    const location = options.locate?.(object, finding.path);
    if (location) finding.location = location;
    findings.push(finding);
  }
  return { findings, diagnostics };
}

/** `enforce=restricted:latest, audit=privileged:latest, warn=restricted:latest` */
export function describePolicy(policy: Policy): string {
  return MODES.map((mode) => `${mode}=${formatLevelVersion(policy[mode])}`).join(', ');
}

/** What admission does with this workload in a namespace with `policy`: one finding, or none when it passes. */
function admissionFinding(object: K8sObject, pod: PodUnderReview, policy: Policy, evaluator: PodSecurityEvaluator): Finding | undefined {
  const evaluate = (lv: LevelVersion) => evaluator.evaluate(lv, pod.metadata, pod.spec);
  const build = (ruleId: string, severity: 'high' | 'medium', messageId: string, message: string, violations: readonly Violation[]): Finding => ({
    ruleId,
    severity,
    category: violations[0].check.category,
    messageId,
    message,
    object: refOf(object),
    path: objectPathOf(pod, violations[0].paths[0] ?? 'spec'),
    source: PSS_SOURCE,
  });

  const enforced = evaluate(policy.enforce);
  if (!enforced.allowed) {
    // Only pods are enforced at admission; a controller is admitted, and each pod it creates is rejected.
    const who = object.kind === 'Pod' ? `${describeRef(refOf(object))} will be rejected at admission` : `pods of ${describeRef(refOf(object))} will be rejected at admission`;
    return build(NAMESPACE_RULE_IDS.enforce, 'high', 'enforce', `${who}: ${violatesMessage(policy.enforce, enforced.violations)}`, enforced.violations);
  }
  const warned = evaluate(policy.warn);
  if (!warned.allowed) {
    return build(NAMESPACE_RULE_IDS.warn, 'medium', 'warn', `${describeRef(refOf(object))} is admitted with a warning: ${wouldViolateMessage(policy.warn, warned.violations)}`, warned.violations);
  }
  const audited = evaluate(policy.audit);
  if (!audited.allowed) {
    return build(NAMESPACE_RULE_IDS.audit, 'medium', 'audit', `${describeRef(refOf(object))} is admitted and recorded in the audit log: ${wouldViolateMessage(policy.audit, audited.violations)}`, audited.violations);
  }
  return undefined;
}
