/**
 * The traffic-path panel page. Runs under the panel's CSP (`default-src 'none'`, script
 * and style by nonce): every element is built with DOM calls, every handler attached with
 * addEventListener, the stylesheet is one `<style>` carrying the script's own nonce.
 * Message loop: the host sends `graph`/`requestSvg`; we send `ready`, `reveal`,
 * `exportSvg`, `copySvg`. State (graph, zoom, expanded groups) survives reloads via
 * vscode.setState, because the panel is not kept alive while hidden.
 */
import { select, zoom, zoomIdentity, zoomTransform } from 'd3';
import type { TrafficGraph, TrafficTarget, WebviewToHost } from '../../server/src/protocol';
import { drawGraph, type VNode } from './render/draw';
import { renderInto } from './render/dom';
import { BAND_SERVICE, graphTitle } from './render/explain';
import type { Layout } from './render/layout';
import { pictureCss, panelCss } from './render/style';
import { renderSvg } from './render/svgString';
import { parseHostMessage, parseState, type PanelState } from './validate';
import { neighbourInDirection } from './render/keys';
import { chooseDirection, hiddenCount, initialView, unionOf, viewAt, type View } from './render/view';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
// Read while the script runs: currentScript is null in later callbacks.
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; id?: string } = {},
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.id) e.id = props.id;
  if (props.text !== undefined) e.textContent = props.text;
  return e;
}

const style = h('style');
style.nonce = nonce;
style.textContent = panelCss() + pictureCss(true);
document.head.append(style);

const app = h('div', { id: 'pp-app' });
const toolbar = h('div', { class: 'pp-toolbar' });
toolbar.setAttribute('role', 'toolbar');
const title = h('span', { class: 'pp-toolbar-title', text: 'Traffic path' });
const button = (id: string, text: string, tip: string): HTMLButtonElement => {
  const b = h('button', { id, text });
  b.type = 'button';
  b.title = tip;
  return b;
};
const collapseBtn = button('pp-collapse', 'Collapse groups', 'Fold large columns back into "+N more" groups');
const fitBtn = button('pp-fit', 'Fit', 'Show as much of the path as fits at a readable size (scroll to zoom, drag to pan)');
const actualBtn = button('pp-actual', '100%', 'Show the path at its actual size');
const exportBtn = button('pp-export', 'Export SVG', 'Save this picture as an SVG file');
const copyBtn = button('pp-copy', 'Copy SVG', 'Copy this picture as SVG text');
toolbar.append(title, h('span', { class: 'pp-spacer' }), collapseBtn, fitBtn, actualBtn, exportBtn, copyBtn);
const stage = h('div', { class: 'pp-stage' });
const svgEl = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
svgEl.setAttribute('class', 'pp-svg pp-canvas');
svgEl.setAttribute('aria-label', 'Traffic path');
const zoomG = document.createElementNS('http://www.w3.org/2000/svg', 'g');
zoomG.setAttribute('class', 'pp-zoom');
svgEl.append(zoomG);
const empty = h('div', { class: 'pp-empty' });
empty.setAttribute('role', 'status');
// Shown while part of the path is off screen: how much, and how to get there.
const hint = h('div', { class: 'pp-hint' });
hint.setAttribute('role', 'status');
hint.hidden = true;
stage.append(svgEl, empty, hint);
app.append(toolbar, stage);
document.body.append(app);

let graph: TrafficGraph | null = null;
let message: string | undefined;
let target: TrafficTarget | undefined;
let expanded: string[] = [];
let layout: Layout | undefined;
let size = { w: 1, h: 1 };
let direction: 'lr' | 'tb' = 'lr';

const svg = select(svgEl);
const zoomer = zoom<SVGSVGElement, unknown>()
  .scaleExtent([0.05, 4])
  .on('zoom', (event: { transform: { toString(): string } }) => {
    zoomG.setAttribute('transform', event.transform.toString());
  })
  .on('end', () => {
    updateHint();
    saveState();
  });
svg.call(zoomer).on('dblclick.zoom', null);

function saveState(): void {
  const t = zoomTransform(svgEl);
  const state: PanelState = { v: 1, graph, expanded, transform: { k: t.k, x: t.x, y: t.y }, direction };
  if (message !== undefined) state.message = message;
  if (target) state.target = target;
  vscode.setState(state);
}

function draw(): void {
  const has = graph !== null;
  empty.hidden = has;
  empty.textContent = has ? '' : (message ?? 'No traffic path to show. Open a Service and run "Show traffic path".');
  for (const b of [exportBtn, copyBtn, fitBtn, actualBtn]) b.disabled = !has;
  if (!graph) {
    layout = undefined;
    hint.hidden = true;
    renderInto(zoomG, null);
    title.textContent = 'Traffic path';
    collapseBtn.hidden = true;
    return;
  }
  const drawn = drawGraph(graph, { expanded, interactive: true, direction });
  layout = drawn.layout;
  svgEl.setAttribute('data-direction', direction);
  size = pictureSize(drawn.tree);
  renderInto(zoomG, drawn.tree);
  title.textContent = graphTitle(graph);
  collapseBtn.hidden = expanded.length === 0;
}

/** The picture's size includes the legend, which the layout alone stops above. */
function pictureSize(tree: VNode): { w: number; h: number } {
  return { w: Number(tree.attrs.width) || 1, h: Number(tree.attrs.height) || 1 };
}

function viewport(): { w: number; h: number } | undefined {
  const box = svgEl.getBoundingClientRect();
  return box.width === 0 || box.height === 0 ? undefined : { w: box.width, h: box.height };
}

/**
 * Left to right when the panel is wide, top to bottom when it is tall or narrow: whichever
 * shows the picture larger. Redraws when that changes; true if it did.
 */
function orient(): boolean {
  const vp = viewport();
  if (!graph || !vp) return false;
  const lr = pictureSize(drawGraph(graph, { expanded, direction: 'lr' }).tree);
  const tb = pictureSize(drawGraph(graph, { expanded, direction: 'tb' }).tree);
  const next = chooseDirection(lr, tb, vp);
  if (next === direction) return false;
  direction = next;
  draw();
  return true;
}

/** Says how many nodes are off screen (and how to reach them), or nothing when all show. */
function updateHint(): void {
  const vp = viewport();
  if (!layout || !vp) {
    hint.hidden = true;
    return;
  }
  const t = zoomTransform(svgEl);
  const hidden = hiddenCount(layout.nodes, { k: t.k, x: t.x, y: t.y }, vp);
  hint.hidden = hidden === 0;
  hint.textContent = `${hidden} of ${layout.nodes.length} nodes out of view: drag to pan, scroll to zoom.`;
}

function apply(v: View): void {
  svg.call(zoomer.transform, zoomIdentity.translate(v.x, v.y).scale(v.k));
  updateHint();
}

/** What matters most: the ends of broken or blocked hops, else the Service. */
function focus(): ReturnType<typeof unionOf> {
  const nodes = layout?.nodes ?? [];
  const stopped = new Set(
    (layout?.edges ?? []).filter((e) => e.status === 'broken' || e.status === 'blocked').flatMap((e) => [e.from, e.to]),
  );
  return unionOf(nodes.filter((n) => stopped.has(n.id))) ?? unionOf(nodes.filter((n) => n.band === BAND_SERVICE));
}

/**
 * Fit (on open, the Fit button, a resize or an expanded group): the whole path when it can
 * be read that way, else a readable scale around what matters, never smaller.
 */
function fit(): void {
  orient();
  const vp = viewport();
  if (!layout || !vp) return;
  apply(initialView(size, vp, focus()));
  // For tests and tools: the size the view was last fitted to.
  svgEl.setAttribute('data-fitted', `${Math.round(vp.w)}x${Math.round(vp.h)}`);
}

/** The 100% button: actual size, around what matters. */
function actualSize(): void {
  const vp = viewport();
  if (layout && vp) apply(viewAt(1, size, vp, focus()));
}

function sameService(a: TrafficGraph | null, b: TrafficGraph | null): boolean {
  return !!a && !!b && a.service.namespace === b.service.namespace && a.service.name === b.service.name;
}

function currentSvg(): string | undefined {
  return graph ? renderSvg(graph, { expanded, direction }) : undefined;
}

function exportSvg(kind: 'exportSvg' | 'copySvg'): void {
  const svgText = currentSvg();
  if (svgText !== undefined) vscode.postMessage({ type: kind, svg: svgText });
}

/** A click or Enter on a node: groups expand, nodes with YAML ask the host to reveal it. */
function activate(el: Element | null): void {
  const g = el?.closest('[data-node-id]');
  const id = g?.getAttribute('data-node-id');
  const n = id === undefined || id === null ? undefined : layout?.nodes.find((x) => x.id === id);
  if (!n) return;
  if (n.node.group) {
    if (!expanded.includes(n.kind)) expanded = [...expanded, n.kind];
    draw();
    fit();
    saveState();
    return;
  }
  const src = n.node.source;
  if (src) vscode.postMessage({ type: 'reveal', uri: src.uri, range: src.range });
}

svgEl.addEventListener('click', (e) => activate(e.target instanceof Element ? e.target : null));
const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};
svgEl.addEventListener('keydown', (e) => {
  const g = e.target instanceof Element ? e.target.closest('[data-node-id][tabindex]') : null;
  if (!g) return;
  const arrow = ARROWS[e.key];
  if (arrow && layout) {
    // Arrows walk the path: to the connected node that way (else the nearest node that way).
    e.preventDefault();
    const next = neighbourInDirection(layout, g.getAttribute('data-node-id') ?? '', arrow);
    if (next !== undefined) zoomG.querySelector<SVGGElement>(`[data-node-id="${CSS.escape(next)}"]`)?.focus();
    return;
  }
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault(); // Space would scroll
  activate(g);
});
// Tabbing to a node off screen brings it into view (the zoom stays the reader's).
svgEl.addEventListener('focusin', (e) => {
  const id = e.target instanceof Element ? e.target.closest('[data-node-id]')?.getAttribute('data-node-id') : undefined;
  const n = id ? layout?.nodes.find((x) => x.id === id) : undefined;
  const box = svgEl.getBoundingClientRect();
  if (!n || box.width === 0) return;
  const t = zoomTransform(svgEl);
  const [x0, y0] = t.apply([n.x, n.y]);
  const [x1, y1] = t.apply([n.x + n.w, n.y + n.h]);
  if (x0 >= 0 && y0 >= 0 && x1 <= box.width && y1 <= box.height) return;
  svg.call(zoomer.translateTo, n.x + n.w / 2, n.y + n.h / 2);
});
fitBtn.addEventListener('click', () => fit());
actualBtn.addEventListener('click', () => actualSize());
exportBtn.addEventListener('click', () => exportSvg('exportSvg'));
copyBtn.addEventListener('click', () => exportSvg('copySvg'));
collapseBtn.addEventListener('click', () => {
  expanded = [];
  draw();
  fit();
  saveState();
});
// A resized panel (moved to full width, to the bottom, the window resized) fits again.
// Only a real change of size counts: the observer also reports the first size, and a
// restored view must survive that.
let resizeQueued = false;
let lastSize = '';
new ResizeObserver(() => {
  if (resizeQueued) return;
  resizeQueued = true;
  requestAnimationFrame(() => {
    resizeQueued = false;
    const vp = viewport();
    const now = vp ? `${vp.w}x${vp.h}` : '';
    const changed = lastSize !== '' && now !== lastSize;
    lastSize = now;
    if (changed && graph) fit();
  });
}).observe(stage);

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return; // not ours or malformed: never drawn
  if (msg.type === 'requestSvg') {
    exportSvg(msg.action === 'export' ? 'exportSvg' : 'copySvg');
    return;
  }
  const keepView = sameService(graph, msg.graph);
  if (!keepView) expanded = [];
  graph = msg.graph;
  message = msg.message;
  if (msg.target) target = msg.target;
  draw();
  // A live update of the same Service keeps the reader's zoom; a new Service gets a first view.
  if (!keepView) fit();
  else updateHint();
  saveState();
});

const restored = parseState(vscode.getState());
if (restored) {
  graph = restored.graph;
  message = restored.message;
  target = restored.target;
  expanded = restored.expanded;
  direction = restored.direction ?? 'lr';
}
draw();
if (restored?.transform) {
  const { k, x, y } = restored.transform;
  apply({ k, x, y });
} else {
  fit();
}
vscode.postMessage({ type: 'ready' });
