/**
 * Pure layout: TrafficGraph → positioned boxes, edge paths and edge labels. No DOM, so
 * the CLI (`trace --format svg`) and the webview get the same picture. Layers follow the
 * node kind — ways in → Service (one lane per port) → pods → containers — with
 * NetworkPolicies beside the pods they select. Edges that skip a layer pass through a
 * reserved slot in it (a "dummy"), so no edge crosses a box.
 *
 * Direction: layers go left to right (`lr`, for wide panels) or top to bottom (`tb`, for
 * tall or narrow ones). The algorithm works in layer coordinates — `x` along the layers,
 * `y` across them — and `tb` transposes the result at the end; text stays horizontal, so
 * only the boxes' extents swap, never their contents.
 */
import type { EdgeStatus, TrafficGraph } from '../../../server/src/protocol';
import { collapseGraph, type CollapseOptions, type ViewEdge, type ViewNode } from './collapse';
import { assignColumns, labelBox, measureNode } from './boxes';
import { BAND_TITLES, captionOf, edgeLabelLines, whereOf, type LabelLine } from './explain';
import { METRICS } from './metrics';
import { oneLine } from './measure';
import { curveYAt, placeLabels, type LabelSlot, type Point } from './labels';
import { orderColumns, placeColumns, type Item } from './place';

export { METRICS } from './metrics';

export type Direction = 'lr' | 'tb';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LayoutNode extends Box {
  id: string;
  kind: string;
  node: ViewNode;
  caption: string;
  /** The whole label on one line (accessible names, tests). */
  label: string;
  /** The label as drawn: wrapped, never cut unless it runs past maxLabelLines. */
  labelLines: string[];
  details: string[];
  /** Where its YAML lives ("shop/web.yaml:12"), when it stands for YAML. */
  where?: string;
  column: number;
  band: number;
}

export interface EdgeLabel extends Box {
  lines: LabelLine[];
  /** How many edges (into one box, with this same text) the label stands for. */
  shared: number;
}

export interface LayoutEdge {
  id: string;
  from: string;
  to: string;
  status: EdgeStatus;
  edge: ViewEdge;
  /** SVG path data from the source box to the target box (arrowhead at the end). */
  path: string;
  /** Joins two boxes of one column (a NetworkPolicy and its pods): drawn as a side bracket. */
  sameColumn: boolean;
  label?: EdgeLabel;
}

export interface LayoutColumn {
  /** Position and extent along the layers: x and width for `lr`, y and height for `tb`. */
  x: number;
  w: number;
  band: number;
  /** Set on the first column of each band: "Ways in", "Service", "Pods", "Containers". */
  title?: string;
}

export interface Layout {
  direction: Direction;
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  columns: LayoutColumn[];
  collapsedKinds: string[];
}

export interface LayoutOptions extends CollapseOptions {
  direction?: Direction;
}

const M = METRICS;
const r1 = (v: number): number => Math.round(v * 10) / 10;

/** Layer coordinates → picture coordinates. */
type Flip = (p: Point) => Point;
const keep: Flip = (p) => p;
const transpose: Flip = (p) => ({ x: p.y, y: p.x });
const at = (flip: Flip, p: Point): string => {
  const q = flip(p);
  return `${r1(q.x)},${r1(q.y)}`;
};

/** A cubic with tangents along the layers between consecutive points; straight where level. */
function pathThrough(points: Point[], flip: Flip): string {
  let d = '';
  points.forEach((p, i) => {
    if (i === 0) {
      d = `M${at(flip, p)}`;
      return;
    }
    const a = points[i - 1]!;
    if (Math.abs(a.y - p.y) < 0.05) d += `L${at(flip, p)}`;
    else {
      const mx = r1((a.x + p.x) / 2);
      d += `C${at(flip, { x: mx, y: a.y })} ${at(flip, { x: mx, y: p.y })} ${at(flip, p)}`;
    }
  });
  return d;
}

interface Route {
  edge: ViewEdge;
  /** Item ids left to right (source first unless reversed). */
  chain: string[];
  reversed: boolean;
  sameColumn: boolean;
}

/** Lays the graph out. Deterministic: the same graph and options give the same numbers. */
export function layoutGraph(graph: TrafficGraph, opts: LayoutOptions = {}): Layout {
  const { nodes, edges, collapsedKinds } = collapseGraph(graph, opts);
  const direction: Direction = opts.direction ?? 'lr';
  const tb = direction === 'tb';
  const flip = tb ? transpose : keep;
  const colOf = assignColumns(nodes, edges);
  const nCols = nodes.length ? Math.max(...colOf.values()) + 1 : 0;
  const wheres = new Map(nodes.map((n) => [n.id, whereOf(n)]));
  const readsAs = (n: ViewNode): string => `${captionOf(n.kind, graph.service.type)}\u0000${oneLine(n.label)}`;
  const seen = new Map<string, number>();
  for (const n of nodes) seen.set(readsAs(n), (seen.get(readsAs(n)) ?? 0) + 1);
  const boxes = new Map(
    nodes.map((n) => [n.id, measureNode(n, colOf.get(n.id) ?? 0, graph.service.type, wheres.get(n.id), seen.get(readsAs(n)) === 1)]),
  );
  // Layer coordinates: x along the layers, y across them.
  if (tb) for (const b of boxes.values()) [b.w, b.h] = [b.h, b.w];
  const columns: Item[][] = Array.from({ length: nCols }, () => []);
  for (const b of boxes.values()) columns[b.column]!.push({ id: b.id, h: b.h, dummy: false, y: 0 });

  // Routes: each edge becomes a chain of items in consecutive columns.
  const left = new Map<string, string[]>();
  const right = new Map<string, string[]>();
  const partners = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string): void => void m.set(k, [...(m.get(k) ?? []), v]);
  const routes: Route[] = edges.map((edge) => {
    const cf = colOf.get(edge.from) ?? 0;
    const ct = colOf.get(edge.to) ?? 0;
    if (cf === ct) {
      push(partners, edge.from, edge.to);
      push(partners, edge.to, edge.from);
      return { edge, chain: [edge.from, edge.to], reversed: false, sameColumn: true };
    }
    const reversed = ct < cf;
    const [a, b, ca, cb] = reversed ? [edge.to, edge.from, ct, cf] : [edge.from, edge.to, cf, ct];
    const chain = [a];
    for (let c = ca + 1; c < cb; c++) {
      const id = `${edge.id}#${c}`;
      columns[c]!.push({ id, h: M.dummyH, dummy: true, y: 0 });
      chain.push(id);
    }
    chain.push(b);
    for (let i = 1; i < chain.length; i++) {
      push(right, chain[i - 1]!, chain[i]!);
      push(left, chain[i]!, chain[i - 1]!);
    }
    return { edge, chain, reversed, sameColumn: false };
  });

  orderColumns(columns, left, right);
  // A node tied only to partners in its own column (a NetworkPolicy and its pods) goes
  // right after the last of them, so the bracket joining them stays short.
  for (const col of columns) {
    const loners = col.filter((it) => partners.has(it.id) && !left.has(it.id) && !right.has(it.id));
    for (const it of loners) {
      col.splice(col.indexOf(it), 1);
      const last = Math.max(...(partners.get(it.id) ?? []).map((p) => col.findIndex((x) => x.id === p)));
      col.splice(last + 1, 0, it);
    }
  }
  const neighbours = new Map<string, string[]>();
  for (const m of [left, right, partners]) for (const [k, vs] of m) for (const v of vs) push(neighbours, k, v);
  placeColumns(columns, neighbours, M.nodeGap, M.dummyGap);

  // Where the boxes start across the layers (`top`) and along them (`start`).
  const top = tb ? M.margin + M.rowTitleW : M.margin + M.headerH;
  const start = tb ? M.margin + M.tbHeaderH : M.margin;
  const minY = Math.min(...columns.flat().map((it) => it.y));
  const items = new Map<string, Item>();
  for (const it of columns.flat()) {
    it.y += top - minY;
    items.set(it.id, it);
  }

  // Edge labels sit in the gap next to the target box; gaps widen to fit them. Edges into
  // one box with the same text (three Service ports → "targetPort 9000") share one label,
  // or a big column would drown in copies.
  const labelled: { routes: Route[]; label: EdgeLabel; gap: number }[] = [];
  const byText = new Map<string, (typeof labelled)[number]>();
  for (const route of routes) {
    const lines = edgeLabelLines(route.edge, boxes.get(route.edge.from)?.node, boxes.get(route.edge.to)?.node);
    if (!lines.length) continue;
    const ct = colOf.get(route.edge.to) ?? 0;
    const gap = route.sameColumn ? ct - 1 : route.reversed ? ct : ct - 1;
    if (gap < 0 || gap >= nCols - 1) continue; // no gap to put it in; the tooltip still has it
    const key = JSON.stringify([gap, route.edge.to, route.edge.status, route.sameColumn, route.reversed, lines]);
    const shared = byText.get(key);
    if (shared) shared.routes.push(route);
    else {
      const entry = { routes: [route], label: labelBox(lines, tb), gap };
      byText.set(key, entry);
      labelled.push(entry);
    }
  }
  const colW = columns.map((c) => Math.max(0, ...c.map((it) => boxes.get(it.id)?.w ?? 0)));
  const gapW = colW
    .slice(1)
    .map((_, g) =>
      Math.max(
        M.minColumnGap,
        ...labelled
          .filter((l) => l.gap === g)
          .map((l) => l.label.w + 2 * M.labelPad + M.labelLead + (l.routes[0]?.sameColumn ? M.bracket : 0)),
      ),
    );
  const colX: number[] = [];
  let x = start;
  colW.forEach((w, c) => {
    colX.push(x);
    x += w + (gapW[c] ?? 0);
  });
  for (const b of boxes.values()) {
    b.x = colX[b.column] ?? 0;
    b.y = items.get(b.id)?.y ?? 0;
  }

  // Ports on each side of a box are spread by the height of what they lead to.
  const attach = new Map<string, { key: string; towards: number }[]>();
  const centreOf = (id: string): number => {
    const it = items.get(id);
    return it ? it.y + it.h / 2 : 0;
  };
  const sideKey = (id: string, side: 'l' | 'r'): string => `${id}|${side}`;
  for (const r of routes) {
    const [a, b] = [r.chain[0]!, r.chain[r.chain.length - 1]!];
    const [sa, sb] = r.sameColumn ? (['l', 'l'] as const) : (['r', 'l'] as const);
    if (r.sameColumn && colOf.get(a) === 0) continue; // drawn on the right below, unspread
    push2(attach, sideKey(a, sa), { key: r.edge.id, towards: centreOf(r.chain[1]!) });
    push2(attach, sideKey(b, sb), { key: r.edge.id, towards: centreOf(r.chain[r.chain.length - 2]!) });
  }
  const portY = (id: string, side: 'l' | 'r', edgeId: string): number => {
    const b = boxes.get(id)!;
    const list = [...(attach.get(sideKey(id, side)) ?? [])].sort((p, q) => p.towards - q.towards);
    const i = Math.max(
      0,
      list.findIndex((p) => p.key === edgeId),
    );
    const step = list.length > 1 ? Math.min(10, (b.h - 16) / (list.length - 1)) : 0;
    return b.y + b.h / 2 + (i - (list.length - 1) / 2) * step;
  };

  const targetEnd = new Map<string, { a: Point; b: Point }>();
  const out: LayoutEdge[] = routes.map((r) => {
    const { edge } = r;
    let path: string;
    if (r.sameColumn) {
      const a = boxes.get(edge.from)!;
      const b = boxes.get(edge.to)!;
      const onLeft = a.column > 0;
      const xa = onLeft ? a.x : a.x + a.w;
      const xb = onLeft ? b.x : b.x + b.w;
      const bend = onLeft ? -M.bracket : M.bracket;
      const ya = onLeft ? portY(a.id, 'l', edge.id) : a.y + a.h / 2;
      const yb = onLeft ? portY(b.id, 'l', edge.id) : b.y + b.h / 2;
      path = `M${at(flip, { x: xa, y: ya })}C${at(flip, { x: xa + bend, y: ya })} ${at(flip, { x: xb + bend, y: yb })} ${at(flip, { x: xb, y: yb })}`;
    } else {
      const first = boxes.get(r.chain[0]!)!;
      const last = boxes.get(r.chain[r.chain.length - 1]!)!;
      const pts: Point[] = [{ x: first.x + first.w, y: portY(first.id, 'r', edge.id) }];
      // A dummy crosses its whole column level, from the column's left edge to its right.
      r.chain.slice(1, -1).forEach((id, k) => {
        const c = first.column + 1 + k;
        const y = centreOf(id);
        pts.push({ x: colX[c] ?? 0, y }, { x: (colX[c] ?? 0) + (colW[c] ?? 0), y });
      });
      pts.push({ x: last.x, y: portY(last.id, 'l', edge.id) });
      if (r.reversed) pts.reverse();
      path = pathThrough(pts, flip);
      targetEnd.set(edge.id, { a: pts[pts.length - 2]!, b: pts[pts.length - 1]! });
    }
    return { id: edge.id, from: edge.from, to: edge.to, status: edge.status, edge, path, sameColumn: r.sameColumn };
  });

  // Labels hug their target box: right-aligned before it (or left-aligned after it for a
  // hop drawn right to left), at the height where their curve passes.
  const slots = labelled.map((l): LabelSlot => {
    const { w, h } = l.label;
    const r = l.routes[0]!;
    const ct = colOf.get(r.edge.to) ?? 0;
    // A bracket's label sits just outside its bend (the bend reaches ¾ of M.bracket).
    const x = r.sameColumn
      ? (colX[ct] ?? 0) - M.bracket * 0.75 - 4 - w
      : r.reversed
        ? (colX[ct] ?? 0) + (colW[ct] ?? 0) + M.labelPad
        : (colX[ct] ?? 0) - M.labelPad - w;
    const ys = l.routes.map((route) => {
      const seg = targetEnd.get(route.edge.id);
      return seg ? curveYAt(seg.a, seg.b, x + w / 2) : (centreOf(route.edge.from) + centreOf(route.edge.to)) / 2;
    });
    return { gap: l.gap, x, w, h, wantY: mean(ys), y: 0 };
  });
  placeLabels(slots, M.edgeLabelGap, top);
  labelled.forEach((l, i) => {
    const slot = slots[i]!;
    const e = out.find((o) => o.id === l.routes[0]?.edge.id);
    if (!e) return;
    const { w, h } = l.label;
    e.label = tb
      ? { ...l.label, x: r1(slot.y), y: r1(slot.x), w: h, h: w, shared: l.routes.length }
      : { ...l.label, x: r1(slot.x), y: r1(slot.y), shared: l.routes.length };
  });
  // Back to picture coordinates.
  if (tb) for (const b of boxes.values()) [b.x, b.y, b.w, b.h] = [b.y, b.x, b.h, b.w];

  const columnsOut: LayoutColumn[] = colW.map((w, c) => ({ x: colX[c] ?? 0, w, band: -1 }));
  for (const b of boxes.values()) {
    const col = columnsOut[b.column];
    if (col && (col.band === -1 || b.band < col.band)) col.band = b.band;
  }
  const titled = new Set<number>();
  for (const col of columnsOut) {
    if (titled.has(col.band)) continue;
    titled.add(col.band);
    col.title = BAND_TITLES[col.band];
  }
  const all: Box[] = [...boxes.values(), ...out.flatMap((e) => (e.label ? [e.label] : []))];
  const width = Math.max(M.margin * 2 + 200, ...all.map((b) => b.x + b.w + M.margin));
  const height = Math.max(top + M.margin, ...all.map((b) => b.y + b.h + M.margin));
  return {
    direction,
    width: Math.ceil(width),
    height: Math.ceil(height),
    nodes: [...boxes.values()],
    edges: out,
    columns: columnsOut,
    collapsedKinds,
  };
}

const mean = (vs: number[]): number => vs.reduce((a, b) => a + b, 0) / Math.max(1, vs.length);

function push2<T>(m: Map<string, T[]>, k: string, v: T): void {
  m.set(k, [...(m.get(k) ?? []), v]);
}
