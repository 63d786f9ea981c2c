/**
 * The shape of one Pod Security Standards check and the small helpers every check shares: PSA's
 * `pluralize`/`joinQuote` message formatting and the container visitor (init, regular, then ephemeral
 * containers, PSA's `visitContainers` order). Checks are pure functions of the pod metadata and spec.
 */
import type { Category } from '../../core/engine/define-rule.js';
import { joinPath } from '../../core/yaml/field-path.js';

export type Level = 'privileged' | 'baseline' | 'restricted';
/** The levels that have checks; `privileged` allows everything. */
export type CheckLevel = Exclude<Level, 'privileged'>;

/** Pod metadata and spec as read from YAML: plain data, never mutated by checks. */
export type PodMetadata = Readonly<Record<string, any>>;
export type PodSpec = Readonly<Record<string, any>>;

/**
 * Why a check forbids a pod, exactly as PSA renders it: for the privileged check,
 * `{ reason: 'privileged', detail: 'container "app" must not set securityContext.privileged=true',
 *    paths: ['spec.containers[0].securityContext.privileged'] }`.
 * `paths` are relative to the pod (`spec…`, `metadata…`); for a missing required field they name where it
 * must be set.
 */
export interface CheckViolation {
  reason: string;
  detail: string;
  paths: string[];
}

/** One behaviour version of a check. Returns undefined when the pod is allowed (the hot path allocates nothing). */
export type CheckFn = (metadata: PodMetadata, spec: PodSpec) => CheckViolation | undefined;

/** What a check is, independent of its versions; the versions live in the one table in registry.ts. */
export interface CheckMeta {
  /** PSA's check ID, e.g. `capabilities_restricted`. */
  id: string;
  level: CheckLevel;
  /** Stable kubeward rule id for findings, e.g. `pss-capabilities-restricted`. */
  ruleId: string;
  /** kubeward finding category (core/engine CATEGORIES). */
  category: Category;
  title: string;
}

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';
export const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** PSA's `pluralize`. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** PSA's `joinQuote`: `"a", "b"`. Values are Go strings printed verbatim between quotes. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Go `%q` of a string: JSON escaping matches it for the printable text annotations hold. */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** Byte-order sort with duplicates removed (Go `sets.String.List()`). */
export function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareBytes);
}

export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calls `visit` for every container object in PSA order. Non-object entries are skipped as the API would reject them. */
export function visitContainers(spec: PodSpec, visit: (container: Record<string, any>, list: ContainerList, index: number) => void): void {
  for (let l = 0; l < CONTAINER_LISTS.length; l++) {
    const list = CONTAINER_LISTS[l];
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (let i = 0; i < containers.length; i++) {
      const container = containers[i];
      if (container !== null && typeof container === 'object') visit(container, list, i);
    }
  }
}

/**
 * True when `test` holds for any container. Checks call it with a module-level predicate before collecting
 * details, so a passing pod costs no allocation (no closure, no arrays).
 */
export function anyContainer<A>(spec: PodSpec, test: (container: Record<string, any>, arg: A) => boolean, arg: A): boolean {
  for (let l = 0; l < CONTAINER_LISTS.length; l++) {
    const containers = spec[CONTAINER_LISTS[l]];
    if (!Array.isArray(containers)) continue;
    for (let i = 0; i < containers.length; i++) {
      const container = containers[i];
      if (container !== null && typeof container === 'object' && test(container, arg)) return true;
    }
  }
  return false;
}

/** The container's name as Go reads it: missing means "". */
export function containerName(container: Record<string, any>): string {
  return typeof container.name === 'string' ? container.name : container.name == null ? '' : String(container.name);
}

export function containerPath(list: ContainerList, index: number, field: string): string {
  return `spec.${list}[${index}].${field}`;
}

/** `metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]` */
export function annotationPath(key: string): string {
  return joinPath('metadata.annotations', key);
}

/** Set means present and not null: YAML `field: null` is a nil pointer in Go. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A Go string field: absent or null reads as "". */
export function stringField(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}

/** `spec.hostUsers: false` runs the pod in a user namespace, which relaxes some checks from v1.35 on. */
export function usesUserNamespace(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}

/** "<setter> and <setter>": `pod and containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}
