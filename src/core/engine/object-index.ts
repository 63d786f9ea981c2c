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
  const byKindNamespace = new Map<string, K8sObject[]>();
  const byKey = new Map<string, K8sObject>();
  const namespaceSet = new Set<string>();
  for (const object of objects) {
    push(byKind, object.kind, object);
    const namespace = namespaceOf(object);
    if (namespace !== undefined) {
      namespaceSet.add(namespace);
      push(byKindNamespace, `${object.kind}/${namespace}`, object);
    }
    if (object.kind === 'Namespace' && object.metadata?.name) namespaceSet.add(object.metadata.name);
    const name = object.metadata?.name;
    if (name) byKey.set(`${object.kind}/${namespace ?? ''}/${name}`, object);
  }
  let workloadCache: Array<{ object: K8sObject; pod: PodTemplateView }> | undefined;
  let workloadsByNamespace: Map<string, Array<{ object: K8sObject; pod: PodTemplateView }>> | undefined;
  const empty: K8sObject[] = [];
  return {
    all: objects,
    ofKind: (kind) => byKind.get(kind) ?? empty,
    inNamespace: (kind, namespace) => byKindNamespace.get(`${kind}/${namespace}`) ?? empty,
    find: (kind, namespace, name) => byKey.get(`${kind}/${isClusterScoped({ kind }) ? '' : (namespace ?? 'default')}/${name}`),
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
    namespaceObject: (name) => byKey.get(`Namespace//${name}`),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
