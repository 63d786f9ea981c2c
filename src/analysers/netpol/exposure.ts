/**
 * Exposure per workload: is it protected by a policy in each direction, what may reach it from any pod in any
 * namespace and from every external address, and what it may send to them. "Any pod in any namespace" is a
 * representative pod that only match-everything selectors admit, so a rule naming some namespaces or labels
 * does not count as exposure to the whole cluster.
 */
import type { K8sObject } from '../../core/k8s/object.js';
import type { IpRange } from './ip.js';
import { buildClusterModel, type Workload } from './model.js';
import { PolicyEngine } from './policy-engine.js';
import { ALL_CONNECTIONS, NO_CONNECTIONS, type ConnectionSet } from './ports.js';

export interface WorkloadExposure {
  workload: Workload;
  /** Some NetworkPolicy or admin policy selects the workload for ingress / egress. */
  ingressProtected: boolean;
  egressProtected: boolean;
  /** Connections any pod in any namespace may open to the workload. */
  fromEntireCluster: ConnectionSet;
  toEntireCluster: ConnectionSet;
  /** Connections every external address may open to it: the intersection over all external ranges. */
  fromAnywhere: ConnectionSet;
  /** External ranges with some allowed ingress, and what they allow. */
  fromExternal: Array<{ range: IpRange; conn: ConnectionSet }>;
  toExternal: Array<{ range: IpRange; conn: ConnectionSet }>;
}

export interface ExposureReport {
  engine: PolicyEngine;
  workloads: WorkloadExposure[];
}

export function analyseExposure(objects: readonly K8sObject[]): ExposureReport {
  const model = buildClusterModel(objects, { representative: true });
  const engine = new PolicyEngine(model);
  const anyPod = model.anyPodClass!;
  const workloads = model.workloads.map((workload): WorkloadExposure => {
    let fromEntireCluster = NO_CONNECTIONS;
    let toEntireCluster = NO_CONNECTIONS;
    const fromExternal: WorkloadExposure['fromExternal'] = [];
    const toExternal: WorkloadExposure['toExternal'] = [];
    let fromAnywhere: ConnectionSet = ALL_CONNECTIONS;
    let ingressProtected = false;
    let egressProtected = false;
    for (const classIndex of workload.classes) {
      ingressProtected ||= engine.isIsolated(classIndex, 'ingress') || engine.hasAdminRules(classIndex, 'ingress');
      egressProtected ||= engine.isIsolated(classIndex, 'egress') || engine.hasAdminRules(classIndex, 'egress');
      fromEntireCluster = fromEntireCluster.union(engine.allowedInDirection('ingress', classIndex, { kind: 'class', index: anyPod }));
      toEntireCluster = toEntireCluster.union(engine.allowedInDirection('egress', classIndex, { kind: 'class', index: anyPod }));
      engine.ingressAtoms.forEach((range, atom) => {
        const conn = engine.ipToClass(atom, classIndex);
        fromAnywhere = fromAnywhere.intersect(conn);
        if (!conn.isEmpty) fromExternal.push({ range, conn });
      });
      engine.egressAtoms.forEach((range, atom) => {
        const conn = engine.classToIp(classIndex, atom);
        if (!conn.isEmpty) toExternal.push({ range, conn });
      });
    }
    return { workload, ingressProtected, egressProtected, fromEntireCluster, toEntireCluster, fromAnywhere, fromExternal, toExternal };
  });
  return { engine, workloads };
}

const exposureCache = new WeakMap<object, Map<K8sObject, WorkloadExposure[]>>();

/**
 * Exposure of every workload, keyed by the object the workload was read from, computed once per object
 * index (the rules that read it run once per object).
 */
export function exposureByObject(index: { readonly all: readonly K8sObject[] }): Map<K8sObject, WorkloadExposure[]> {
  let byObject = exposureCache.get(index);
  if (!byObject) {
    byObject = new Map();
    for (const exposure of analyseExposure(index.all).workloads) {
      const list = byObject.get(exposure.workload.object) ?? [];
      list.push(exposure);
      byObject.set(exposure.workload.object, list);
    }
    exposureCache.set(index, byObject);
  }
  return byObject;
}
