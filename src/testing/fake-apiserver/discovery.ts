/**
 * TEST DOUBLE support: the discovery documents of the fake API server, in both shapes real clients read.
 * Legacy: `/api` (APIVersions), `/apis` (APIGroupList), `/api/v1` and `/apis/G/V` (APIResourceList).
 * Aggregated (apidiscovery.k8s.io v2 / v2beta1, the default of kubectl ≥ 1.30): `/api` and `/apis` answer one
 * APIGroupDiscoveryList each when the Accept header asks for it; versions are listed preferred first.
 */
import { compareVersionPriority, groupVersionOf, type ServedResource } from './resources.js';

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Which aggregated discovery version the Accept header asks for, by the client's order of preference. */
export function aggregatedVersionRequested(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const params = new Map(part.split(';').slice(1).map((p) => p.trim().split('=') as [string, string]));
    if (params.get('g') === 'apidiscovery.k8s.io' && params.get('as') === 'APIGroupDiscoveryList') {
      const version = params.get('v');
      if (version === 'v2' || version === 'v2beta1') return version;
    }
  }
  return undefined;
}

interface GroupView {
  name: string;
  /** Preferred first. */
  versions: string[];
}

export function groupsOf(resources: readonly ServedResource[]): GroupView[] {
  const groups = new Map<string, Set<string>>();
  for (const r of resources) {
    if (r.group === '') continue;
    let versions = groups.get(r.group);
    if (!versions) groups.set(r.group, (versions = new Set()));
    for (const v of r.versions) versions.add(v);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, versions]) => ({ name, versions: [...versions].sort(compareVersionPriority) }));
}

export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(group: GroupView): object {
  const versions = group.versions.map((version) => ({ groupVersion: groupVersionOf(group.name, version), version }));
  return { name: group.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(resources: readonly ServedResource[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsOf(resources).map(apiGroup) };
}

export function apiGroupDocument(resources: readonly ServedResource[], name: string): object | undefined {
  const group = groupsOf(resources).find((g) => g.name === name);
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) } : undefined;
}

export function apiResourceList(resources: readonly ServedResource[], group: string, version: string): object | undefined {
  const served = resources.filter((r) => r.group === group && r.versions.includes(version));
  if (served.length === 0) return undefined;
  const entries = served
    .sort((a, b) => (a.resource < b.resource ? -1 : 1))
    .flatMap((r) => [
      {
        name: r.resource,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs,
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
        ...(r.categories ? { categories: r.categories } : {}),
      },
      ...(r.subresources ?? []).map((sub) => ({ name: `${r.resource}/${sub.name}`, singularName: '', namespaced: r.namespaced, kind: sub.kind, verbs: sub.verbs })),
    ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionOf(group, version), resources: entries };
}

function discoveryResource(r: ServedResource, version: string): object {
  return {
    resource: r.resource,
    responseKind: { group: r.group, version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(r.subresources
      ? { subresources: r.subresources.map((sub) => ({ subresource: sub.name, responseKind: { group: r.group, version, kind: sub.kind }, verbs: sub.verbs })) }
      : {}),
  };
}

/** `/api` (core only) or `/apis` (every named group) as one APIGroupDiscoveryList. */
export function aggregatedDiscovery(resources: readonly ServedResource[], core: boolean, version: 'v2' | 'v2beta1', staleGroups: readonly string[] = []): object {
  const groups: GroupView[] = core ? [{ name: '', versions: ['v1'] }] : groupsOf(resources);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((group) => ({
      metadata: group.name ? { name: group.name } : {},
      versions: group.versions.map((v) => ({
        version: v,
        resources: resources
          .filter((r) => r.group === group.name && r.versions.includes(v))
          .sort((a, b) => (a.resource < b.resource ? -1 : 1))
          .map((r) => discoveryResource(r, v)),
        freshness: staleGroups.includes(group.name) ? 'Stale' : 'Current',
      })),
    })),
  };
}
