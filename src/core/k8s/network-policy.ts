/**
 * Reading networking.k8s.io/v1 NetworkPolicies the way the API server defaults them: which pods a policy selects
 * and which directions it isolates. No reachability here; that is the NetworkPolicy analyser's job.
 */
import { isObject, type K8sObject } from './object.js';
import type { LabelSelector } from './selectors.js';

export type PolicyDirection = 'Ingress' | 'Egress';

/** Kubernetes NetworkPolicies only; Calico's projectcalico.org NetworkPolicy shares the kind but not the semantics. */
export function isNetworkPolicy(object: K8sObject): boolean {
  return object.kind === 'NetworkPolicy' && object.apiVersion.startsWith('networking.k8s.io/');
}

/** The spec's podSelector; a missing one deserialises to the empty selector, which selects every pod. */
export function policyPodSelector(policy: K8sObject): LabelSelector {
  const selector = policy.spec?.podSelector;
  return isObject(selector) ? (selector as LabelSelector) : {};
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * The directions a policy isolates, with the API server's defaulting: without policyTypes, Ingress always, and
 * Egress only when spec.egress has at least one rule.
 */
export function policyDirections(policy: K8sObject): Set<PolicyDirection> {
  const declared: unknown = policy.spec?.policyTypes;
  if (Array.isArray(declared) && declared.length > 0) {
    return new Set(declared.filter((type): type is PolicyDirection => type === 'Ingress' || type === 'Egress'));
  }
  const directions = new Set<PolicyDirection>(['Ingress']);
  if (Array.isArray(policy.spec?.egress) && policy.spec.egress.length > 0) directions.add('Egress');
  return directions;
}
