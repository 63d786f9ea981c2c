/**
 * The ingress-only exposure the scan rules read must say exactly what the full exposure analysis says about
 * ingress: checked on every np-guard test cluster (NetworkPolicies, admin tiers, ipBlocks, named ports,
 * pods sharing an owner) and on the synthetic benchmark cluster.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexObjects } from '../../core/engine/object-index.js';
import type { K8sObject } from '../../core/k8s/object.js';
import { readManifests } from '../../io/manifests.js';
import { generateCluster } from './bench.js';
import { analyseExposure, ingressExposureOf } from './index.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared/conformance/netpol/np-guard');
const TESTS = path.join(ROOT, 'tests');

/** Per object, the ingress answers as strings: `id protected entire-cluster anywhere`. */
function fullAnalysis(objects: readonly K8sObject[]): Map<K8sObject, string[]> {
  const byObject = new Map<K8sObject, string[]>();
  for (const exposure of analyseExposure(objects).workloads) {
    const list = byObject.get(exposure.workload.object) ?? [];
    list.push(`${exposure.workload.id} ${exposure.ingressProtected} ${exposure.fromEntireCluster} ${exposure.fromAnywhere}`);
    byObject.set(exposure.workload.object, list);
  }
  return byObject;
}

function ingressOnly(objects: readonly K8sObject[]): Map<K8sObject, string[]> {
  const index = indexObjects(objects);
  const byObject = new Map<K8sObject, string[]>();
  for (const object of objects) {
    const list = ingressExposureOf(index, object).map((exposure) => `${exposure.workload.id} ${exposure.ingressProtected} ${exposure.fromEntireCluster} ${exposure.fromAnywhere}`);
    if (list.length > 0) byObject.set(object, list);
  }
  return byObject;
}

describe('ingress-only exposure', () => {
  const directories = readdirSync(TESTS, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

  it('finds the np-guard test clusters', () => {
    expect(directories.length).toBeGreaterThan(40);
  });

  for (const directory of directories) {
    it(`agrees with analyseExposure on ${directory}`, async () => {
      const { objects } = await readManifests([path.join(TESTS, directory)], { relativeTo: ROOT });
      const expected = fullAnalysis(objects);
      expect(ingressOnly(objects)).toEqual(expected);
    });
  }

  it('agrees with analyseExposure on the synthetic benchmark cluster', () => {
    const objects = generateCluster(1000);
    const expected = fullAnalysis(objects);
    expect(expected.size).toBeGreaterThan(0);
    expect(ingressOnly(objects)).toEqual(expected);
  });

  it('asks the same object index once', () => {
    const objects = generateCluster(200);
    const index = indexObjects(objects);
    const workload = objects.find((object) => object.kind === 'Pod')!;
    expect(ingressExposureOf(index, workload)).toBe(ingressExposureOf(index, workload));
  });
});
