/**
 * TEST DOUBLE support: the fake API server's object store. Objects live per resource under one global,
 * monotonically increasing resourceVersion (like etcd's revision); lists come back in key order
 * (`namespace/name`), which is what makes `continue` tokens work. `compact()` plays etcd compaction: continue
 * tokens issued before it are answered with 410 Gone.
 */
import { randomUUID } from 'node:crypto';
import type { K8sObject } from '../../core/k8s/object.js';
import { BUILT_IN_RESOURCES, resourceOfCrd, type ServedResource } from './resources.js';

export function resourceKey(resource: Pick<ServedResource, 'group' | 'resource'>): string {
  return `${resource.group}/${resource.resource}`;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Kubernetes-style metadata the fake fills in when an object arrives without it. */
const FIXTURE_CREATION_TIMESTAMP = '2026-01-01T00:00:00Z';

export class FakeStore {
  revision = 0;
  compactedRevision = 0;
  private readonly objects = new Map<string, Map<string, K8sObject>>();
  private crdResources: ServedResource[] = [];

  /** Built-in resources plus those of the CustomResourceDefinitions in the store, sorted by group then name. */
  resources(): ServedResource[] {
    return [...BUILT_IN_RESOURCES, ...this.crdResources];
  }

  findResource(group: string, resource: string): ServedResource | undefined {
    return this.resources().find((r) => r.group === group && r.resource === resource);
  }

  /** The resource that stores objects of this apiVersion and kind. */
  resourceForObject(object: K8sObject): ServedResource | undefined {
    const slash = object.apiVersion?.indexOf('/') ?? -1;
    const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
    const version = slash === -1 ? object.apiVersion : object.apiVersion.slice(slash + 1);
    return this.resources().find((r) => r.group === group && r.kind === object.kind && r.versions.includes(version));
  }

  /** Loads fixture objects: CustomResourceDefinitions first, so that their instances have a home. */
  load(objects: readonly K8sObject[]): void {
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
    const rest = objects.filter((o) => o.kind !== 'CustomResourceDefinition');
    for (const object of [...crds, ...rest]) {
      const resource = this.resourceForObject(object);
      if (!resource) throw new Error(`fake-apiserver: no served resource for ${object.apiVersion} ${object.kind} ${object.metadata?.name}`);
      const namespace = resource.namespaced ? (object.metadata?.namespace ?? 'default') : undefined;
      this.put(resource, { ...object, metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) } }, true);
    }
  }

  list(resource: ServedResource, namespace?: string): K8sObject[] {
    const bucket = this.objects.get(resourceKey(resource));
    if (!bucket) return [];
    const keys = [...bucket.keys()].sort();
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    return keys.filter((key) => prefix === undefined || key.startsWith(prefix)).map((key) => bucket.get(key)!);
  }

  get(resource: ServedResource, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.objects.get(resourceKey(resource))?.get(objectKey(namespace, name));
  }

  /** Stores a new object or a new version of one: bumps the revision and stamps uid, resourceVersion, timestamps. */
  put(resource: ServedResource, object: K8sObject, fixture = false): K8sObject {
    const namespace = resource.namespaced ? object.metadata?.namespace : undefined;
    const name = String(object.metadata?.name);
    const previous = this.get(resource, namespace, name);
    this.revision++;
    const metadata = { ...object.metadata };
    metadata.resourceVersion = String(this.revision);
    metadata.uid = previous?.metadata?.uid ?? (fixture && metadata.uid ? metadata.uid : randomUUID());
    metadata.creationTimestamp = previous?.metadata?.creationTimestamp ?? (fixture ? (metadata.creationTimestamp ?? FIXTURE_CREATION_TIMESTAMP) : new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    if (!resource.namespaced) delete metadata.namespace;
    const stored: K8sObject = { ...object, metadata };
    let bucket = this.objects.get(resourceKey(resource));
    if (!bucket) this.objects.set(resourceKey(resource), (bucket = new Map()));
    bucket.set(objectKey(namespace, name), stored);
    if (stored.kind === 'CustomResourceDefinition') this.refreshCrds();
    return stored;
  }

  delete(resource: ServedResource, namespace: string | undefined, name: string): K8sObject | undefined {
    const bucket = this.objects.get(resourceKey(resource));
    const key = objectKey(namespace, name);
    const existing = bucket?.get(key);
    if (!bucket || !existing) return undefined;
    bucket.delete(key);
    this.revision++;
    if (resource.kind === 'Namespace') {
      for (const [bucketKey, other] of this.objects) {
        if (!this.resources().find((r) => resourceKey(r) === bucketKey)?.namespaced) continue;
        for (const objectName of [...other.keys()]) if (objectName.startsWith(`${name}/`)) other.delete(objectName);
      }
    }
    if (resource.kind === 'CustomResourceDefinition') {
      const served = resourceOfCrd(existing);
      if (served) this.objects.delete(resourceKey(served));
      this.refreshCrds();
    }
    return existing;
  }

  /** Every stored object, for tests that compare what the server holds. */
  all(): K8sObject[] {
    return [...this.objects.values()].flatMap((bucket) => [...bucket.values()]);
  }

  /** Continue tokens issued before now become stale (410 Gone), as after an etcd compaction. */
  compact(): void {
    this.revision++;
    this.compactedRevision = this.revision;
  }

  private refreshCrds(): void {
    const crds = this.objects.get('apiextensions.k8s.io/customresourcedefinitions')?.values() ?? [];
    this.crdResources = [...crds]
      .map(resourceOfCrd)
      .filter((r): r is ServedResource => r !== undefined);
  }
}
