/**
 * Pod Security at admission, as PSA's `admission.go` applies it: Pods are enforced, audited and warned; pod
 * controllers (Deployments, CronJobs, …) only audited and warned; PSA's exemptions (namespace, username,
 * runtimeClass) apply; an UPDATE of a Pod that changes no image and no seccomp annotation is not evaluated;
 * subresources other than `ephemeralcontainers` pass. The checks themselves are src/analysers/pss.
 */
import type { K8sObject } from '../../core/k8s/object.js';
import { isObject } from '../../core/k8s/object.js';
import {
  formatFieldError, policyFromLabels, podUnderReview, type PodSecurityConfiguration, type PodSecurityEvaluator, type Policy,
} from '../../analysers/pss/index.js';
import type { AdmissionInput } from '../../policy/index.js';
import type { PodSecurityOutcome } from './decide.js';

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export interface PodSecurityContext {
  evaluator: PodSecurityEvaluator;
  config: PodSecurityConfiguration;
  /** The namespace of the request; undefined when it is unknown (its labels are then the configured defaults). */
  namespace: K8sObject | undefined;
}

function isPodRequest(input: AdmissionInput): boolean {
  return input.resource.group === '' && input.resource.resource === 'pods';
}

/** True when Pod Security has anything to say about this request (a workload being created or updated). */
export function podSecurityApplies(input: AdmissionInput): boolean {
  if (input.operation !== 'CREATE' && input.operation !== 'UPDATE') return false;
  if (isPodRequest(input)) return input.subResource === '' || input.subResource === 'ephemeralcontainers';
  return input.subResource === '';
}

const policyCache = new WeakMap<object, { policy: Policy; labelErrors: string[] }>();

function namespacePolicy(namespace: K8sObject | undefined, defaults: Policy): { policy: Policy; labelErrors: string[] } {
  const compute = () => {
    const { policy, errors } = policyFromLabels(isObject(namespace?.metadata?.labels) ? namespace!.metadata!.labels : undefined, defaults);
    return { policy, labelErrors: errors.map(formatFieldError) };
  };
  // Namespace objects from the cache keep their identity until their labels change; an unknown namespace has
  // the configured defaults, which live as long as the settings. Both keys outlive any one request.
  const key = namespace ?? defaults;
  let cached = policyCache.get(key);
  if (!cached) {
    cached = compute();
    policyCache.set(key, cached);
  }
  return cached;
}

/**
 * Evaluates one request. Returns undefined when Pod Security does not apply or has nothing to say, `{ exemptBy }`
 * when PSA's configuration exempts it, and throws only when the object is so malformed that the pod cannot be read (the caller's failure mode decides).
 */
export function evaluatePodSecurity(input: AdmissionInput, context: PodSecurityContext): PodSecurityOutcome | undefined {
  const object = input.object;
  if (!object || !podSecurityApplies(input)) return undefined;
  const isPod = isPodRequest(input);
  const { policy, labelErrors } = namespacePolicy(context.namespace, context.config.defaults);
  const { exemptions } = context.config;
  // Nothing to enforce, audit or warn and no exemption to record: the answer is known without reading the pod,
  // whose view the core caches per object (a cost the garbage collector pays for every request).
  const silent = labelErrors.length === 0 && policy.audit.level === 'privileged' && policy.warn.level === 'privileged' && (!isPod || policy.enforce.level === 'privileged');
  if (silent && exemptions.namespaces.length === 0 && exemptions.usernames.length === 0 && exemptions.runtimeClasses.length === 0) return undefined;
  const pod = podUnderReview(object);
  if (!pod) return undefined;
  if (exemptions.namespaces.includes(input.namespace)) return { exemptBy: 'namespace' };
  if (typeof input.userInfo.username === 'string' && exemptions.usernames.includes(input.userInfo.username)) return { exemptBy: 'user' };
  if (typeof pod.spec.runtimeClassName === 'string' && exemptions.runtimeClasses.includes(pod.spec.runtimeClassName)) return { exemptBy: 'runtimeClass' };

  if (isPod && input.operation === 'UPDATE' && input.oldObject && !isSignificantPodUpdate(object, input.oldObject)) return undefined;

  const outcome: PodSecurityOutcome = {};
  if (labelErrors.length > 0) outcome.labelErrors = labelErrors;
  const { evaluator } = context;
  if (isPod) {
    if (policy.enforce.level === 'privileged' && policy.audit.level === 'privileged' && policy.warn.level === 'privileged' && labelErrors.length === 0) return undefined;
    const enforce = evaluator.evaluate(policy.enforce, pod.metadata, pod.spec);
    outcome.enforce = { lv: policy.enforce, violations: enforce.violations };
    const sameAsEnforce = (lv: Policy['audit']) => lv.level === policy.enforce.level && lv.version === policy.enforce.version;
    const audit = sameAsEnforce(policy.audit) ? enforce : evaluator.evaluate(policy.audit, pod.metadata, pod.spec);
    if (!audit.allowed) outcome.audit = { lv: policy.audit, violations: audit.violations };
    if (enforce.allowed) {
      const warn = sameAsEnforce(policy.warn) ? enforce : evaluator.evaluate(policy.warn, pod.metadata, pod.spec);
      if (!warn.allowed) outcome.warn = { lv: policy.warn, violations: warn.violations };
    }
    return outcome;
  }
  if (policy.audit.level === 'privileged' && policy.warn.level === 'privileged' && labelErrors.length === 0) return undefined;
  const audit = evaluator.evaluate(policy.audit, pod.metadata, pod.spec);
  if (!audit.allowed) outcome.audit = { lv: policy.audit, violations: audit.violations };
  const sameAsAudit = policy.warn.level === policy.audit.level && policy.warn.version === policy.audit.version;
  const warn = sameAsAudit ? audit : evaluator.evaluate(policy.warn, pod.metadata, pod.spec);
  if (!warn.allowed) outcome.warn = { lv: policy.warn, violations: warn.violations };
  return outcome;
}

/** Whether the enforce level of a namespace with these labels could reject a Pod. */
export function podSecurityCanDeny(namespace: K8sObject | undefined, config: PodSecurityConfiguration): boolean {
  return namespacePolicy(namespace, config.defaults).policy.enforce.level !== 'privileged';
}

function annotationsOf(object: K8sObject): Record<string, unknown> {
  return isObject(object.metadata?.annotations) ? object.metadata!.annotations! : {};
}

function containerList(object: K8sObject, list: 'containers' | 'initContainers' | 'ephemeralContainers'): any[] {
  const value = isObject(object.spec) ? object.spec[list] : undefined;
  return Array.isArray(value) ? value : [];
}

function significantContainerChange(container: any, old: any, annotations: Record<string, unknown>, oldAnnotations: Record<string, unknown>): boolean {
  if (container?.image !== old?.image) return true;
  const key = `${SECCOMP_CONTAINER_ANNOTATION_PREFIX}${container?.name}`;
  return annotations[key] !== oldAnnotations[key];
}

/**
 * PSA's `isSignificantPodUpdate`: pod specs are nearly immutable, so only a changed image, a changed seccomp
 * annotation or an added ephemeral container can change the verdict. Label and status updates pass.
 */
export function isSignificantPodUpdate(pod: K8sObject, oldPod: K8sObject): boolean {
  const annotations = annotationsOf(pod);
  const oldAnnotations = annotationsOf(oldPod);
  if (annotations[SECCOMP_POD_ANNOTATION] !== oldAnnotations[SECCOMP_POD_ANNOTATION]) return true;
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = containerList(pod, list);
    const oldContainers = containerList(oldPod, list);
    if (containers.length !== oldContainers.length) return true;
    for (let i = 0; i < containers.length; i++) {
      if (significantContainerChange(containers[i], oldContainers[i], annotations, oldAnnotations)) return true;
    }
  }
  const oldEphemeral = containerList(oldPod, 'ephemeralContainers');
  for (const container of containerList(pod, 'ephemeralContainers')) {
    const old = oldEphemeral.find((candidate) => candidate?.name === container?.name);
    if (!old || significantContainerChange(container, old, annotations, oldAnnotations)) return true;
  }
  return false;
}
