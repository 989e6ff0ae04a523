/** Building, copying and reading the evaluator's trees (types.ts): YNode trees with a file per node. */
import type { Span, YNode } from '../../model/ytree';
import { MapNode } from '../../parse/nodes';
import type { BMap, BNode, BPair, BScalar, BSeq, Place, Src } from './types';

/**
 * A parsed document of file `path` as a tree the evaluator may change (a deep copy). With the
 * file's `text`, a plain `0755` reads as kustomize reads it (octal, YAML 1.1), not as 755.
 */
export function fromY(n: YNode, path: string, text?: string): BNode {
  // The parsers' nodes make their span pair when asked (parse/nodes.ts): once per node here,
  // shared by the node and its `src` (spans are replaced, never changed in place).
  const span = n.span;
  if (n.t === 'scalar') {
    let value = n.value;
    if (typeof value === 'number' && !n.quoted && text !== undefined && mayBeOctal(text.charCodeAt(span[0]))) {
      const raw = text.slice(span[0], span[1]);
      if (/^[-+]?0[0-7]+$/.test(raw)) value = parseInt(raw, 8);
    }
    // A block scalar that ends the file without a line break has none at its end (the parsers add one).
    if (
      typeof value === 'string' &&
      text !== undefined &&
      span[1] >= text.length &&
      !text.endsWith('\n') &&
      value.endsWith('\n') &&
      /^[|>]/.test(text.slice(span[0], span[0] + 1))
    )
      value = value.slice(0, -1);
    return { t: 'scalar', value, quoted: n.quoted, span, src: { path, span }, orig: n };
  }
  if (n.t === 'seq') return { t: 'seq', items: n.items.map((i) => fromY(i, path, text)), span, src: { path, span }, orig: n };
  const pairs = new Map<string, BPair>();
  // The parsers' maps hold their pairs as a list: read in a loop, not through a callback per pair.
  const list = n instanceof MapNode ? n.list : [...n.pairs.values()];
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    const keySpan = p.keySpan;
    pairs.set(p.key, { key: p.key, keySpan, keySrc: { path, span: keySpan }, value: p.value ? fromY(p.value, path, text) : undefined });
  }
  return { t: 'map', pairs, span, src: { path, span }, orig: n };
}

/** The first character of a number written `0…`, `+0…` or `-0…` (YAML 1.1 octal, as kustomize reads it). */
function mayBeOctal(c: number): boolean {
  return c === 48 || c === 43 || c === 45;
}

export function clone(n: BNode): BNode {
  if (n.t === 'scalar') return { ...n, src: copySrc(n.src) };
  if (n.t === 'seq') return { ...n, items: n.items.map(clone), src: copySrc(n.src) };
  const pairs = new Map<string, BPair>();
  for (const [k, p] of n.pairs)
    pairs.set(k, { key: k, keySpan: p.keySpan, keySrc: copySrc(p.keySrc), value: p.value ? clone(p.value) : undefined });
  return { t: 'map', pairs, span: n.span, src: copySrc(n.src) };
}

function copySrc(s: Src): Src {
  return s.note === undefined ? { path: s.path, span: s.span } : { ...s, by: s.by ? [...s.by] : undefined };
}

export function scalar(value: BScalar['value'], at: Place, quoted = typeof value === 'string'): BScalar {
  return { t: 'scalar', value, quoted, span: at.span, src: { path: at.path, span: at.span } };
}

export function newMap(at: Place): BMap {
  return { t: 'map', pairs: new Map(), span: at.span, src: { path: at.path, span: at.span } };
}

export function newSeq(at: Place, items: BNode[] = []): BSeq {
  return { t: 'seq', items, span: at.span, src: { path: at.path, span: at.span } };
}

export function setPair(m: BMap, key: string, value: BNode | undefined, keyAt: Place): void {
  const had = m.pairs.get(key);
  if (had) had.value = value;
  else m.pairs.set(key, { key, keySpan: keyAt.span, keySrc: { path: keyAt.path, span: keyAt.span }, value });
}

export function get(n: BNode | undefined, ...path: string[]): BNode | undefined {
  let cur = n;
  for (const k of path) {
    if (!cur || cur.t !== 'map') return undefined;
    cur = cur.pairs.get(k)?.value;
  }
  return cur;
}

export function getMap(n: BNode | undefined, ...path: string[]): BMap | undefined {
  const v = get(n, ...path);
  return v?.t === 'map' ? v : undefined;
}

export function getStr(n: BNode | undefined, ...path: string[]): string | undefined {
  const v = get(n, ...path);
  return v?.t === 'scalar' && v.value !== null ? String(v.value) : undefined;
}

/** The node's value as plain data (JSON-like), for hashing and for the JSON output. */
export function plain(n: BNode | undefined): unknown {
  if (!n) return null;
  if (n.t === 'scalar') return n.value;
  if (n.t === 'seq') return n.items.map(plain);
  const o: Record<string, unknown> = {};
  for (const [k, p] of n.pairs) o[k] = plain(p.value);
  return o;
}

/** Plain data as a tree, every node placed at `at` (generated objects, values of patches given as JSON). */
export function fromPlain(v: unknown, at: Place): BNode {
  if (Array.isArray(v))
    return newSeq(
      at,
      v.map((i) => fromPlain(i, at)),
    );
  if (v && typeof v === 'object') {
    const m = newMap(at);
    for (const [k, x] of Object.entries(v)) setPair(m, k, fromPlain(x, at), at);
    return m;
  }
  return scalar(v === undefined ? null : (v as BScalar['value']), at);
}

/** Record on every scalar under `n` (and `n`) that a transformer changed it. */
export function noteChange(n: BScalar, note: string, by: Place): void {
  n.src.note = n.src.note ? `${n.src.note}; ${note}` : note;
  (n.src.by ??= []).push(by);
}

/** 1-based line of an offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export const noSpan: Span = [0, 0];
