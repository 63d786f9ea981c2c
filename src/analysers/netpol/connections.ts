/**
 * Enumerates allowed connections between workloads and external IP ranges (np-guard's connlist), and builds
 * the full workload reachability matrix as bitset rows. Both work class by class: the engine is asked once
 * per pair of pod classes, and the answer is fanned out to every workload of those classes.
 */
import { Bitset } from './bitset.js';
import { formatIpRange, type IpRange } from './ip.js';
import type { Workload } from './model.js';
import type { PolicyEngine } from './policy-engine.js';
import type { ConnectionSet, Protocol } from './ports.js';

export type NetpolPeer =
  | { kind: 'workload'; workload: Workload }
  | { kind: 'ip'; range: IpRange }
  | { kind: 'ingress-controller' };

export interface Connection {
  src: NetpolPeer;
  dst: NetpolPeer;
  conn: ConnectionSet;
}

export const INGRESS_CONTROLLER_ID = '{ingress-controller}';

/** np-guard's peer strings: `ns/name[Kind]`, `10.0.0.0-10.255.255.255[External]`, `{ingress-controller}`. */
export function peerId(peer: NetpolPeer): string {
  if (peer.kind === 'workload') return peer.workload.id;
  if (peer.kind === 'ip') return `${formatIpRange(peer.range)}[External]`;
  return INGRESS_CONTROLLER_ID;
}

/** Which connections to list. Workload names match `name` or `namespace/name`. */
export interface ConnectionFilter {
  /** Keep connections with one of these workloads at one end (np-guard --focusworkload). */
  focusWorkloads?: readonly string[];
  /** With focusWorkloads: the other end must be one of these (np-guard --focusworkload-peer). */
  focusWorkloadPeers?: readonly string[];
  /** With focusWorkloads: `ingress` keeps connections into the focus workloads, `egress` out of them. */
  focusDirection?: 'ingress' | 'egress';
  /** Keep connections that allow this protocol and port (np-guard --focus-conn). */
  focusConnection?: { protocol: Protocol; port: number };
}

export function workloadMatches(workload: Workload, names: readonly string[]): boolean {
  return names.some((name) => name === workload.name || name === `${workload.namespace}/${workload.name}`);
}

function peerMatches(peer: NetpolPeer, names: readonly string[]): boolean {
  if (peer.kind === 'workload') return workloadMatches(peer.workload, names);
  if (peer.kind === 'ingress-controller') return names.includes('ingress-controller') || names.includes(INGRESS_CONTROLLER_ID);
  return false;
}

export function connectionPassesFilter(connection: Connection, filter: ConnectionFilter): boolean {
  const { focusWorkloads, focusWorkloadPeers, focusDirection, focusConnection } = filter;
  if (focusConnection && !connection.conn.contains(focusConnection.protocol, focusConnection.port)) return false;
  if (!focusWorkloads || focusWorkloads.length === 0) return true;
  const check = (focusEnd: NetpolPeer, otherEnd: NetpolPeer) =>
    peerMatches(focusEnd, focusWorkloads) && (!focusWorkloadPeers || focusWorkloadPeers.length === 0 || peerMatches(otherEnd, focusWorkloadPeers));
  if (focusDirection === 'ingress') return check(connection.dst, connection.src);
  if (focusDirection === 'egress') return check(connection.src, connection.dst);
  return check(connection.src, connection.dst) || check(connection.dst, connection.src);
}

/** Byte-wise order of np-guard's output: by source string, then destination string. */
export function compareConnections(a: { src: string; dst: string }, b: { src: string; dst: string }): number {
  if (a.src !== b.src) return a.src < b.src ? -1 : 1;
  if (a.dst !== b.dst) return a.dst < b.dst ? -1 : 1;
  return 0;
}

/**
 * Every allowed connection between distinct workloads and between workloads and external IP atoms, sorted.
 * `extra` adds connections computed elsewhere (the ingress controller), subject to the same filter.
 */
export function listConnections(engine: PolicyEngine, filter: ConnectionFilter = {}, extra: readonly Connection[] = []): Connection[] {
  const { workloads, classes } = engine.model;
  const workloadCount = workloads.length;
  const focus = filter.focusWorkloads && filter.focusWorkloads.length > 0 ? filter.focusWorkloads : undefined;
  // With a focus, a class pair is only worth evaluating if one side holds a focus workload.
  const classHasFocus = classes.map((podClass) => !focus || podClass.workloads.some((w) => workloadMatches(workloads[w], focus)));

  const byPair = new Map<number, Connection>();
  const add = (key: number, src: NetpolPeer, dst: NetpolPeer, conn: ConnectionSet) => {
    const existing = byPair.get(key);
    if (existing) existing.conn = existing.conn.union(conn);
    else byPair.set(key, { src, dst, conn });
  };

  for (const source of classes) {
    for (const destinationIndex of engine.candidateDestinations(source.index).indices()) {
      const destination = classes[destinationIndex];
      if (!classHasFocus[source.index] && !classHasFocus[destination.index]) continue;
      const conn = engine.classToClass(source.index, destination.index);
      if (conn.isEmpty) continue;
      for (const w1 of source.workloads) {
        for (const w2 of destination.workloads) {
          if (w1 !== w2) add(w1 * workloadCount + w2, { kind: 'workload', workload: workloads[w1] }, { kind: 'workload', workload: workloads[w2] }, conn);
        }
      }
    }
  }
  const ipKeyBase = workloadCount * workloadCount;
  for (const podClass of classes) {
    if (!classHasFocus[podClass.index]) continue;
    engine.egressAtoms.forEach((range, atom) => {
      const conn = engine.classToIp(podClass.index, atom);
      if (conn.isEmpty) return;
      for (const w of podClass.workloads) add(ipKeyBase + (w * engine.egressAtoms.length + atom) * 2, { kind: 'workload', workload: workloads[w] }, { kind: 'ip', range }, conn);
    });
    engine.ingressAtoms.forEach((range, atom) => {
      const conn = engine.ipToClass(atom, podClass.index);
      if (conn.isEmpty) return;
      for (const w of podClass.workloads) add(ipKeyBase + (w * engine.ingressAtoms.length + atom) * 2 + 1, { kind: 'ip', range }, { kind: 'workload', workload: workloads[w] }, conn);
    });
  }
  const all = [...byPair.values(), ...extra].filter((connection) => connectionPassesFilter(connection, filter));
  return all
    .map((connection) => ({ connection, src: peerId(connection.src), dst: peerId(connection.dst) }))
    .sort(compareConnections)
    .map((entry) => entry.connection);
}

export interface ReachabilityMatrix {
  workloads: readonly Workload[];
  /** rows[i].has(j): workload i may open some connection to workload j (i != j). */
  rows: Bitset[];
  /** Distinct connection sets per pair of pod classes, for per-port questions. */
  classConnection(source: number, destination: number): ConnectionSet;
  allowedPairs: number;
  classPairs: number;
}

/**
 * The full workload x workload reachability matrix. Evaluates each pair of pod classes once, sets the bits of
 * the destination class's workloads in the source class's row, then gives every workload its class's row.
 */
export function buildReachabilityMatrix(engine: PolicyEngine): ReachabilityMatrix {
  const { workloads, classes } = engine.model;
  const workloadCount = workloads.length;
  const classCount = classes.length;
  const classRows: Bitset[] = [];
  for (let source = 0; source < classCount; source++) {
    const row = new Bitset(workloadCount);
    for (const destination of engine.candidateDestinations(source).indices()) {
      if (engine.classToClass(source, destination).isEmpty) continue;
      for (const w of classes[destination].workloads) row.set(w);
    }
    classRows.push(row);
  }
  const rows: Bitset[] = [];
  let allowedPairs = 0;
  for (const workload of workloads) {
    const row = classRows[workload.classes[0]].clone();
    for (let i = 1; i < workload.classes.length; i++) row.orWith(classRows[workload.classes[i]]);
    // A workload's own pods are not a connection in the list; clear the diagonal.
    row.words[workload.index >>> 5] &= ~(1 << (workload.index & 31));
    allowedPairs += row.count();
    rows.push(row);
  }
  return {
    workloads,
    rows,
    classConnection: (source, destination) => engine.classToClass(source, destination),
    allowedPairs,
    classPairs: classCount * classCount,
  };
}
