/**
 * Collapsing large columns. Fifty pod templates or twenty routes would make a picture
 * nobody can read, so past `maxPerKind` nodes of one kind the rest fold into one
 * "+K more …" group node (the webview expands it on click). Nodes on broken, blocked or
 * unknown hops are kept visible first: the problems are what a reader came to see.
 */
import type { EdgeStatus, GraphEdge, GraphNode, TrafficGraph } from '../../../server/src/protocol';
import { bandOf, pluralOf } from './explain';
import { oneLine, truncate } from './measure';

export interface CollapseOptions {
  /** Most nodes of one kind drawn before the rest fold into a group. Default 8. */
  maxPerKind?: number;
  /** Kinds the reader expanded: drawn in full. */
  expanded?: readonly string[];
}

/** A node as drawn: a graph node, or a group standing for several. */
export interface ViewNode extends GraphNode {
  group?: { count: number; members: string[] };
}

/** An edge as drawn: possibly several graph edges merged once their ends were grouped. */
export interface ViewEdge extends GraphEdge {
  id: string;
  merged: number;
}

export interface CollapsedGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Kinds that were collapsed (so the webview can offer to expand them). */
  collapsedKinds: string[];
}

export const DEFAULT_MAX_PER_KIND = 8;

const SEVERITY: Record<EdgeStatus, number> = { ok: 0, unknown: 1, blocked: 2, broken: 3 };
const severity = (s: EdgeStatus): number => SEVERITY[s] ?? 0;

/** Prefix of group node ids; real ids never start with it (the server uses short ids). */
export const GROUP_PREFIX = 'group:';

/** The graph reduced to what is drawn: unique nodes, resolvable edges, big kinds grouped. */
export function collapseGraph(graph: TrafficGraph, opts: CollapseOptions = {}): CollapsedGraph {
  const max = Math.max(2, opts.maxPerKind ?? DEFAULT_MAX_PER_KIND);
  const expanded = new Set(opts.expanded ?? []);
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) {
    if (byId.has(n.id)) continue; // a duplicate id would draw two boxes for one click target
    byId.set(n.id, n);
    nodes.push(n);
  }
  const edges = graph.edges.filter((e) => byId.has(e.from) && byId.has(e.to));

  const troubled = new Set<string>();
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    if (e.status !== 'ok') troubled.add(e.from).add(e.to);
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }

  // Kinds in band order, so a pod template's containers can prefer the visible pods.
  const kinds = [...new Set(nodes.map((n) => n.kind))].sort((a, b) => bandOf(a) - bandOf(b));
  const rep = new Map<string, string>(); // node id → id drawn for it
  const groups = new Map<string, ViewNode>();
  const visible = new Set<string>();
  const collapsedKinds: string[] = [];
  for (const kind of kinds) {
    const ofKind = nodes.filter((n) => n.kind === kind);
    if (ofKind.length <= max || expanded.has(kind)) {
      for (const n of ofKind) {
        rep.set(n.id, n.id);
        visible.add(n.id);
      }
      continue;
    }
    const score = (n: GraphNode): number =>
      (troubled.has(n.id) ? 2 : 0) + ((neighbours.get(n.id) ?? []).some((m) => visible.has(m)) ? 1 : 0);
    const ranked = ofKind.map((n, i) => ({ n, i, s: score(n) })).sort((a, b) => b.s - a.s || a.i - b.i);
    const keep = new Set(ranked.slice(0, max - 1).map((r) => r.n.id));
    let groupId = `${GROUP_PREFIX}${kind}`;
    while (byId.has(groupId)) groupId += '_';
    const hidden = ofKind.filter((n) => !keep.has(n.id));
    const names = hidden.slice(0, 3).map((n) => oneLine(n.label));
    groups.set(groupId, {
      id: groupId,
      kind,
      label: `+${hidden.length} more ${pluralOf(kind)}`,
      detail: [truncate(names.join(', ') + (hidden.length > 3 ? ', …' : ''), 40)],
      group: { count: hidden.length, members: hidden.map((n) => n.id) },
    });
    collapsedKinds.push(kind);
    for (const n of ofKind) {
      const drawnAs = keep.has(n.id) ? n.id : groupId;
      rep.set(n.id, drawnAs);
      if (keep.has(n.id)) visible.add(n.id);
    }
  }

  // Keep graph order for visible nodes (the server's order is meaningful), groups at the end of their kind.
  const out: ViewNode[] = [];
  for (const kind of kinds) {
    for (const n of nodes) if (n.kind === kind && rep.get(n.id) === n.id) out.push(n);
    for (const g of groups.values()) if (g.kind === kind) out.push(g);
  }

  const merged = new Map<string, ViewEdge>();
  edges.forEach((e, index) => {
    const from = rep.get(e.from) ?? e.from;
    const to = rep.get(e.to) ?? e.to;
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    const prev = merged.get(key);
    if (!prev) {
      const grouped = from !== e.from || to !== e.to;
      merged.set(key, { ...e, from, to, id: grouped ? `m:${from}>${to}` : `e${index}`, merged: 1 });
      return;
    }
    // The worst status wins so a hidden broken hop still shows red on the group edge.
    const worse = severity(e.status) > severity(prev.status);
    const next: ViewEdge = worse ? { ...e, from, to, id: prev.id, merged: prev.merged } : prev;
    next.merged = prev.merged + 1;
    if (prev.label !== e.label) delete next.label;
    merged.set(key, next);
  });
  return { nodes: out, edges: [...merged.values()], collapsedKinds };
}
