/**
 * Iterates every container of a pod spec (containers, initContainers, ephemeralContainers) with its field path.
 */
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

export function containersOf(spec: Record<string, any>, specPath: string, filter: ContainerFilter = {}): ContainerView[] {
  const result: ContainerView[] = [];
  for (const type of filter.types ?? CONTAINER_TYPES) {
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
