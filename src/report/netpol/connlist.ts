/**
 * Connection-list formatters in np-guard's formats (txt, json, csv, md, dot), byte-compatible with its golden
 * outputs: lines sorted by source then destination, peers as `ns/name[Kind]` or `a.b.c.d-e.f.g.h[External]`.
 */
import { compareConnections, peerId, type Connection, type NetpolPeer } from '../../analysers/netpol/connections.js';
import { ConnectionSet, type Protocol } from '../../analysers/netpol/ports.js';

export const CONNLIST_FORMATS = ['txt', 'json', 'csv', 'md', 'dot'] as const;
export type ConnlistFormat = (typeof CONNLIST_FORMATS)[number];

export interface ConnlistView {
  connections: readonly Connection[];
  /** Workloads drawn as dot nodes even without connections (np-guard draws every analysed workload). */
  workloads: readonly NetpolPeer[];
  /** With --focus-conn, lines omit the connection and the header names it. */
  focusConnection?: { protocol: Protocol; port: number };
}

interface Row {
  src: string;
  dst: string;
  conn: string;
}

function rowsOf(view: ConnlistView): Row[] {
  const focusText = focusText_(view);
  return view.connections
    .map((c) => ({ src: peerId(c.src), dst: peerId(c.dst), conn: focusText ?? c.conn.toString() }))
    .sort(compareConnections);
}

function focusText_(view: ConnlistView): string | undefined {
  const focus = view.focusConnection;
  return focus ? ConnectionSet.protocol(focus.protocol, [focus.port, focus.port]).toString() : undefined;
}

export function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatConnlist(view: ConnlistView, format: ConnlistFormat): string {
  const rows = rowsOf(view);
  const focus = focusText_(view);
  switch (format) {
    case 'txt':
      if (focus) return `Permitted connections on ${focus}:\n${rows.map((r) => `${r.src} => ${r.dst}`).join('\n')}`;
      return rows.map((r) => `${r.src} => ${r.dst} : ${r.conn}`).join('\n');
    case 'json':
      return JSON.stringify(rows.map((r) => (focus ? { src: r.src, dst: r.dst } : r)), null, 2);
    case 'csv': {
      const header = focus ? 'src,dst' : 'src,dst,conn';
      const lines = rows.map((r) => (focus ? [r.src, r.dst] : [r.src, r.dst, r.conn]).map(csvField).join(','));
      return [header, ...lines].join('\n') + '\n';
    }
    case 'md': {
      const header = focus ? '| src | dst |\n|-----|-----|' : '| src | dst | conn |\n|-----|-----|------|';
      const lines = rows.map((r) => (focus ? `| ${r.src} | ${r.dst} |` : `| ${r.src} | ${r.dst} | ${r.conn} |`));
      return [header, ...lines].join('\n');
    }
    case 'dot':
      return formatDot(view, rows);
  }
}

/** A dot node line: workloads are labelled `name[Kind]` and grouped per namespace; others stand alone. */
function nodeLine(peer: NetpolPeer, color: string): string {
  const id = peerId(peer);
  const label = peer.kind === 'workload' ? `${peer.workload.name}[${peer.workload.kind}]` : id;
  return `"${id}" [label="${label}" color="${color}" fontcolor="${color}"]`;
}

/** np-guard weights an edge 0.5 when its source sorts before its destination, else 1. */
export function edgeLine(src: string, dst: string, label: string, color: string, fontColor: string): string {
  return `\t"${src}" -> "${dst}" [label="${label}" color="${color}" fontcolor="${fontColor}" weight=${src < dst ? '0.5' : '1'}]`;
}

/** Namespace subgraphs (sorted by namespace, nodes sorted inside), then stand-alone node lines, sorted. */
export function dotNodeSections(peers: Iterable<NetpolPeer>, colorOf: (peer: NetpolPeer) => string): string[] {
  const byNamespace = new Map<string, string[]>();
  const standalone: string[] = [];
  const seen = new Set<string>();
  for (const peer of peers) {
    const id = peerId(peer);
    if (seen.has(id)) continue;
    seen.add(id);
    if (peer.kind === 'workload') {
      const list = byNamespace.get(peer.workload.namespace) ?? [];
      list.push(`\t\t${nodeLine(peer, colorOf(peer))}`);
      byNamespace.set(peer.workload.namespace, list);
    } else standalone.push(`\t${nodeLine(peer, colorOf(peer))}`);
  }
  const lines: string[] = [];
  for (const namespace of [...byNamespace.keys()].sort()) {
    lines.push(`\tsubgraph "cluster_${namespace.replaceAll('-', '_')}[namespace]" {`, '\t\tcolor="black"', '\t\tfontcolor="black"');
    lines.push(...byNamespace.get(namespace)!.sort());
    lines.push(`\t\tlabel="${namespace}[namespace]"`, '\t}');
  }
  lines.push(...standalone.sort());
  return lines;
}

function formatDot(view: ConnlistView, rows: Row[]): string {
  const peers: NetpolPeer[] = [];
  for (const c of view.connections) peers.push(c.src, c.dst);
  peers.push(...view.workloads);
  const nodes = dotNodeSections(peers, (peer) => (peer.kind === 'ip' ? 'red2' : 'blue'));
  const edges = rows.map((r) => edgeLine(r.src, r.dst, r.conn, 'gold2', 'darkgreen')).sort();
  return ['digraph {', ...nodes, ...edges, '}'].join('\n');
}
