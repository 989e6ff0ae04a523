/**
 * The virtual tree as a standalone SVG document. Used by the CLI (`podpath trace --format
 * svg`) and by the webview's Export/Copy buttons. Importable under plain node: no DOM.
 * Every attribute value and text is XML-escaped, so a label such as
 * `</svg><script>…` stays text.
 */
import type { TrafficGraph } from '../../../server/src/protocol';
import { drawGraph, type VNode } from './draw';
import type { LayoutOptions } from './layout';
import { pictureCss } from './style';

/**
 * Characters XML 1.0 forbids even as references (C0 controls other than tab/LF/CR, lone
 * surrogates, U+FFFE/U+FFFF): replaced, or the file would not parse at all.
 */
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content or a double-quoted attribute value. */
export function escapeXml(s: string): string {
  return (
    s
      .replace(INVALID_XML, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Newlines in attribute values would be normalised to spaces by parsers; keep them.
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  );
}

/** Names come from draw.ts, but a bad one would break the document: refuse it loudly. */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** Serialises a virtual tree; `indent` pretty-prints for diff-friendly files. */
export function serialize(node: VNode, indent = ''): string {
  if (!XML_NAME.test(node.tag)) throw new Error(`invalid element name ${JSON.stringify(node.tag)}`);
  let attrs = '';
  for (const [k, v] of Object.entries(node.attrs)) {
    if (!XML_NAME.test(k)) throw new Error(`invalid attribute name ${JSON.stringify(k)}`);
    attrs += ` ${k}="${escapeXml(v)}"`;
  }
  if (node.text !== undefined) {
    // Text nodes keep their newlines as-is (tooltips use them); only markup is escaped.
    const text = escapeXml(node.text).replace(/&#10;/g, '\n').replace(/&#13;/g, '').replace(/&#9;/g, '\t');
    return `${indent}<${node.tag}${attrs}>${text}</${node.tag}>`;
  }
  if (!node.children.length) return `${indent}<${node.tag}${attrs}/>`;
  const inner = node.children.map((c) => serialize(c, indent + '  ')).join('\n');
  return `${indent}<${node.tag}${attrs}>\n${inner}\n${indent}</${node.tag}>`;
}

/** The standalone stylesheet as an SVG `<style>` element (literal colours, no theme). */
function styleElement(): VNode {
  return { tag: 'style', attrs: {}, text: pictureCss(false).trim(), children: [] };
}

/**
 * The traffic path of `graph` as a standalone SVG document (what `podpath trace --format
 * svg` prints). Options choose which collapsed groups are expanded, as in the panel.
 */
export function renderSvg(graph: TrafficGraph, opts: LayoutOptions = {}): string {
  const { tree } = drawGraph(graph, { ...opts, interactive: false });
  // The stylesheet goes first so viewers apply it before painting.
  const withStyle: VNode = { ...tree, children: [styleElement(), ...tree.children] };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(withStyle)}\n`;
}
