/**
 * A small strict XML reader for tests: enough to prove an SVG string is well-formed
 * (balanced tags, quoted attributes, `&` only in entities, no stray `<`, one root) and to
 * read back decoded text and attributes. Throws with a position on the first error.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded character data directly inside this element. */
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const TOKEN = new RegExp(
  `<!--[\\s\\S]*?-->|<\\?[\\s\\S]*?\\?>|</(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>|([^<]+)|(<)`,
  'g',
);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
// Characters XML 1.0 does not allow anywhere in a document.
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(s: string, at: number): string {
  if (BAD_AMP.test(s)) throw new Error(`bare & at ${at}: ${JSON.stringify(s.slice(0, 60))}`);
  if (BAD_CHAR.test(s)) throw new Error(`invalid XML character at ${at}`);
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** Parses `xml` strictly; returns the root element. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const [, close, open, attrText, selfClose, text, stray] = m;
    const at = m.index;
    if (stray !== undefined) throw new Error(`stray < at ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    if (text !== undefined) {
      const top = stack[stack.length - 1];
      if (!top) {
        if (text.trim() !== '') throw new Error(`text outside the root at ${at}`);
        continue;
      }
      top.text += decode(text, at);
      continue;
    }
    if (open !== undefined) {
      const el: XmlElement = { name: open, attrs: {}, children: [], text: '' };
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(attrText ?? ''); a; a = ATTR.exec(attrText ?? '')) {
        const value = a[2] ?? a[3] ?? '';
        if (value.includes('<')) throw new Error(`< in attribute ${a[1]} at ${at}`);
        if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]} at ${at}`);
        el.attrs[a[1]!] = decode(value, at);
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new Error(`second root element at ${at}`);
      else root = el;
      if (!selfClose) stack.push(el);
      continue;
    }
    if (close !== undefined) {
      const top = stack.pop();
      if (!top || top.name !== close) throw new Error(`</${close}> closes <${top?.name ?? 'nothing'}> at ${at}`);
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element under `el` (itself included), depth first. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

/** Elements whose class list contains every one of `classes`. */
export function byClass(el: XmlElement, ...classes: string[]): XmlElement[] {
  return allElements(el).filter((e) => {
    const list = (e.attrs.class ?? '').split(/\s+/);
    return classes.every((c) => list.includes(c));
  });
}

/** All text inside `el`, children included. */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('');
}
