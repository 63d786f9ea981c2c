/**
 * Effective security settings of a container: Kubernetes applies the pod-level securityContext to every
 * container that does not override it, for the fields that exist at both levels. Rules must use these
 * helpers so that a pod-level setting satisfies a container-level requirement (the most common false
 * positive of other scanners).
 */
import type { ContainerView } from './containers.js';

/** Fields present in both PodSecurityContext and SecurityContext; container wins. */
export type InheritedField = 'runAsUser' | 'runAsGroup' | 'runAsNonRoot' | 'seLinuxOptions' | 'seccompProfile' | 'appArmorProfile' | 'windowsOptions';

export interface EffectiveValue<T> {
  value: T | undefined;
  /** Path of the field that set the value, or the container-level path where it would be set. */
  path: string;
  /** Where the value came from. */
  from: 'container' | 'pod' | 'unset';
}

export function effectiveSecurityValue<T = unknown>(
  podSpec: Record<string, any>,
  specPath: string,
  view: ContainerView,
  field: InheritedField,
): EffectiveValue<T> {
  const containerValue = view.container.securityContext?.[field];
  if (containerValue !== undefined && containerValue !== null) {
    return { value: containerValue as T, path: `${view.path}.securityContext.${field}`, from: 'container' };
  }
  const podValue = podSpec.securityContext?.[field];
  if (podValue !== undefined && podValue !== null) {
    return { value: podValue as T, path: `${specPath}.securityContext.${field}`, from: 'pod' };
  }
  return { value: undefined, path: `${view.path}.securityContext.${field}`, from: 'unset' };
}

/** The effective value alone (no path is built): for checks that only test it. */
export function effectiveSecurityFieldValue<T = unknown>(podSpec: Record<string, any>, view: ContainerView, field: InheritedField): T | undefined {
  const containerValue = view.container.securityContext?.[field];
  if (containerValue !== undefined && containerValue !== null) return containerValue as T;
  const podValue = podSpec.securityContext?.[field];
  return podValue !== undefined && podValue !== null ? (podValue as T) : undefined;
}

/** Container-only fields (no pod-level equivalent): privileged, allowPrivilegeEscalation, capabilities, readOnlyRootFilesystem, procMount. */
export function containerSecurityValue<T = unknown>(view: ContainerView, field: string): EffectiveValue<T> {
  const value = view.container.securityContext?.[field];
  const path = `${view.path}.securityContext.${field}`;
  return value === undefined || value === null ? { value: undefined, path, from: 'unset' } : { value: value as T, path, from: 'container' };
}

/** Upper-cased capability names as Kubernetes compares them (`CAP_` prefix removed). */
export function normaliseCapability(name: unknown): string {
  const upper = String(name).toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
