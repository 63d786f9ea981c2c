/**
 * indexObjects answers the same from its two forms: a short list (a review and its namespace) is scanned, a longer
 * one is indexed in maps. The same objects are asked both ways: alone, and padded past the short-list size with
 * objects of a kind and namespace no query names.
 */
import { describe, expect, it } from 'vitest';
import { asWorkload, fromYaml, pod } from '../../testing/index.js';
import type { K8sObject } from '../k8s/object.js';
import { indexObjects } from './object-index.js';

const objects: K8sObject[] = [
  pod((p) => { p.metadata.namespace = 'shop'; }),
  asWorkload(pod(), 'Deployment'),
  ...fromYaml(`
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop, labels: {first: "yes"}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop, labels: {second: "yes"}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
`),
];

const padding: K8sObject[] = Array.from({ length: 9 }, (_, i) => ({ apiVersion: 'example.com/v1', kind: 'Filler', metadata: { name: `filler-${i}`, namespace: 'padding' } }));

const queries: Array<[string, (index: ReturnType<typeof indexObjects>) => unknown]> = [
  ['ofKind(ServiceAccount)', (index) => index.ofKind('ServiceAccount')],
  ['ofKind(NetworkPolicy), none', (index) => index.ofKind('NetworkPolicy')],
  ['inNamespace(ServiceAccount, shop)', (index) => index.inNamespace('ServiceAccount', 'shop')],
  ['inNamespace(ServiceAccount, default)', (index) => index.inNamespace('ServiceAccount', 'default')],
  ['inNamespace(ClusterRole, default), cluster-scoped', (index) => index.inNamespace('ClusterRole', 'default')],
  ['find(ServiceAccount, shop, web)', (index) => index.find('ServiceAccount', 'shop', 'web')],
  ['find(ServiceAccount, undefined, web): default', (index) => index.find('ServiceAccount', undefined, 'web')],
  ['find(ConfigMap, shop, settings): the later one', (index) => index.find('ConfigMap', 'shop', 'settings')],
  ['find(ClusterRole, shop, reader): namespace ignored', (index) => index.find('ClusterRole', 'shop', 'reader')],
  ['find(ServiceAccount, other, web), none', (index) => index.find('ServiceAccount', 'other', 'web')],
  ['namespaceObject(shop)', (index) => index.namespaceObject('shop')],
  ['namespaceObject(default), none', (index) => index.namespaceObject('default')],
  ['workloads()', (index) => index.workloads().map((w) => w.object)],
  ['workloadsIn(shop)', (index) => index.workloadsIn('shop').map((w) => w.object)],
  ['namespaces() without the padding', (index) => index.namespaces().filter((n) => n !== 'padding')],
];

describe('indexObjects', () => {
  it('scans a short list and maps a long one', () => {
    expect(objects.length).toBeLessThanOrEqual(8);
    expect(objects.length + padding.length).toBeGreaterThan(8);
  });

  for (const [name, query] of queries) {
    it(`answers ${name} the same both ways`, () => {
      const scanned = query(indexObjects(objects));
      const mapped = query(indexObjects([...objects, ...padding]));
      expect(scanned).toEqual(mapped);
      if (Array.isArray(scanned)) for (let i = 0; i < scanned.length; i++) expect(scanned[i]).toBe((mapped as unknown[])[i]);
      else expect(scanned).toBe(mapped);
    });
  }

  it('finds what is there', () => {
    const index = indexObjects(objects);
    expect(index.find('ConfigMap', 'shop', 'settings')?.metadata?.labels).toEqual({ second: 'yes' });
    expect(index.inNamespace('ServiceAccount', 'shop')).toHaveLength(1);
    expect(index.workloads()).toHaveLength(2);
    expect(index.namespaces()).toEqual(['default', 'shop']);
    expect(index.ofKind('NetworkPolicy')).toEqual([]);
  });
});
