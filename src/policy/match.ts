/**
 * Matching a review against VAP matchResources and Gatekeeper `spec.match`: resource rules (with
 * matchPolicy Equivalent), label selectors on objects and namespaces, name and namespace globs.
 */
import { isClusterScoped, isObject, type K8sObject } from '../core/k8s/object.js';
import { selectorMatches, type LabelSelector } from '../core/k8s/selectors.js';
import type { AdmissionInput } from './admission.js';

/** Namespace objects by name; offline a namespace may be unknown. */
export type NamespaceLookup = (name: string) => K8sObject | undefined;

export interface ResourceRule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
  resourceNames?: string[];
}

/** Resources served under several group/versions; matchPolicy Equivalent treats them as one. */
const EQUIVALENT_GROUPS: Record<string, string[]> = {
  deployments: ['apps', 'extensions'],
  daemonsets: ['apps', 'extensions'],
  replicasets: ['apps', 'extensions'],
  ingresses: ['networking.k8s.io', 'extensions'],
  networkpolicies: ['networking.k8s.io', 'extensions'],
  podsecuritypolicies: ['policy', 'extensions'],
};

function listed(values: string[] | undefined, value: string): boolean {
  return (values ?? []).some((v) => v === '*' || v === value);
}

function resourceListed(resources: string[] | undefined, resource: string, subResource: string): boolean {
  const full = subResource ? `${resource}/${subResource}` : resource;
  return (resources ?? []).some((r) => {
    if (r === '*/*') return true;
    if (r === '*') return subResource === '';
    if (r === full) return true;
    const [rr, rs] = r.split('/');
    if (rs === undefined) return false;
    return (rr === '*' && rs === subResource) || (rr === resource && rs === '*' && subResource !== '');
  });
}

export function ruleMatches(rule: ResourceRule, input: AdmissionInput, equivalent: boolean): boolean {
  if (input.operation !== '' && !listed(rule.operations, input.operation)) return false;
  if (!resourceListed(rule.resources, input.resource.resource, input.subResource)) return false;
  const scope = rule.scope ?? '*';
  const clusterScoped = input.namespace === '';
  if ((scope === 'Cluster' && !clusterScoped) || (scope === 'Namespaced' && clusterScoped)) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0 && !rule.resourceNames.includes(input.name)) return false;
  const equivalentGroups = equivalent ? EQUIVALENT_GROUPS[input.resource.resource] : undefined;
  const groups = equivalentGroups?.includes(input.resource.group) ? equivalentGroups : [input.resource.group];
  if (!groups.some((group) => listed(rule.apiGroups, group))) return false;
  // Equivalent: the same resource in another version of its group is the same thing to the API server.
  return equivalent ? (rule.apiVersions ?? []).length > 0 : listed(rule.apiVersions, input.resource.version);
}

/** Labels of the namespace of a namespaced review; Kubernetes always sets kubernetes.io/metadata.name. */
export function namespaceLabels(name: string, lookup: NamespaceLookup): Readonly<Record<string, string>> {
  const labels = lookup(name)?.metadata?.labels;
  if (!isObject(labels)) return { 'kubernetes.io/metadata.name': name };
  // The merge below would copy the labels unchanged (theirs wins): every policy of every review asks, so don't.
  if (Object.prototype.hasOwnProperty.call(labels, 'kubernetes.io/metadata.name')) return labels as Record<string, string>;
  return { 'kubernetes.io/metadata.name': name, ...labels };
}

/** VAP namespaceSelector: a Namespace is matched on its own labels; other cluster-scoped objects always match. */
export function vapNamespaceSelectorMatches(selector: LabelSelector | undefined, input: AdmissionInput, lookup: NamespaceLookup): boolean {
  if (!selector || isEmptySelector(selector)) return true;
  if (input.kind.kind === 'Namespace' && input.kind.group === '') {
    const subject = input.object ?? input.oldObject;
    return selectorMatches(selector, { 'kubernetes.io/metadata.name': input.name, ...(subject?.metadata?.labels ?? {}) });
  }
  if (input.namespace === '') return true;
  return selectorMatches(selector, namespaceLabels(input.namespace, lookup));
}

/** objectSelector: the new or the old object may match. */
export function objectSelectorMatches(selector: LabelSelector | undefined, input: AdmissionInput): boolean {
  if (!selector || isEmptySelector(selector)) return true;
  return [input.object, input.oldObject].some((o) => o !== null && selectorMatches(selector, o.metadata?.labels ?? {}));
}

export function isEmptySelector(selector: LabelSelector): boolean {
  // Asked for every policy of every review: no key arrays.
  for (const _ in selector.matchLabels ?? {}) return false;
  return (selector.matchExpressions ?? []).length === 0;
}

/** Gatekeeper's prefix/suffix globs: `kube-*`, `*-system`, exact names. */
export function globMatches(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*') && pattern.endsWith('*') && pattern.length > 1) return value.includes(pattern.slice(1, -1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

export function isNamespacedKind(object: K8sObject): boolean {
  return !isClusterScoped(object);
}
