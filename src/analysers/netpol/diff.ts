/**
 * Connectivity diff between two reports (np-guard's `diff`): which connections changed, appeared or
 * disappeared, and which workloads exist in only one of them. External ranges are first cut to a partition
 * common to both reports; adjacent ranges with the same diff line are then merged back for reading.
 */
import { compareConnections, peerId, type Connection, type NetpolPeer } from './connections.js';
import { atomiseAddressSpace, type IpRange } from './ip.js';
import { NO_CONNECTIONS, type ConnectionSet } from './ports.js';

export type DiffKind = 'changed' | 'added' | 'removed' | 'unchanged';

export interface ConnectionDiff {
  kind: DiffKind;
  src: NetpolPeer;
  dst: NetpolPeer;
  /** What the first report allows (NO_CONNECTIONS when absent). */
  before: ConnectionSet;
  after: ConnectionSet;
  /** `workload ns/a[Kind] added`, `workload A and B removed`, or undefined. */
  workloadsInfo?: string;
}

const KIND_ORDER: Record<DiffKind, number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };

function ipRangesOf(connections: readonly Connection[]): IpRange[][] {
  const ranges: IpRange[][] = [];
  for (const c of connections) {
    if (c.src.kind === 'ip') ranges.push([c.src.range]);
    if (c.dst.kind === 'ip') ranges.push([c.dst.range]);
  }
  return ranges;
}

/** Replaces every IP end by the common atoms it covers. */
function refine(connections: readonly Connection[], atoms: readonly IpRange[]): Connection[] {
  const split = (peer: NetpolPeer): NetpolPeer[] =>
    peer.kind === 'ip' ? atoms.filter((a) => a[0] >= peer.range[0] && a[1] <= peer.range[1]).map((range) => ({ kind: 'ip', range })) : [peer];
  return connections.flatMap((c) => split(c.src).flatMap((src) => split(c.dst).map((dst) => ({ src, dst, conn: c.conn }))));
}

/**
 * Diff of `before` and `after`. `workloadsBefore`/`workloadsAfter` are the ids of all workloads of each side,
 * so that connections of a workload that exists on one side only are labelled as such.
 */
export function diffConnections(
  before: readonly Connection[],
  after: readonly Connection[],
  workloadsBefore: ReadonlySet<string>,
  workloadsAfter: ReadonlySet<string>,
  options: { includeUnchanged?: boolean } = {},
): ConnectionDiff[] {
  const atoms = atomiseAddressSpace([...ipRangesOf(before), ...ipRangesOf(after)]);
  const pairs = new Map<string, { src: NetpolPeer; dst: NetpolPeer; before: ConnectionSet; after: ConnectionSet }>();
  const collect = (list: Connection[], side: 'before' | 'after') => {
    for (const c of list) {
      const key = `${peerId(c.src)};${peerId(c.dst)}`;
      let entry = pairs.get(key);
      if (!entry) {
        entry = { src: c.src, dst: c.dst, before: NO_CONNECTIONS, after: NO_CONNECTIONS };
        pairs.set(key, entry);
      }
      entry[side] = entry[side].union(c.conn);
    }
  };
  collect(refine(before, atoms), 'before');
  collect(refine(after, atoms), 'after');

  const diffs: ConnectionDiff[] = [];
  for (const entry of pairs.values()) {
    const kind: DiffKind = entry.before === entry.after ? 'unchanged' : entry.before.isEmpty ? 'added' : entry.after.isEmpty ? 'removed' : 'changed';
    if (kind === 'unchanged' && !options.includeUnchanged) continue;
    diffs.push({ kind, ...entry });
  }
  const merged = mergeAdjacentRanges(diffs);
  for (const diff of merged) {
    const info = workloadsInfo(diff, workloadsBefore, workloadsAfter);
    if (info) diff.workloadsInfo = info;
  }
  return merged
    .map((diff) => ({ diff, src: peerId(diff.src), dst: peerId(diff.dst) }))
    .sort((a, b) => KIND_ORDER[a.diff.kind] - KIND_ORDER[b.diff.kind] || compareConnections(a, b))
    .map((entry) => entry.diff);
}

/** Adjacent external ranges with the same other end, kind and connections read as one line. */
function mergeAdjacentRanges(diffs: ConnectionDiff[]): ConnectionDiff[] {
  const groups = new Map<string, ConnectionDiff[]>();
  const out: ConnectionDiff[] = [];
  for (const diff of diffs) {
    const ipSide = diff.src.kind === 'ip' ? 'src' : diff.dst.kind === 'ip' ? 'dst' : undefined;
    if (!ipSide) {
      out.push(diff);
      continue;
    }
    const other = ipSide === 'src' ? diff.dst : diff.src;
    const key = `${ipSide};${peerId(other)};${diff.kind};${diff.before.key};${diff.after.key}`;
    const group = groups.get(key) ?? [];
    group.push(diff);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const ipSide = group[0].src.kind === 'ip' ? 'src' : 'dst';
    const rangeOf = (d: ConnectionDiff) => (d[ipSide] as { kind: 'ip'; range: IpRange }).range;
    group.sort((a, b) => rangeOf(a)[0] - rangeOf(b)[0]);
    let current = group[0];
    for (const next of group.slice(1)) {
      const [first, last] = rangeOf(current);
      const [nextFirst, nextLast] = rangeOf(next);
      if (nextFirst === last + 1) current = { ...current, [ipSide]: { kind: 'ip', range: [first, nextLast] } };
      else {
        out.push(current);
        current = next;
      }
    }
    out.push(current);
  }
  return out;
}

function workloadsInfo(diff: ConnectionDiff, before: ReadonlySet<string>, after: ReadonlySet<string>): string | undefined {
  const status = (peer: NetpolPeer): 'added' | 'removed' | undefined => {
    if (peer.kind !== 'workload') return undefined;
    const id = peerId(peer);
    if (!before.has(id) && after.has(id)) return 'added';
    if (before.has(id) && !after.has(id)) return 'removed';
    return undefined;
  };
  const srcStatus = status(diff.src);
  const dstStatus = status(diff.dst);
  if (srcStatus && srcStatus === dstStatus) return `workload ${peerId(diff.src)} and ${peerId(diff.dst)} ${srcStatus}`;
  if (srcStatus) return `workload ${peerId(diff.src)} ${srcStatus}`;
  if (dstStatus) return `workload ${peerId(diff.dst)} ${dstStatus}`;
  return undefined;
}
