/**
 * Exposure analysis: what a workload may exchange with pods the manifests do not hold (np-guard's
 * `--exposure`). Per direction, a workload no policy protects is exposed to everything; a protected one is
 * exposed to the entire cluster on what its rules open to every namespace, and to each representative peer
 * (`[all namespaces]/[pod with {k8s-app=kube-dns}]`) on what its rules open beyond that. `analyseExposure`
 * also keeps the per-workload summary that `kubeward netpol exposure` reads (the scan rules ask the lighter
 * ingress-exposure.ts, which must agree with it).
 */
import type { K8sObject } from '../../core/k8s/object.js';
import { workloadMatches, type ConnectionFilter } from './connections.js';
import type { IpRange } from './ip.js';
import { buildClusterModel, type RepresentativePeer, type Workload } from './model.js';
import { PolicyEngine, type Direction, type Endpoint } from './policy-engine.js';
import { ALL_CONNECTIONS, ConnectionSet, NO_CONNECTIONS } from './ports.js';

const ENTIRE_CLUSTER: Endpoint = { kind: 'representative', index: 0 };

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

/**
 * A workload is protected in a direction when every one of its pods is: a pod that no policy selects is open
 * to everything, whatever its siblings' policies say.
 */
export function isProtected(engine: PolicyEngine, workload: Workload, direction: Direction): boolean {
  return workload.classes.every((classIndex) => engine.isIsolated(classIndex, direction) || engine.hasAdminRules(classIndex, direction));
}

/** What the workload's pods allow with one representative peer in one direction (union over its pod classes). */
function allowedWithRepresentative(engine: PolicyEngine, workload: Workload, direction: Direction, peer: Endpoint): ConnectionSet {
  let allowed = NO_CONNECTIONS;
  for (const classIndex of workload.classes) allowed = allowed.union(engine.allowedInDirection(direction, classIndex, peer));
  return allowed;
}

export function analyseExposure(objects: readonly K8sObject[]): ExposureReport {
  const model = buildClusterModel(objects, { representative: true });
  const engine = new PolicyEngine(model);
  const workloads = model.workloads.map((workload): WorkloadExposure => {
    const fromExternal: WorkloadExposure['fromExternal'] = [];
    const toExternal: WorkloadExposure['toExternal'] = [];
    let fromAnywhere: ConnectionSet = ALL_CONNECTIONS;
    for (const classIndex of workload.classes) {
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
    return {
      workload,
      ingressProtected: isProtected(engine, workload, 'ingress'),
      egressProtected: isProtected(engine, workload, 'egress'),
      fromEntireCluster: allowedWithRepresentative(engine, workload, 'ingress', ENTIRE_CLUSTER),
      toEntireCluster: allowedWithRepresentative(engine, workload, 'egress', ENTIRE_CLUSTER),
      fromAnywhere,
      fromExternal,
      toExternal,
    };
  });
  return { engine, workloads };
}

/** One exposure of a protected workload: a representative peer (index 0: the entire cluster) and what it may use. */
export interface ExposureItem {
  peer: RepresentativePeer;
  conn: ConnectionSet;
}

/**
 * A workload's exposure in one direction. Unprotected: exposed to everything, `items` is empty. Protected:
 * the entire cluster first (when its rules open anything to every namespace), then every representative peer
 * with connections the entire-cluster item does not already cover.
 */
export interface DirectionExposure {
  protected: boolean;
  items: ExposureItem[];
}

/** A workload with some exposure; a direction is absent when it exposes nothing (or the filter left it out). */
export interface PeerExposure {
  workload: Workload;
  ingress?: DirectionExposure;
  egress?: DirectionExposure;
}

/** The exposure of one workload in one direction, limited to `within` (the focus connection, or all). */
export function exposureInDirection(engine: PolicyEngine, workload: Workload, direction: Direction, within: ConnectionSet = ALL_CONNECTIONS): DirectionExposure {
  if (!isProtected(engine, workload, direction)) return { protected: false, items: [] };
  const representatives = engine.model.representatives;
  const entireCluster = allowedWithRepresentative(engine, workload, direction, ENTIRE_CLUSTER).intersect(within);
  const items: ExposureItem[] = entireCluster.isEmpty ? [] : [{ peer: representatives[0], conn: entireCluster }];
  for (let index = 1; index < representatives.length; index++) {
    const conn = allowedWithRepresentative(engine, workload, direction, { kind: 'representative', index }).intersect(within);
    // What the entire cluster may use, any of its pods may use: listing it again per selector adds nothing.
    if (conn.isEmpty || (!entireCluster.isEmpty && conn.subtract(entireCluster).isEmpty)) continue;
    items.push({ peer: representatives[index], conn });
  }
  return { protected: true, items };
}

/**
 * np-guard's exposure list for the workloads the filter keeps: focus workloads (all when none), focus
 * direction (both when none), and with a focus connection only the exposure that allows it.
 */
export function listExposure(engine: PolicyEngine, filter: ConnectionFilter = {}): PeerExposure[] {
  const focus = filter.focusWorkloads && filter.focusWorkloads.length > 0 ? filter.focusWorkloads : undefined;
  const within = filter.focusConnection ? ConnectionSet.protocol(filter.focusConnection.protocol, [filter.focusConnection.port, filter.focusConnection.port]) : ALL_CONNECTIONS;
  const directions: Direction[] = filter.focusDirection ? [filter.focusDirection] : ['ingress', 'egress'];
  const list: PeerExposure[] = [];
  for (const workload of engine.model.workloads) {
    if (focus && !workloadMatches(workload, focus)) continue;
    const entry: PeerExposure = { workload };
    for (const direction of directions) {
      const exposure = exposureInDirection(engine, workload, direction, within);
      if (!exposure.protected || exposure.items.length > 0) entry[direction] = exposure;
    }
    if (entry.ingress || entry.egress) list.push(entry);
  }
  return list;
}
