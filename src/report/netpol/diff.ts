/**
 * Connectivity-diff formatters in np-guard's formats (txt, csv, md, dot): changed, then added, then removed
 * lines; `ref1`/`ref2` are the first and second input; dot colours edges by kind and nodes by presence.
 */
import { peerId, type NetpolPeer } from '../../analysers/netpol/connections.js';
import type { ConnectionDiff } from '../../analysers/netpol/diff.js';
import { csvField, dotNodeSections, edgeLine } from './connlist.js';

export const DIFF_FORMATS = ['txt', 'csv', 'md', 'dot'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const EDGE_COLORS = { added: '#008000', removed: 'red2', changed: 'magenta', unchanged: 'grey' } as const;

const DOT_LEGEND = `	nodesep=0.5
	subgraph cluster_legend {
		label="Legend"
		fontsize = 10
		margin=0
		a [style=invis height=0 width=0]
		b [style=invis height=0 width=0]
		c [style=invis height=0 width=0]
		d [style=invis height=0 width=0]
		e [style=invis height=0 width=0]
		f [style=invis height=0 width=0]
		g [style=invis height=0 width=0]
		h [style=invis height=0 width=0]
		{rank=source a b c d}
		{rank=same e f g h}
		a -> b [label="added connection", color="#008000" fontcolor="#008000" fontsize = 10 arrowsize=0.2]
		c -> d [label="removed connection", color="red2" fontcolor="red2" fontsize = 10 arrowsize=0.2]
		e -> f [label="changed connection", color="magenta" fontcolor="magenta" fontsize = 10 arrowsize=0.2]
		g -> h [label="unchanged connection", color="grey" fontcolor="grey" fontsize = 10 arrowsize=0.2]
		np [label="new peer" color="#008000" fontcolor="#008000" fontsize = 10]
		lp [label="lost peer" color="red" fontcolor="red" fontsize = 10]
		pp [label="persistent peer" color="blue" fontcolor="blue" fontsize = 10]
		{rank=sink np lp pp}
		np->lp [style=invis]
		lp->pp [style=invis]
	}`;

export interface DiffView {
  /** Changed, added and removed lines; dot also draws the unchanged ones. */
  diffs: readonly ConnectionDiff[];
  /** Ids of every peer (workloads and external ranges) of each side, to colour dot nodes. */
  peersBefore: ReadonlySet<string>;
  peersAfter: ReadonlySet<string>;
}

export function formatDiff(view: DiffView, format: DiffFormat): string {
  const lines = view.diffs.filter((d) => d.kind !== 'unchanged');
  // np-guard prints nothing at all, in every format, when the two sides connect the same.
  if (lines.length === 0) return '';
  const fields = (d: ConnectionDiff) => [d.kind, peerId(d.src), peerId(d.dst), d.before.toString(), d.after.toString(), d.workloadsInfo ?? ''];
  switch (format) {
    case 'txt': {
      const body = lines.map((d) => {
        const [kind, src, dst, ref1, ref2, info] = fields(d);
        return `diff-type: ${kind}, source: ${src}, destination: ${dst}, ref1: ${ref1}, ref2: ${ref2}${info ? `, workloads-diff-info: ${info}` : ''}`;
      });
      return ['Connectivity diff:', ...body].join('\n');
    }
    case 'csv':
      return ['diff-type,source,destination,ref1,ref2,workloads-diff-info', ...lines.map((d) => fields(d).map(csvField).join(','))].join('\n') + '\n';
    case 'md':
      return [
        '| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |',
        '|-----------|--------|-------------|------|------|---------------------|',
        ...lines.map((d) => `| ${fields(d).join(' | ')} |`),
      ].join('\n');
    case 'dot':
      return formatDiffDot(view);
  }
}

function formatDiffDot(view: DiffView): string {
  const peers: NetpolPeer[] = [];
  for (const d of view.diffs) peers.push(d.src, d.dst);
  const colorOf = (peer: NetpolPeer) => {
    const id = peerId(peer);
    if (view.peersBefore.has(id) && view.peersAfter.has(id)) return 'blue';
    return view.peersAfter.has(id) ? '#008000' : 'red';
  };
  const edges = view.diffs
    .map((d) => {
      const src = peerId(d.src);
      const dst = peerId(d.dst);
      const label = d.kind === 'changed' ? `${d.after} (ref1: ${d.before})` : d.kind === 'removed' ? d.before.toString() : d.after.toString();
      return edgeLine(src, dst, label, EDGE_COLORS[d.kind], EDGE_COLORS[d.kind]);
    })
    .sort();
  return ['digraph {', ...dotNodeSections(peers, colorOf), ...edges, DOT_LEGEND, '}'].join('\n');
}
