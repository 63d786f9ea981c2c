import { describe, expect, it } from 'vitest';
import { indexObjects } from '../engine/object-index.js';
import type { K8sObject } from './object.js';
import { runningWorkloadCandidates, runningWorkloadsIn } from './running-workloads.js';
import { mapSelectorMatches, selectorMatches } from './selectors.js';

function deployment(name: string, namespace: string, labels: unknown): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  } as K8sObject;
}

const objects = [
  deployment('a', 'shop', { app: 'a', tier: 'web' }),
  deployment('b', 'shop', { app: 'b', tier: 'web', version: 1 }),
  deployment('c', 'shop', { app: 'c', tier: 'api', version: '1' }),
  deployment('d', 'shop', undefined),
  deployment('e', 'other', { app: 'a', tier: 'web' }),
  { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't', namespace: 'shop' }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [] } } } as K8sObject,
];

describe('runningWorkloadCandidates', () => {
  const workloads = indexObjects(objects).workloads();
  const names = (entries: ReadonlyArray<{ object: K8sObject }>) => entries.map(({ object }) => object.metadata?.name);

  it('narrows to the workloads carrying the first matchLabels pair, in scan order', () => {
    expect(names(runningWorkloadCandidates(workloads, 'shop', { tier: 'web', app: 'b' }))).toEqual(['a', 'b']);
    expect(names(runningWorkloadCandidates(workloads, 'shop', { app: 'a' }))).toEqual(['a']);
    expect(names(runningWorkloadCandidates(workloads, 'shop', { app: 'zzz' }))).toEqual([]);
  });

  it('compares values as selectors do: String(value) against string labels only', () => {
    expect(names(runningWorkloadCandidates(workloads, 'shop', { version: 1 }))).toEqual(['c']);
    expect(names(runningWorkloadCandidates(workloads, 'shop', { version: '1' }))).toEqual(['c']);
  });

  it('returns every running workload of the namespace when there is nothing to narrow by', () => {
    for (const matchLabels of [undefined, null, {}, 'text']) {
      expect(names(runningWorkloadCandidates(workloads, 'shop', matchLabels))).toEqual(names(runningWorkloadsIn(workloads, 'shop')));
    }
    expect(names(runningWorkloadsIn(workloads, 'shop'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not narrow a namespace where some pod labels are not a mapping', () => {
    const odd = indexObjects([deployment('x', 'odd', 'app'), deployment('y', 'odd', { app: 'y' })]).workloads();
    expect(names(runningWorkloadCandidates(odd, 'odd', { app: 'y' }))).toEqual(['x', 'y']);
  });

  it('keeps exactly the matches of a full scan once the matcher is applied', () => {
    const selectors: Array<Record<string, unknown>> = [{ tier: 'web' }, { tier: 'web', app: 'a' }, { app: 'b', tier: 'api' }, { version: 1 }, { tier: 'web', version: '1' }];
    for (const namespace of ['shop', 'other', 'none']) {
      for (const selector of selectors) {
        const all = runningWorkloadsIn(workloads, namespace);
        const narrowed = runningWorkloadCandidates(workloads, namespace, selector);
        const service = selector as Record<string, string>;
        expect(names(narrowed.filter(({ pod }) => mapSelectorMatches(service, pod.metadata.labels))))
          .toEqual(names(all.filter(({ pod }) => mapSelectorMatches(service, pod.metadata.labels))));
        const labelSelector = { matchLabels: service, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] };
        expect(names(narrowed.filter(({ pod }) => selectorMatches(labelSelector, pod.metadata.labels))))
          .toEqual(names(all.filter(({ pod }) => selectorMatches(labelSelector, pod.metadata.labels))));
      }
    }
  });
});
