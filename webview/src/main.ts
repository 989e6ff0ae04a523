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
import { drawGraph } from './render/draw';
import { renderInto } from './render/dom';
import { BAND_SERVICE, graphTitle } from './render/explain';
import type { Layout } from './render/layout';
import { pictureCss, panelCss } from './render/style';
import { renderSvg } from './render/svgString';
import { parseHostMessage, parseState, type PanelState } from './validate';
import { READABLE_SCALE, fitView, fitsReadably, initialView, unionOf, type View } from './render/view';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
// Read while the script runs: currentScript is null in later callbacks.
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; id?: string } = {}): HTMLElementTagNameMap[K] {
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
const fitBtn = button('pp-fit', 'Fit', 'Zoom to fit the whole path (scroll to zoom, drag to pan)');
const exportBtn = button('pp-export', 'Export SVG', 'Save this picture as an SVG file');
const copyBtn = button('pp-copy', 'Copy SVG', 'Copy this picture as SVG text');
toolbar.append(title, h('span', { class: 'pp-spacer' }), collapseBtn, fitBtn, exportBtn, copyBtn);
const stage = h('div', { class: 'pp-stage' });
const svgEl = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
svgEl.setAttribute('class', 'pp-svg pp-canvas');
svgEl.setAttribute('aria-label', 'Traffic path');
const zoomG = document.createElementNS('http://www.w3.org/2000/svg', 'g');
zoomG.setAttribute('class', 'pp-zoom');
svgEl.append(zoomG);
const empty = h('div', { class: 'pp-empty' });
empty.setAttribute('role', 'status');
// Shown when the path is larger than the panel can show readably.
const hint = h('div', { class: 'pp-hint', text: 'Part of the path: drag to pan, scroll to zoom, Fit to see it all.' });
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

const svg = select(svgEl);
const zoomer = zoom<SVGSVGElement, unknown>()
  .scaleExtent([0.05, 4])
  .on('zoom', (event: { transform: { toString(): string }; sourceEvent: unknown }) => {
    zoomG.setAttribute('transform', event.transform.toString());
    if (event.sourceEvent) hint.hidden = true; // the reader pans or zooms: they found out how
  })
  .on('end', () => saveState());
svg.call(zoomer).on('dblclick.zoom', null);

function saveState(): void {
  const t = zoomTransform(svgEl);
  const state: PanelState = { v: 1, graph, expanded, transform: { k: t.k, x: t.x, y: t.y } };
  if (message !== undefined) state.message = message;
  if (target) state.target = target;
  vscode.setState(state);
}

function draw(): void {
  const has = graph !== null;
  empty.hidden = has;
  empty.textContent = has ? '' : (message ?? 'No traffic path to show. Open a Service and run "Show traffic path".');
  for (const b of [exportBtn, copyBtn, fitBtn]) b.disabled = !has;
  if (!graph) {
    layout = undefined;
    hint.hidden = true;
    renderInto(zoomG, null);
    title.textContent = 'Traffic path';
    collapseBtn.hidden = true;
    return;
  }
  const drawn = drawGraph(graph, { expanded, interactive: true });
  layout = drawn.layout;
  // The picture's size includes the legend, which the layout alone stops above.
  size = { w: Number(drawn.tree.attrs.width) || 1, h: Number(drawn.tree.attrs.height) || 1 };
  renderInto(zoomG, drawn.tree);
  title.textContent = graphTitle(graph);
  collapseBtn.hidden = expanded.length === 0;
}

/** Applies a view computed for the stage's current size (nothing while the stage has none). */
function show(compute: (viewport: { w: number; h: number }) => View): void {
  const box = svgEl.getBoundingClientRect();
  if (!layout || box.width === 0 || box.height === 0) return;
  const v = compute({ w: box.width, h: box.height });
  hint.hidden = v.k < READABLE_SCALE || fitsReadably(size, { w: box.width, h: box.height });
  svg.call(zoomer.transform, zoomIdentity.translate(v.x, v.y).scale(v.k));
}

/** The Fit button: the whole picture (never above 100%, so small paths keep their size). */
function fit(): void {
  show((viewport) => fitView(size, viewport));
}

/**
 * A new Service: the whole path if it is readable that way, else readable and centred on
 * where traffic stops (the ends of broken or blocked hops) or, when nothing stops it, on
 * the Service.
 */
function firstView(): void {
  const nodes = layout?.nodes ?? [];
  const stopped = new Set((layout?.edges ?? []).filter((e) => e.status === 'broken' || e.status === 'blocked').flatMap((e) => [e.from, e.to]));
  const focus = unionOf(nodes.filter((n) => stopped.has(n.id))) ?? unionOf(nodes.filter((n) => n.band === BAND_SERVICE));
  show((viewport) => initialView(size, viewport, focus));
}

function sameService(a: TrafficGraph | null, b: TrafficGraph | null): boolean {
  return !!a && !!b && a.service.namespace === b.service.namespace && a.service.name === b.service.name;
}

function currentSvg(): string | undefined {
  return graph ? renderSvg(graph, { expanded }) : undefined;
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
    saveState();
    return;
  }
  const src = n.node.source;
  if (src) vscode.postMessage({ type: 'reveal', uri: src.uri, range: src.range });
}

svgEl.addEventListener('click', (e) => activate(e.target instanceof Element ? e.target : null));
svgEl.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const g = e.target instanceof Element ? e.target.closest('[data-node-id][tabindex]') : null;
  if (!g) return;
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
exportBtn.addEventListener('click', () => exportSvg('exportSvg'));
copyBtn.addEventListener('click', () => exportSvg('copySvg'));
collapseBtn.addEventListener('click', () => {
  expanded = [];
  draw();
  saveState();
});

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
  if (!keepView) firstView();
  saveState();
});

const restored = parseState(vscode.getState());
if (restored) {
  graph = restored.graph;
  message = restored.message;
  target = restored.target;
  expanded = restored.expanded;
}
draw();
if (restored?.transform) {
  const { k, x, y } = restored.transform;
  svg.call(zoomer.transform, zoomIdentity.translate(x, y).scale(k));
} else {
  firstView();
}
vscode.postMessage({ type: 'ready' });
