/**
 * The virtual tree from draw.ts into the live DOM with d3 joins. Elements are keyed (node
 * and edge ids), so a live update moves what changed and keeps the rest — including the
 * focused node. Text goes in through `.text()` only; attributes through setAttribute with
 * names draw.ts chose; never innerHTML, never a `style` attribute (the CSP forbids it).
 */
import { select, type Selection } from 'd3';
import type { VNode } from './draw';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attributes that only make sense in a standalone file. */
const SKIP = new Set(['xmlns', 'style']);

function keyOf(d: VNode, i: number): string {
  const id = d.attrs['data-node-id'] ?? d.attrs['data-edge-id'] ?? d.attrs.id;
  return id === undefined ? `${d.tag}#${i}` : `${d.tag}@${id}`;
}

function setAttrs(el: Element, attrs: Record<string, string>): void {
  for (const name of el.getAttributeNames()) {
    if (!(name in attrs)) el.removeAttribute(name);
  }
  for (const [name, value] of Object.entries(attrs)) {
    if (SKIP.has(name)) continue;
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }
}

/** Makes `parent`'s children match `children`, reusing elements with the same key. */
export function joinChildren(parent: Selection<Element, unknown, null, undefined>, children: VNode[]): void {
  parent
    .selectChildren<Element, VNode>()
    .data(children, (d, i) => keyOf(d, i))
    .join((enter) => enter.append((d) => document.createElementNS(SVG_NS, d.tag)))
    .order()
    .each(function (d) {
      // A recycled key with another tag cannot happen (the tag is in the key).
      setAttrs(this, d.attrs);
      const sel = select<Element, VNode>(this);
      if (d.text !== undefined) sel.text(d.text);
      else joinChildren(sel as unknown as Selection<Element, unknown, null, undefined>, d.children);
    });
}

/** Draws `tree`'s children (the picture without its outer `<svg>`) into `container`. */
export function renderInto(container: Element, tree: VNode | null): void {
  joinChildren(select(container), tree ? tree.children : []);
}
