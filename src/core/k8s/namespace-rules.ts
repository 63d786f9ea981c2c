/**
 * What the rules that judge Namespace objects share: the `ignoredNamespaces` option (system namespaces by default)
 * and the test of whether a given object is a Namespace those rules should judge at all.
 */
import type { K8sObject } from './object.js';

/** Managed by the control plane, so a tenant's missing quota or policy is not the user's to fix there. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

export interface IgnoredNamespacesOptions {
  ignoredNamespaces: string[];
}

/** A fresh copy per rule, so one rule's merged options never alias another's defaults. */
export function ignoredNamespacesDefaults(): IgnoredNamespacesOptions {
  return { ignoredNamespaces: [...SYSTEM_NAMESPACES] };
}

export function validateIgnoredNamespaces(options: unknown): string[] {
  const value = (options as { ignoredNamespaces?: unknown }).ignoredNamespaces;
  return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string')) ? [] : ['ignoredNamespaces must be a list of namespace names'];
}

/** The namespace's name when `object` is a named Namespace not in `ignoredNamespaces`; undefined when it is not judged. */
export function judgedNamespaceName(object: K8sObject, options: IgnoredNamespacesOptions): string | undefined {
  const namespace = object.metadata?.name;
  if (object.kind !== 'Namespace' || !namespace || options.ignoredNamespaces.includes(namespace)) return undefined;
  return namespace;
}
