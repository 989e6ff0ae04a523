/**
 * The one drawing module: layout → a plain virtual element tree. The webview puts the
 * tree into the DOM with d3 (dom.ts); the CLI serialises it to a file (svgString.ts).
 * Keeping both on this tree is what makes the exported SVG the picture on screen.
 * Text lives only in `text` (never parsed as markup); attribute names are constants here.
 */
import type { GraphNode, TrafficGraph } from '../../../server/src/protocol';
import { categoryOf, edgeTooltip, graphSubtitle, graphTitle, nodeTooltip } from './explain';
import { layoutGraph, METRICS, type Layout, type LayoutEdge, type LayoutNode, type LayoutOptions } from './layout';
import { SANS_EM, textWidth, wrapAll } from './measure';

/** A virtual SVG element: what dom.ts joins into the page and svgString.ts serialises. */
export interface VNode {
  tag: string;
  attrs: Record<string, string>;
  /** Plain text content (for text and title elements); never markup. */
  text?: string;
  children: VNode[];
}

export interface DrawOptions extends LayoutOptions {
  /** Focusable nodes with button semantics (the webview); off for files. */
  interactive?: boolean;
}

const M = METRICS;
const STATUSES = ['ok', 'broken', 'blocked', 'unknown'] as const;

export function el(tag: string, attrs: Record<string, string | number> = {}, children: VNode[] = []): VNode {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) a[k] = String(v);
  return { tag, attrs: a, children };
}

function txt(tag: string, attrs: Record<string, string | number>, text: string): VNode {
  return { ...el(tag, attrs), text };
}

/** Draws `graph` (laid out with `opts`) as a virtual `<svg>` tree. Also returns the layout. */
export function drawGraph(graph: TrafficGraph, opts: DrawOptions = {}): { tree: VNode; layout: Layout } {
  const layout = layoutGraph(graph, opts);
  return { tree: drawLayout(graph, layout, opts.interactive ?? false), layout };
}

/** Draws an existing layout of `graph`. */
export function drawLayout(graph: TrafficGraph, layout: Layout, interactive: boolean): VNode {
  const byId = new Map<string, GraphNode>(layout.nodes.map((n) => [n.id, n.node]));
  const troubled = new Map<string, string>();
  for (const e of layout.edges) {
    if (e.status === 'broken') troubled.set(e.to, 'has-broken');
    else if (e.status === 'blocked' && !troubled.has(e.to)) troubled.set(e.to, 'has-blocked');
  }

  const names = accessibleNames(layout.nodes);
  const legendTop = layout.height;
  const legend = drawLegend(legendTop);
  const diagnostics = drawDiagnostics(graph, legendTop + legend.h);
  const width = Math.ceil(Math.max(layout.width, legend.w + 2 * M.margin, diagnostics.w + 2 * M.margin));
  const height = Math.ceil(legendTop + legend.h + diagnostics.h + M.margin / 2);

  const scene = el('g', { class: 'pp-scene' }, [
    drawHeader(graph, layout),
    el(
      'g',
      { class: 'pp-edges' },
      layout.edges.map((e) => drawEdge(e, byId)),
    ),
    el(
      'g',
      { class: 'pp-edge-labels' },
      layout.edges.flatMap((e) => drawEdgeLabel(e, byId)),
    ),
    el(
      'g',
      { class: 'pp-nodes' },
      layout.nodes.map((n) => drawNode(n, troubled.get(n.id), interactive, names.get(n.id) ?? n.label)),
    ),
    legend.node,
    diagnostics.node,
  ]);
  const title = `Traffic path of ${graphTitle(graph)}`;
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      class: 'pp-svg',
      role: 'img',
      'aria-label': title,
      'data-direction': layout.direction,
    },
    [txt('title', {}, title), drawMarkers(), ...(interactive ? [] : [el('rect', { class: 'pp-bg', x: 0, y: 0, width, height })]), scene],
  );
}

function drawMarkers(): VNode {
  return el(
    'defs',
    {},
    [...STATUSES, 'policy'].map((s) =>
      el(
        'marker',
        {
          id: `pp-arrow-${s}`,
          viewBox: '0 0 10 10',
          refX: 10,
          refY: 5,
          markerWidth: 9,
          markerHeight: 9,
          markerUnits: 'userSpaceOnUse',
          orient: 'auto',
        },
        [el('path', { d: 'M0,0L10,5L0,10z', class: `pp-arrow ${s}` })],
      ),
    ),
  );
}

function drawHeader(graph: TrafficGraph, layout: Layout): VNode {
  const children: VNode[] = [
    txt('text', { class: 'pp-title', x: M.margin, y: M.margin + 14 }, graphTitle(graph)),
    txt('text', { class: 'pp-subtitle', x: M.margin, y: M.margin + 32 }, graphSubtitle(graph)),
  ];
  for (const col of layout.columns) {
    if (!col.title) continue;
    if (layout.direction === 'tb') {
      // Rows: the title sits left of the row's first boxes.
      const y = col.x + 14;
      children.push(txt('text', { class: 'pp-column-title', x: M.margin, y }, col.title));
      children.push(el('line', { class: 'pp-column-rule', x1: M.margin, x2: M.margin + M.rowTitleW - 16, y1: y + 5, y2: y + 5 }));
      continue;
    }
    const y = M.margin + M.headerH - 16;
    children.push(txt('text', { class: 'pp-column-title', x: col.x, y }, col.title));
    children.push(el('line', { class: 'pp-column-rule', x1: col.x, x2: col.x + Math.min(col.w, 120), y1: y + 5, y2: y + 5 }));
  }
  return el('g', { class: 'pp-header' }, children);
}

/**
 * What a screen reader (and a test) calls each node: caption, whole label and where its YAML
 * lives; a number tells apart any two that would still read the same.
 */
function accessibleNames(nodes: readonly LayoutNode[]): Map<string, string> {
  const base = new Map(nodes.map((n) => [n.id, `${n.caption}: ${n.label}${n.where ? `, ${n.where}` : ''}`]));
  const count = new Map<string, number>();
  for (const v of base.values()) count.set(v, (count.get(v) ?? 0) + 1);
  const nth = new Map<string, number>();
  const out = new Map<string, string>();
  for (const [id, v] of base) {
    if ((count.get(v) ?? 0) < 2) {
      out.set(id, v);
      continue;
    }
    const i = (nth.get(v) ?? 0) + 1;
    nth.set(v, i);
    out.set(id, `${v} (${i} of ${count.get(v)})`);
  }
  return out;
}

function drawNode(n: LayoutNode, trouble: string | undefined, interactive: boolean, name: string): VNode {
  const revealable = !!n.node.source && !n.node.group;
  const classes = ['pp-node', `kind-${n.kind}`, `cat-${categoryOf(n.kind)}`];
  if (trouble) classes.push(trouble);
  if (n.node.group) classes.push('group');
  if (revealable) classes.push('revealable');
  const attrs: Record<string, string | number> = {
    class: classes.join(' '),
    'data-node-id': n.id,
    transform: `translate(${n.x},${Math.round(n.y * 10) / 10})`,
  };
  if (interactive) {
    // Every node can be reached with Tab and the arrow keys; those that do something are buttons.
    attrs.tabindex = 0;
    attrs.role = revealable || n.node.group ? 'button' : 'img';
    const action = n.node.group ? ' Press Enter to expand.' : revealable ? ' Press Enter to open its YAML.' : '';
    attrs['aria-label'] = `${name}.${action}`;
  }
  const textX = M.stripe + M.padX;
  const children: VNode[] = [
    txt('title', {}, nodeTooltip(n.node, n.node.group?.count)),
    el('rect', { class: 'pp-box', x: 0, y: 0, width: n.w, height: n.h, rx: 6, ry: 6 }),
    el('path', { class: 'pp-stripe', d: `M6,0V${n.h}A6,6 0 0 1 0,${n.h - 6}V6A6,6 0 0 1 6,0Z` }),
    txt('text', { class: 'pp-caption', x: textX, y: M.padY + 9 }, n.caption),
    ...n.labelLines.map((line, i) => txt('text', { class: 'pp-label', x: textX, y: M.padY + M.captionLine + 12 + i * M.labelLine }, line)),
  ];
  n.details.forEach((d, i) => {
    const y = M.padY + M.captionLine + M.labelLine * n.labelLines.length + i * M.detailLine + 10;
    children.push(txt('text', { class: 'pp-detail', x: textX, y }, d));
  });
  return el('g', attrs, children);
}

function drawEdge(e: LayoutEdge, byId: Map<string, GraphNode>): VNode {
  const classes = ['pp-edge', e.status];
  if (e.sameColumn) classes.push('same-column');
  const tip = edgeTooltip(e.edge, byId.get(e.from), byId.get(e.to), e.edge.merged);
  // A resolving bracket is a NetworkPolicy selecting pods: a style of its own ("selects"),
  // never the dotted orange of a blocked hop.
  const selects = e.sameColumn && e.status === 'ok';
  if (selects) classes.push('selects');
  const arrow = selects ? 'policy' : e.status;
  const attrs: Record<string, string> = { class: classes.join(' '), 'data-edge-id': e.id, 'data-from': e.from, 'data-to': e.to };
  if (e.edge.rule) attrs['data-rule'] = e.edge.rule;
  return el('g', attrs, [
    txt('title', {}, tip),
    el('path', { class: 'pp-edge-hit', d: e.path }),
    el('path', { class: 'pp-edge-line', d: e.path, 'marker-end': `url(#pp-arrow-${arrow})` }),
  ]);
}

function drawEdgeLabel(e: LayoutEdge, byId: Map<string, GraphNode>): VNode[] {
  const l = e.label;
  if (!l) return [];
  const children: VNode[] = [
    txt('title', {}, edgeTooltip(e.edge, byId.get(e.from), byId.get(e.to), e.edge.merged)),
    el('rect', { x: l.x, y: l.y, width: l.w, height: l.h, rx: 4, ry: 4 }),
  ];
  l.lines.forEach((line, i) => {
    const y = Math.round((l.y + M.edgeLabelPadY + i * M.edgeLabelLine + 10.5) * 10) / 10;
    children.push(txt('text', { class: line.role, x: l.x + M.edgeLabelPadX, y }, line.text));
  });
  return [el('g', { class: `pp-edge-label ${e.status}`, 'data-edge-id': e.id }, children)];
}

/** Each edge style of the picture, once: [classes, arrow, text]. */
const LEGEND_EDGES: [string, string, string][] = [
  ['ok', 'ok', 'resolves'],
  ['broken', 'broken', 'broken: rule and reason'],
  ['blocked', 'blocked', 'blocked by a NetworkPolicy'],
  ['unknown', 'unknown', 'unknown: outside the workspace'],
  ['ok same-column selects', 'policy', 'NetworkPolicy selects these Pods'],
];
const LEGEND_KINDS: [string, string][] = [
  ['wayin', 'ways in'],
  ['service', 'Service'],
  ['pod', 'Pods'],
  ['container', 'containers'],
  ['policy', 'NetworkPolicy'],
];

function drawLegend(top: number): { node: VNode; w: number; h: number } {
  const children: VNode[] = [];
  let x = M.margin;
  const y1 = top + 8;
  for (const [classes, arrow, text] of LEGEND_EDGES) {
    children.push(
      el('g', { class: `pp-edge ${classes}` }, [
        el('path', { class: 'pp-edge-line', d: `M${x},${y1}H${x + 26}`, 'marker-end': `url(#pp-arrow-${arrow})` }),
      ]),
      txt('text', { x: x + 34, y: y1 + 4 }, text),
    );
    x += 34 + textWidth(text, 11, SANS_EM) + 22;
  }
  const w1 = x - M.margin;
  x = M.margin;
  const y2 = top + 30;
  for (const [cat, text] of LEGEND_KINDS) {
    children.push(el('rect', { class: `cat-${cat}`, x, y: y2 - 5, width: 10, height: 10, rx: 2, ry: 2 }));
    children.push(txt('text', { x: x + 16, y: y2 + 4 }, text));
    x += 16 + textWidth(text, 11, SANS_EM) + 22;
  }
  return { node: el('g', { class: 'pp-legend' }, children), w: Math.max(w1, x - M.margin), h: 44 };
}

const MAX_DIAGNOSTICS = 6;

function drawDiagnostics(graph: TrafficGraph, top: number): { node: VNode; w: number; h: number } {
  const shown = graph.diagnostics.slice(0, MAX_DIAGNOSTICS);
  // Wrapped, never cut: the exported picture must say the whole finding.
  const lines = shown.flatMap((d) =>
    wrapAll(`${d.severity}: ${d.message} [${d.rule}]`, 110, 8).map((text, i) => ({ cls: d.severity, text: i ? `    ${text}` : text })),
  );
  if (graph.diagnostics.length > shown.length) {
    lines.push({ cls: 'info', text: `… and ${graph.diagnostics.length - shown.length} more` });
  }
  const children = lines.map((l, i) => txt('text', { class: l.cls, x: M.margin, y: top + 14 + i * 16 }, l.text));
  const w = Math.max(0, ...lines.map((l) => textWidth(l.text, 11, SANS_EM)));
  return { node: el('g', { class: 'pp-diagnostics' }, children), w, h: lines.length ? lines.length * 16 + 8 : 0 };
}
