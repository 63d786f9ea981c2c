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

export interface Row {
  src: string;
  dst: string;
  conn: string;
}

/** The listed connections as sorted rows; with a focus connection, `conn` is that connection. */
export function rowsOf(view: ConnlistView): Row[] {
  const focus = focusConnectionText(view);
  return view.connections
    .map((c) => ({ src: peerId(c.src), dst: peerId(c.dst), conn: focus ?? c.conn.toString() }))
    .sort(compareConnections);
}

/** `UDP 52` for `--focus-conn udp-52`, undefined without a focus connection. */
export function focusConnectionText(view: Pick<ConnlistView, 'focusConnection'>): string | undefined {
  const focus = view.focusConnection;
  return focus ? ConnectionSet.protocol(focus.protocol, [focus.port, focus.port]).toString() : undefined;
}

export function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatConnlist(view: ConnlistView, format: ConnlistFormat): string {
  const rows = rowsOf(view);
  const focus = focusConnectionText(view);
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
      return formatConnlistDot(view);
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

/** One `subgraph "cluster_<ns>[namespace]"` per key, sorted by key, node lines sorted inside. */
export function dotNamespaceGroups(nodesByNamespace: ReadonlyMap<string, readonly string[]>, color: string): string[] {
  const lines: string[] = [];
  for (const namespace of [...nodesByNamespace.keys()].sort()) {
    lines.push(`\tsubgraph "cluster_${namespace.replaceAll('-', '_')}[namespace]" {`, `\t\tcolor="${color}"`, `\t\tfontcolor="${color}"`);
    lines.push(...[...(nodesByNamespace.get(namespace) ?? [])].map((node) => `\t\t${node}`).sort());
    lines.push(`\t\tlabel="${namespace}[namespace]"`, '\t}');
  }
  return lines;
}

/**
 * The node lines of a graph: workloads grouped per namespace (black subgraphs), then `extraGroups` (e.g.
 * exposure's representative peers, red subgraphs), then stand-alone nodes (IP ranges, the ingress
 * controller, `extraNodes`), sorted.
 */
export function dotNodeSections(
  peers: Iterable<NetpolPeer>,
  colorOf: (peer: NetpolPeer) => string,
  extra: { groups?: ReadonlyMap<string, readonly string[]>; groupColor?: string; nodes?: readonly string[] } = {},
): string[] {
  const byNamespace = new Map<string, string[]>();
  const standalone: string[] = (extra.nodes ?? []).map((node) => `\t${node}`);
  const seen = new Set<string>();
  for (const peer of peers) {
    const id = peerId(peer);
    if (seen.has(id)) continue;
    seen.add(id);
    if (peer.kind === 'workload') {
      const list = byNamespace.get(peer.workload.namespace) ?? [];
      list.push(nodeLine(peer, colorOf(peer)));
      byNamespace.set(peer.workload.namespace, list);
    } else standalone.push(`\t${nodeLine(peer, colorOf(peer))}`);
  }
  const lines = dotNamespaceGroups(byNamespace, 'black');
  if (extra.groups) lines.push(...dotNamespaceGroups(extra.groups, extra.groupColor ?? 'black'));
  lines.push(...standalone.sort());
  return lines;
}

/** What a connection-list graph draws: its peers and edges, plus what exposure analysis adds. */
export interface DotGraphExtra {
  peers?: readonly NetpolPeer[];
  groups?: ReadonlyMap<string, readonly string[]>;
  nodes?: readonly string[];
  edges?: readonly string[];
}

/** The connection-list graph; `extra` lets the exposure formatter add its nodes and edges. */
export function formatConnlistDot(view: ConnlistView, extra: DotGraphExtra = {}): string {
  const peers: NetpolPeer[] = [];
  for (const c of view.connections) peers.push(c.src, c.dst);
  peers.push(...view.workloads, ...(extra.peers ?? []));
  const nodes = dotNodeSections(peers, (peer) => (peer.kind === 'ip' ? 'red2' : 'blue'), { ...(extra.groups ? { groups: extra.groups } : {}), groupColor: 'red2', ...(extra.nodes ? { nodes: extra.nodes } : {}) });
  const edges = [...rowsOf(view).map((r) => edgeLine(r.src, r.dst, r.conn, 'gold2', 'darkgreen')), ...(extra.edges ?? [])].sort();
  return ['digraph {', ...nodes, ...edges, '}'].join('\n');
}
