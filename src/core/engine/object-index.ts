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

export function indexObjects(objects: readonly K8sObject[]): ObjectIndex {
  const byKind = new Map<string, K8sObject[]>();
  // By kind, then namespace (or `namespace/name`): rules look these up for every object, so no joined keys.
  const byKindNamespace = new Map<string, Map<string, K8sObject[]>>();
  const byKindKey = new Map<string, Map<string, K8sObject>>();
  const namespaceSet = new Set<string>();
  for (const object of objects) {
    push(byKind, object.kind, object);
    const namespace = namespaceOf(object);
    if (namespace !== undefined) {
      namespaceSet.add(namespace);
      push(inner(byKindNamespace, object.kind), namespace, object);
    }
    if (object.kind === 'Namespace' && object.metadata?.name) namespaceSet.add(object.metadata.name);
    const name = object.metadata?.name;
    if (name) inner(byKindKey, object.kind).set(`${namespace ?? ''}/${name}`, object);
  }
  let workloadCache: Array<{ object: K8sObject; pod: PodTemplateView }> | undefined;
  let workloadsByNamespace: Map<string, Array<{ object: K8sObject; pod: PodTemplateView }>> | undefined;
  const empty: K8sObject[] = [];
  return {
    all: objects,
    ofKind: (kind) => byKind.get(kind) ?? empty,
    inNamespace: (kind, namespace) => byKindNamespace.get(kind)?.get(namespace) ?? empty,
    find: (kind, namespace, name) => byKindKey.get(kind)?.get(`${isClusterScoped({ kind }) ? '' : (namespace ?? 'default')}/${name}`),
    workloads() {
      workloadCache ??= objects.flatMap((object) => {
        const pod = podSpecOf(object);
        return pod ? [{ object, pod }] : [];
      });
      return workloadCache;
    },
    workloadsIn(namespace) {
      if (!workloadsByNamespace) {
        workloadsByNamespace = new Map();
        for (const entry of this.workloads()) push(workloadsByNamespace, namespaceOf(entry.object) ?? '', entry);
      }
      return workloadsByNamespace.get(namespace) ?? [];
    },
    namespaces: () => [...namespaceSet].sort(),
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
