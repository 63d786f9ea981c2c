/**
 * Container resource requests and limits as Kubernetes settles them at admission: a missing request takes the
 * limit, and a LimitRange of the namespace fills missing values (`default`, `defaultRequest`, `max`, `min`).
 */
import { containersOf, type ContainerView, INIT_AND_APP_CONTAINERS } from './containers.js';
import { isObject, type K8sObject } from './object.js';
import type { PodTemplateView } from './pod-spec.js';

export type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';
export type ResourceBound = 'requests' | 'limits';

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The value a LimitRange (type Container) applies when the container sets none, following the API defaulting
 * of LimitRangeItem: default limit = `default` else `max`; default request = `defaultRequest` else that default
 * limit else `min`.
 */
export function limitRangeDefault(limitRanges: readonly K8sObject[], bound: ResourceBound, name: ResourceName): unknown {
  for (const limitRange of limitRanges) {
    for (const item of limitRange.spec?.limits ?? []) {
      if (!isObject(item) || item.type !== 'Container') continue;
      const candidates = bound === 'limits'
        ? [item.default?.[name], item.max?.[name]]
        : [item.defaultRequest?.[name], item.default?.[name], item.max?.[name], item.min?.[name]];
      const value = candidates.find(present);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** The effective request or limit of a container, or undefined when the pod will run without one. */
export function effectiveResource(view: ContainerView, bound: ResourceBound, name: ResourceName, limitRanges: readonly K8sObject[] = []): unknown {
  const resources = view.container.resources;
  const own = resources?.[bound]?.[name];
  if (present(own)) return own;
  // The API server copies a limit into a missing request of the same resource.
  if (bound === 'requests' && present(resources?.limits?.[name])) return resources.limits[name];
  return limitRangeDefault(limitRanges, bound, name);
}

/**
 * The containers and init containers of a pod that will run without `bound` of `name` (ephemeral containers
 * cannot have resources: the API rejects them). Shared by the checks for missing requests and limits.
 */
export function containersWithoutResource(pod: PodTemplateView, bound: ResourceBound, name: ResourceName, limitRanges: readonly K8sObject[]): ContainerView[] {
  return containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)
    .filter((view) => effectiveResource(view, bound, name, limitRanges) === undefined);
}

/** Path of `resources.<bound>` or its closest existing parent, for a violation about a missing value. */
export function resourcePath(view: ContainerView, bound: ResourceBound): string {
  const resources = view.container.resources;
  if (isObject(resources?.[bound])) return `${view.path}.resources.${bound}`;
  if (isObject(resources)) return `${view.path}.resources`;
  return view.path;
}

/** Human label of a resource in messages. */
export function resourceLabel(name: ResourceName): string {
  return name === 'cpu' ? 'CPU' : name === 'memory' ? 'memory' : 'ephemeral-storage';
}
