/**
 * Every object of one scan, indexed by kind and namespace, for cross-object rules.
 */
import { isClusterScoped, namespaceOf, type K8sObject } from '../k8s/object.js';
import { podSpecOf, type PodTemplateView } from '../k8s/pod-spec.js';

export interface ObjectIndex {
  readonly all: readonly K8sObject[];
  ofKind(kind: string): readonly K8sObject[];
  /** Objects of a kind in one namespace. */
  inNamespace(kind: string, namespace: string): readonly K8sObject[];
  find(kind: string, namespace: string | undefined, name: string): K8sObject | undefined;
  /** Objects that run pods, with their pod template. */
  workloads(): ReadonlyArray<{ object: K8sObject; pod: PodTemplateView }>;
  /** Workloads of one namespace (cluster-scoped objects never run pods). */
  workloadsIn(namespace: string): ReadonlyArray<{ object: K8sObject; pod: PodTemplateView }>;
  /** Every namespace that appears: Namespace objects plus namespaces of namespaced objects. */
  namespaces(): readonly string[];
  namespaceObject(name: string): K8sObject | undefined;
}

/**
 * Up to this many objects (at admission: the reviewed object and its namespace), queries scan the list instead of
 * maps built up front: the maps cost 2 KB and their building for every review, and a scan of two objects is
 * cheaper than a lookup.
 */
const SMALL_INDEX_SIZE = 8;

export function indexObjects(objects: readonly K8sObject[]): ObjectIndex {
  return objects.length <= SMALL_INDEX_SIZE ? smallIndex(objects) : mapIndex(objects);
}

/** The key `find` compares: namespace (empty for cluster-scoped objects) and name. */
function findNamespace(kind: string, namespace: string | undefined): string {
  return isClusterScoped({ kind }) ? '' : (namespace ?? 'default');
}

function smallIndex(objects: readonly K8sObject[]): ObjectIndex {
  const empty: K8sObject[] = [];
  const find = (kind: string, namespace: string | undefined, name: string) => {
    const wanted = findNamespace(kind, namespace);
    let found: K8sObject | undefined;
    // The last one wins, as in the maps (a later object with the same key replaces an earlier one).
    for (const object of objects) {
      if (object.kind === kind && object.metadata?.name && object.metadata.name === name && (namespaceOf(object) ?? '') === wanted) found = object;
    }
    return found;
  };
  return {
    all: objects,
    // Plain loops, no predicate closures: rules ask for every review.
    ofKind(kind) {
      let found: K8sObject[] | undefined;
      for (const object of objects) if (object.kind === kind) (found ??= []).push(object);
      return found ?? empty;
    },
    inNamespace(kind, namespace) {
      let found: K8sObject[] | undefined;
      for (const object of objects) if (object.kind === kind && namespaceOf(object) === namespace) (found ??= []).push(object);
      return found ?? empty;
    },
    find,
    ...workloadQueries(objects),
    namespaces: () => namespaceNames(objects),
    namespaceObject: (name) => find('Namespace', undefined, name),
  };
}

/** Both forms compute it when asked: no rule asks, so a scan does not build it for every run. */
function namespaceNames(objects: readonly K8sObject[]): string[] {
  const names = new Set<string>();
  for (const object of objects) {
    const namespace = namespaceOf(object);
    if (namespace !== undefined) names.add(namespace);
    if (object.kind === 'Namespace' && object.metadata?.name) names.add(object.metadata.name);
  }
  return [...names].sort();
}

/** workloads() and workloadsIn(), computed on first use. */
function workloadQueries(objects: readonly K8sObject[]): Pick<ObjectIndex, 'workloads' | 'workloadsIn'> {
  let workloadCache: Array<{ object: K8sObject; pod: PodTemplateView }> | undefined;
  let workloadsByNamespace: Map<string, Array<{ object: K8sObject; pod: PodTemplateView }>> | undefined;
  const workloads = () => {
    workloadCache ??= objects.flatMap((object) => {
      const pod = podSpecOf(object);
      return pod ? [{ object, pod }] : [];
    });
    return workloadCache;
  };
  return {
    workloads,
    workloadsIn(namespace) {
      if (!workloadsByNamespace) {
        workloadsByNamespace = new Map();
        for (const entry of workloads()) push(workloadsByNamespace, namespaceOf(entry.object) ?? '', entry);
      }
      return workloadsByNamespace.get(namespace) ?? [];
    },
  };
}

function mapIndex(objects: readonly K8sObject[]): ObjectIndex {
  const byKind = new Map<string, K8sObject[]>();
  // By kind, then namespace (or `namespace/name`): rules look these up for every object, so no joined keys.
  const byKindNamespace = new Map<string, Map<string, K8sObject[]>>();
  const byKindKey = new Map<string, Map<string, K8sObject>>();
  for (const object of objects) {
    push(byKind, object.kind, object);
    const namespace = namespaceOf(object);
    if (namespace !== undefined) push(inner(byKindNamespace, object.kind), namespace, object);
    const name = object.metadata?.name;
    if (name) inner(byKindKey, object.kind).set(`${namespace ?? ''}/${name}`, object);
  }
  const empty: K8sObject[] = [];
  return {
    all: objects,
    ofKind: (kind) => byKind.get(kind) ?? empty,
    inNamespace: (kind, namespace) => byKindNamespace.get(kind)?.get(namespace) ?? empty,
    find: (kind, namespace, name) => byKindKey.get(kind)?.get(`${findNamespace(kind, namespace)}/${name}`),
    ...workloadQueries(objects),
    namespaces: () => namespaceNames(objects),
    namespaceObject: (name) => byKindKey.get('Namespace')?.get(`/${name}`),
  };
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map()));
  return map;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
