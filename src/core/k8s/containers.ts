/**
 * Iterates every container of a pod spec (containers, initContainers, ephemeralContainers) with its field path.
 */
import { objectMemo } from '../memo.js';
import { isObject } from './object.js';

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_TYPES: readonly ContainerType[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface ContainerView {
  container: Record<string, any>;
  /** `spec.template.spec.containers[0]` */
  path: string;
  type: ContainerType;
  index: number;
  name: string;
}

export interface ContainerFilter {
  /** Which lists to include; default: all three. */
  types?: readonly ContainerType[];
}

/**
 * Init and app containers (ephemeral ones cannot declare ports, resources or probes). Made once: a literal filter
 * per call is an allocation per rule and object.
 */
export const INIT_AND_APP_CONTAINERS: ContainerFilter = { types: ['initContainers', 'containers'] };

/** App containers only. */
export const APP_CONTAINERS: ContainerFilter = { types: ['containers'] };

/*
 * Every rule walks the containers of every workload; the views (and their path strings) are built once per
 * pod spec and shared. Callers must treat them as read-only.
 */
const cache = objectMemo<object, { specPath: string; views: ContainerView[]; filtered: Array<ContainerView[] | undefined> }>('kubeward.containers');

const TYPE_BITS: Record<ContainerType, number> = { initContainers: 1, containers: 2, ephemeralContainers: 4 };

export function containersOf(spec: Record<string, any>, specPath: string, filter: ContainerFilter = {}): ContainerView[] {
  let cached = cache.get(spec);
  if (!cached || cached.specPath !== specPath) {
    cached = { specPath, views: buildViews(spec, specPath), filtered: [] };
    cache.set(spec, cached);
  }
  if (!filter.types) return cached.views;
  // Filtered lists are shared too, by the set of types asked for (rules ask for a few fixed sets).
  let mask = 0;
  const { types } = filter;
  for (let i = 0; i < types.length; i++) mask |= TYPE_BITS[types[i]];
  let filtered = cached.filtered[mask];
  if (!filtered) {
    filtered = cached.views.filter((view) => (TYPE_BITS[view.type] & mask) !== 0);
    cached.filtered[mask] = filtered;
  }
  return filtered;
}

function buildViews(spec: Record<string, any>, specPath: string): ContainerView[] {
  const result: ContainerView[] = [];
  for (const type of CONTAINER_TYPES) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (!isObject(container)) return;
      result.push({ container, path: `${specPath}.${type}[${index}]`, type, index, name: String(container.name ?? `#${index}`) });
    });
  }
  return result;
}

/** Human label used in messages: `container "app"`, `init container "setup"`, `ephemeral container "debug"`. */
export function describeContainer(view: ContainerView): string {
  const prefix = view.type === 'initContainers' ? 'init container' : view.type === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${prefix} "${view.name}"`;
}
