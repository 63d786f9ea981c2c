/**
 * Connection list with exposure analysis in np-guard's formats (`list --exposure`: txt, json, csv, md, dot),
 * byte-compatible with its golden outputs: the connection list, then per direction what each exposed
 * workload may exchange with `entire-cluster`, representative peers (`[all namespaces]/[pod with {k=v}]`,
 * `ns/[all pods]`) and the external ranges of the list, then (txt) the workloads no policy protects.
 */
import type { NetpolPeer } from '../../analysers/netpol/connections.js';
import type { Direction } from '../../analysers/netpol/policy-engine.js';
import type { PeerExposure } from '../../analysers/netpol/exposure.js';
import { NAMESPACE_NAME_LABEL, type RepresentativePeer } from '../../analysers/netpol/model.js';
import { ALL_CONNECTIONS } from '../../analysers/netpol/ports.js';
import type { LabelSelector } from '../../core/k8s/selectors.js';
import { csvField, focusConnectionText, formatConnlist, formatConnlistDot, rowsOf, type ConnlistFormat, type ConnlistView } from './connlist.js';

export interface ConnlistExposureView extends ConnlistView {
  exposure: readonly PeerExposure[];
}

const ENTIRE_CLUSTER = 'entire-cluster';

/** One exposure line: the exposed workload, the other end (representative, `entire-cluster` or IP range), the connection. */
interface ExposureRow {
  exposed: string;
  other: string;
  conn: string;
  /** How dot draws the other end, undefined for IP ranges (drawn by the connection list). */
  node?: { id: string; namespace?: string; label?: string };
}

/**
 * `k1=v1,k2=v2` for matchLabels (sorted by key, as Kubernetes prints a selector), then each matchExpression in
 * the Go struct form np-guard prints, `{Key:app,Operator:In,Values:[a b],}`.
 */
function selectorText(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
  const expressions = (selector.matchExpressions ?? []).map((e) => `{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],}`).sort();
  return [...labels, ...expressions].join(',');
}

function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** `ns` for a selector that only names a namespace, else `all namespaces` or `namespace with {…}` (bracketed in text). */
function namespaceText(selector: LabelSelector, bracketed: boolean): string {
  const labels = Object.entries(selector.matchLabels ?? {});
  if (labels.length === 1 && labels[0][0] === NAMESPACE_NAME_LABEL && (selector.matchExpressions ?? []).length === 0) return labels[0][1];
  const text = isEmptySelector(selector) ? 'all namespaces' : `namespace with {${selectorText(selector)}}`;
  return bracketed ? `[${text}]` : text;
}

function podText(selector: LabelSelector, bracketed: boolean): string {
  const text = isEmptySelector(selector) ? 'all pods' : `pod with {${selectorText(selector)}}`;
  return bracketed ? `[${text}]` : text;
}

function representativeRow(exposed: string, peer: RepresentativePeer, conn: string): ExposureRow {
  if (peer.index === 0) return { exposed, other: ENTIRE_CLUSTER, conn, node: { id: ENTIRE_CLUSTER } };
  const namespace = namespaceText(peer.namespaceSelector, false);
  const label = podText(peer.podSelector, false);
  return {
    exposed,
    other: `${namespaceText(peer.namespaceSelector, true)}/${podText(peer.podSelector, true)}`,
    conn,
    node: { id: `${label}_in_${namespace}`, namespace, label },
  };
}

interface ExposureSections {
  egress: ExposureRow[];
  ingress: ExposureRow[];
  unprotected: string[];
  /** Width of the exposed-workload column in txt: the longest exposed workload id. */
  width: number;
  exposedPeers: NetpolPeer[];
}

function sections(view: ConnlistExposureView): ExposureSections {
  const rows = rowsOf(view);
  const result: ExposureSections = { egress: [], ingress: [], unprotected: [], width: 0, exposedPeers: [] };
  for (const entry of view.exposure) {
    const id = entry.workload.id;
    result.width = Math.max(result.width, id.length);
    result.exposedPeers.push({ kind: 'workload', workload: entry.workload });
    for (const direction of ['ingress', 'egress'] as const satisfies readonly Direction[]) {
      const list = result[direction];
      const exposure = entry[direction];
      if (exposure && !exposure.protected) {
        list.push({ exposed: id, other: ENTIRE_CLUSTER, conn: ALL_CONNECTIONS.toString(), node: { id: ENTIRE_CLUSTER } });
        result.unprotected.push(`${id} is not protected on ${direction === 'ingress' ? 'Ingress' : 'Egress'}`);
      }
      for (const item of exposure?.items ?? []) list.push(representativeRow(id, item.peer, item.conn.toString()));
      // The list's external ranges belong to the exposure too (np-guard repeats them there).
      for (const row of rows) {
        const external = direction === 'ingress' ? row.dst === id && row.src.endsWith('[External]') : row.src === id && row.dst.endsWith('[External]');
        if (external) list.push({ exposed: id, other: direction === 'ingress' ? row.src : row.dst, conn: row.conn });
      }
    }
  }
  const byExposedThenOther = (a: ExposureRow, b: ExposureRow) => (a.exposed !== b.exposed ? (a.exposed < b.exposed ? -1 : 1) : a.other < b.other ? -1 : a.other > b.other ? 1 : 0);
  // Egress is sorted by source then destination, ingress by destination then source: exposed first in both.
  result.egress.sort(byExposedThenOther);
  result.ingress.sort(byExposedThenOther);
  result.unprotected.sort();
  return result;
}

function header(view: ConnlistExposureView): string {
  const focus = focusConnectionText(view);
  return focus ? `Exposure Analysis Result On ${focus}:` : 'Exposure Analysis Result:';
}

function formatText(view: ConnlistExposureView, parts: ExposureSections): string {
  const focus = focusConnectionText(view) !== undefined;
  const line = (row: ExposureRow, arrow: string) => `${row.exposed.padEnd(parts.width)} \t${arrow} \t${row.other}${focus ? '' : ` : ${row.conn}`}`;
  const connlist = formatConnlist(view, 'txt');
  const lines = [header(view)];
  if (parts.egress.length > 0) lines.push('Egress Exposure:', ...parts.egress.map((row) => line(row, '=>')));
  if (parts.ingress.length > 0) lines.push(...(parts.egress.length > 0 ? [''] : []), 'Ingress Exposure:', ...parts.ingress.map((row) => line(row, '<=')));
  // With a focus connection np-guard leaves the unprotected summary out.
  if (parts.unprotected.length > 0 && !focus) lines.push('', 'Workloads not protected by network policies:', ...parts.unprotected);
  return (connlist === '' ? '' : `${connlist}\n\n`) + lines.join('\n');
}

function formatJson(view: ConnlistExposureView, parts: ExposureSections): string {
  const focus = focusConnectionText(view) !== undefined;
  const item = (src: string, dst: string, conn: string) => (focus ? { src, dst } : { src, dst, conn });
  // np-guard writes an empty section as null, but as [] when it filtered by a focus connection.
  const list = (rows: ExposureRow[], direction: Direction) =>
    rows.length === 0 && !focus ? null : rows.map((row) => (direction === 'ingress' ? item(row.other, row.exposed, row.conn) : item(row.exposed, row.other, row.conn)));
  return JSON.stringify(
    {
      [focus ? 'connlist_conn_focus_results' : 'connlist_results']: JSON.parse(formatConnlist(view, 'json')),
      [focus ? 'exposure_conn_focus_results' : 'exposure_results']: { egress_exposure: list(parts.egress, 'egress'), ingress_exposure: list(parts.ingress, 'ingress') },
    },
    null,
    2,
  );
}

function formatCsv(view: ConnlistExposureView, parts: ExposureSections): string {
  const focus = focusConnectionText(view) !== undefined;
  const row = (fields: string[]) => fields.map(csvField).join(',');
  const lines = [`${header(view)},,`];
  if (parts.egress.length > 0) {
    lines.push('Egress Exposure:,,', focus ? 'src,dst' : 'src,dst,conn', ...parts.egress.map((r) => row(focus ? [r.exposed, r.other] : [r.exposed, r.other, r.conn])));
  }
  if (parts.ingress.length > 0) {
    lines.push('Ingress Exposure:,,', focus ? 'dst,src' : 'dst,src,conn', ...parts.ingress.map((r) => row(focus ? [r.exposed, r.other] : [r.exposed, r.other, r.conn])));
  }
  return `${formatConnlist(view, 'csv')}${lines.join('\n')}\n`;
}

function formatMarkdown(view: ConnlistExposureView, parts: ExposureSections): string {
  const focus = focusConnectionText(view) !== undefined;
  const table = (columns: [string, string], rows: ExposureRow[]) => [
    focus ? `| ${columns[0]} | ${columns[1]} |` : `| ${columns[0]} | ${columns[1]} | conn |`,
    focus ? '|-----|-----|' : '|-----|-----|------|',
    ...rows.map((r) => (focus ? `| ${r.exposed} | ${r.other} |` : `| ${r.exposed} | ${r.other} | ${r.conn} |`)),
  ];
  const lines = [formatConnlist(view, 'md'), `## ${header(view)}`];
  if (parts.egress.length > 0) lines.push('### Egress Exposure:', ...table(['src', 'dst'], parts.egress));
  lines.push('');
  if (parts.ingress.length > 0) lines.push('### Ingress Exposure:', ...table(['dst', 'src'], parts.ingress));
  return lines.join('\n');
}

/** Exposure edges are dashed: into the workload dark orange (weight 1), out of it darker orange (weight 0.5). */
function formatDot(view: ConnlistExposureView, parts: ExposureSections): string {
  const groups = new Map<string, string[]>();
  const seen = new Set<string>();
  let entireCluster = false;
  const edges: string[] = [];
  for (const [direction, rows] of [['ingress', parts.ingress], ['egress', parts.egress]] as const) {
    for (const row of rows) {
      if (!row.node) continue;
      const { id, namespace, label } = row.node;
      if (namespace === undefined) entireCluster = true;
      else if (!seen.has(id)) {
        seen.add(id);
        groups.set(namespace, [...(groups.get(namespace) ?? []), `"${id}" [label="${label}" color="red2" fontcolor="red2"]`]);
      }
      edges.push(
        direction === 'ingress'
          ? `\t"${id}" -> "${row.exposed}" [label="${row.conn}" color="darkorange2" fontcolor="darkgreen" weight=1 style=dashed]`
          : `\t"${row.exposed}" -> "${id}" [label="${row.conn}" color="darkorange4" fontcolor="darkgreen" weight=0.5 style=dashed]`,
      );
    }
  }
  const nodes = entireCluster ? [`"${ENTIRE_CLUSTER}" [label="${ENTIRE_CLUSTER}" color="red2" fontcolor="red2" shape=diamond]`] : [];
  return formatConnlistDot(view, { peers: parts.exposedPeers, groups, nodes, edges });
}

export function formatConnlistExposure(view: ConnlistExposureView, format: ConnlistFormat): string {
  const parts = sections(view);
  switch (format) {
    case 'txt':
      return formatText(view, parts);
    case 'json':
      return formatJson(view, parts);
    case 'csv':
      return formatCsv(view, parts);
    case 'md':
      return formatMarkdown(view, parts);
    case 'dot':
      return formatDot(view, parts);
  }
}

