/**
 * Converts one document of the `yaml` library's AST into the read-only YNode tree,
 * shifting every range by the chunk's file offset. Aliases resolve to the node they name
 * (shared, never copied), and `<<` merge keys are applied without overriding explicit keys.
 * A key given twice keeps its first place and takes the last value, as kubectl does; each
 * repeat is recorded (found with a map: one pass, whatever the size of the mapping).
 */
import { Alias, Document, isAlias, isMap as yIsMap, isPair, isScalar as yIsScalar, isSeq as yIsSeq, Node, Scalar, visit } from 'yaml';
import type { Span, YNode, YPair } from '../model/ytree';
import { MapNode, PairNode, ScalarNode, SeqNode } from './nodes';

/** A key given again in the same mapping: both keys' spans (file offsets). */
export interface Duplicate {
  key: string;
  first: Span;
  second: Span;
}

export interface TreeOptions {
  /** Values that replace those `yaml` read, by the scalar's chunk offset and end (see yamlFallback.ts). */
  values?: ReadonlyMap<number, { value: string; end: number }>;
  /** Where to record the offsets of the values replaced. */
  used?: Set<number>;
  /** Where to record repeated keys. */
  duplicates?: Duplicate[];
  /** The copy of each map key to keep (see ParseContext). */
  key?: (k: string) => string;
}

interface Context {
  targets: Targets;
  offset: number;
  memo: Map<Node, YNode | null>;
  opts: TreeOptions;
}

/** Convert a parsed document's contents; `offset` is where its chunk starts in the file. */
export function toTree(doc: Document, offset: number, opts: TreeOptions = {}): YNode | undefined {
  const contents = doc.contents as Node | null;
  return contents ? convert(contents, { targets: aliasTargets(doc), offset, memo: new Map(), opts }, 0) : undefined;
}

type Targets = Map<Alias, Node>;

/**
 * Each alias's anchor, found in one pass (the last anchor of that name before the alias):
 * `Alias.resolve` would walk the whole document once per alias.
 */
function aliasTargets(doc: Document): Targets {
  const targets: Targets = new Map();
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const t = anchors.get(node.source);
        if (t) targets.set(node, t);
      } else if ((node as { anchor?: string }).anchor) {
        anchors.set((node as { anchor: string }).anchor, node as Node);
      }
    },
  });
  return targets;
}

const maxDepth = 2000;

/** A node's [start, end) in the file: `yaml`'s range shifted by the chunk's offset ([0, 0] without one). */
function from(n: { range?: [number, number, number] | null }, offset: number): number {
  return n.range ? n.range[0] + offset : 0;
}

function to(n: { range?: [number, number, number] | null }, offset: number): number {
  return n.range ? n.range[1] + offset : 0;
}

function convert(node: Node, cx: Context, depth: number): YNode | undefined {
  const { targets, offset, memo } = cx;
  if (depth > maxDepth) return undefined;
  if (isAlias(node)) {
    const target = targets.get(node);
    if (!target) return undefined;
    node = target;
  }
  const seen = memo.get(node);
  if (seen !== undefined) return seen ?? undefined; // null: a recursive alias, cut here
  memo.set(node, null);
  let out: YNode | undefined;
  if (yIsScalar(node)) {
    out = scalar(node, offset, cx.opts);
  } else if (yIsSeq(node)) {
    const items: YNode[] = [];
    for (const it of node.items) {
      const c = it ? convert(it as Node, cx, depth + 1) : undefined;
      if (c) items.push(c);
    }
    out = new SeqNode(items, from(node, offset), to(node, offset));
  } else if (yIsMap(node)) {
    const pairs = new Map<string, YPair>();
    const merges: YNode[] = [];
    for (const p of node.items) {
      if (!isPair(p)) continue;
      const keyNode = p.key as Node | null;
      const key =
        keyNode && yIsScalar(keyNode)
          ? keyNode.value
          : keyNode && isAlias(keyNode)
            ? (targets.get(keyNode) as Scalar | undefined)?.value
            : undefined;
      const valueNode = p.value as Node | null;
      const value = valueNode ? convert(valueNode, cx, depth + 1) : undefined;
      // With `merge: true`, yaml reads a plain `<<` key as Symbol('<<'), never as the string.
      const merge = key === '<<' || (typeof key === 'symbol' && key.description === '<<');
      if (merge && keyNode && yIsScalar(keyNode) && !keyNode.type?.startsWith('QUOTE')) {
        if (value) merges.push(value);
        continue;
      }
      if (key === undefined || key === null || typeof key === 'object') continue;
      const k = cx.opts.key ? cx.opts.key(String(key)) : String(key);
      const pair = new PairNode(k, value, keyNode ? from(keyNode, offset) : 0, keyNode ? to(keyNode, offset) : 0);
      const before = pairs.get(k);
      if (before) cx.opts.duplicates?.push({ key: k, first: before.keySpan, second: pair.keySpan });
      pairs.set(k, pair);
    }
    for (const m of merges) {
      const sources = m.t === 'seq' ? m.items : [m];
      for (const s of sources) {
        if (s.t !== 'map') continue;
        for (const [k, p] of s.pairs) if (!pairs.has(k)) pairs.set(k, p);
      }
    }
    out = new MapNode([...pairs.values()], from(node, offset), to(node, offset));
  }
  memo.set(node, out ?? null);
  return out;
}

function scalar(node: Scalar, offset: number, opts: TreeOptions): ScalarNode {
  const repaired = opts.values && node.range ? opts.values.get(node.range[0]) : undefined;
  if (repaired && repaired.end === node.range![1]) opts.used?.add(node.range![0]);
  const v = repaired ? repaired.value : node.value;
  const value =
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
      ? v
      : typeof v === 'bigint'
        ? Number(v)
        : String(v);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return new ScalarNode(value, quoted, from(node, offset), to(node, offset));
}
