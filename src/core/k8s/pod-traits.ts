/**
 * Facts about a pod spec that decide whether Linux security fields apply at all (Windows pods, user
 * namespaces), and the closest existing parent path for a field that is missing, so a finding points at
 * something that is in the manifest.
 */
import { describeContainer, type ContainerView } from './containers.js';
import { effectiveSecurityFieldValue, effectiveSecurityValue, type EffectiveValue, type InheritedField } from './security-context.js';

/** `spec.os.name: windows`: Linux-only fields (seccomp, capabilities, SELinux, …) are rejected by the API there. */
export function isWindowsPod(podSpec: Record<string, any>): boolean {
  return podSpec.os?.name === 'windows';
}

/** `spec.hostUsers: false` runs the pod in its own user namespace: uid 0 inside maps to an unprivileged host uid. */
export function usesUserNamespace(podSpec: Record<string, any>): boolean {
  return podSpec.hostUsers === false;
}

/**
 * The deepest existing path along `securityContext.<fields…>` of a container: the field itself when set,
 * else its nearest parent (`…securityContext`, or the container when it has no securityContext).
 */
export function containerSecurityPath(view: ContainerView, ...fields: string[]): string {
  let node: unknown = view.container;
  let path = view.path;
  for (const field of ['securityContext', ...fields]) {
    if (node === null || typeof node !== 'object' || (node as Record<string, unknown>)[field] === undefined) return path;
    node = (node as Record<string, unknown>)[field];
    path = `${path}.${field}`;
  }
  return path;
}

export interface SharedValue<T> extends EffectiveValue<T> {
  /** The containers whose effective value this is. */
  containers: ContainerView[];
}

/**
 * Effective values of one inherited field, one entry per place that sets it: a pod-level value inherited by
 * three containers is one entry listing the three, so a rule reports the pod-level field once. With `reported`,
 * only the values it accepts get an entry (and a path): a rule passes what it reports, so a pod that passes
 * costs no entries.
 */
export function effectiveValuesByPath<T = unknown>(
  podSpec: Record<string, any>,
  specPath: string,
  views: readonly ContainerView[],
  field: InheritedField,
  reported?: (value: T | undefined) => boolean,
): SharedValue<T>[] {
  // Container-level and unset values are each their container's own; only a pod-level value is shared.
  const entries: SharedValue<T>[] = [];
  let podLevel: SharedValue<T> | undefined;
  for (const view of views) {
    if (reported && !reported(effectiveSecurityFieldValue<T>(podSpec, view, field))) continue;
    const effective = effectiveSecurityValue<T>(podSpec, specPath, view, field);
    if (effective.from !== 'pod') entries.push({ value: effective.value, path: effective.path, from: effective.from, containers: [view] });
    else if (podLevel) podLevel.containers.push(view);
    else {
      podLevel = { value: effective.value, path: effective.path, from: 'pod', containers: [view] };
      entries.push(podLevel);
    }
  }
  return entries;
}

/** `container "app"`, `container "app", init container "setup"` */
export function describeContainers(views: readonly ContainerView[]): string {
  return views.map(describeContainer).join(', ');
}
