/**
 * The trees of a built file's objects, made of the parsers' compact nodes (parse/nodes.ts)
 * placed in the built file's text (each source file at its base). What the build left as it
 * was written — same values, same place, in the file at base 0 — is the parsed node itself,
 * shared with the file's own resource: a plain aggregation shares whole objects, an overlay
 * that sets a namespace shares the pod template. Built trees were a copy per unit (most of
 * the units' memory and of a re-evaluation's garbage). The nodes made here are listed in
 * `fresh`: the fingerprint (fingerprint.ts) hashes them, and only names the shared ones.
 */
import type { SourceFile } from '../model/resource';
import type { YMap, YNode, YPair } from '../model/ytree';
import type { ParseContext } from '../parse/parseOptions';
import { MapNode, PairNode, Placed, ScalarNode, SeqNode } from '../parse/nodes';
import type { BNode, BuiltObject } from '../sources/kustomize/types';
import type { Change } from './built';

export interface BuiltTrees {
  /** An evaluator's object: its tree, and what transformers noted on its values (for hovers). */
  object(o: BuiltObject): { kind: string; tree: YNode; notes: Change[] };
  /** The nodes `object` made (not the shared parsed ones). */
  readonly fresh: ReadonlySet<YNode>;
  /** The source files met so far, `home` first, each at its base in the built file's text. */
  readonly segments: readonly { file: SourceFile; base: number }[];
  /** Their paths (also those not indexed, which have no segment). */
  readonly paths: readonly string[];
}

/**
 * The trees of a built file whose objects come from `home` (with `homeOnly`, a
 * CustomResourceDefinition read for its header: nothing of another file is placed). Each
 * source file gets its base when its first node is met, in tree order, so one walk places,
 * shares and notes.
 */
export function builtTrees(
  home: string,
  homeOnly: boolean,
  fileAt: (path: string) => SourceFile | undefined,
  ctx: ParseContext,
): BuiltTrees {
  const fresh = new Set<YNode>();
  const segments: { file: SourceFile; base: number }[] = [];
  const paths: string[] = [];
  const bases = new Map<string, number | undefined>();
  let length = 0;
  const baseOf = (path: string): number | undefined => {
    if (bases.has(path)) return bases.get(path);
    if (homeOnly && path !== home) return undefined;
    const f = fileAt(path);
    let base: number | undefined;
    if (f) {
      base = length > 0 ? length + 1 : 0;
      segments.push({ file: f, base });
      length = base + f.text.length;
    }
    bases.set(path, base);
    paths.push(path);
    return base;
  };
  baseOf(home);
  const made = <T extends YNode>(n: T): T => {
    fresh.add(n);
    return n;
  };
  let notes: Change[] = [];
  const tree = (n: BNode, key: string): YNode => {
    const b = baseOf(n.src.path);
    const from = b === undefined ? 0 : b + n.span[0];
    const to = b === undefined ? 0 : b + n.span[1];
    const orig = b === 0 ? n.orig : undefined;
    if (n.t === 'scalar') {
      if (n.src.note) notes.push({ key, value: String(n.value), path: n.src.path, span: n.span, note: n.src.note });
      if (orig?.t === 'scalar' && orig.value === n.value && orig.quoted === n.quoted && isAt(orig, from, to)) return orig;
      return made(new ScalarNode(n.value, n.quoted, from, to));
    }
    if (n.t === 'seq') {
      // The parsed node's items as long as each built item is one of them: no array made for a shared list.
      const was = orig?.t === 'seq' && orig.items.length === n.items.length ? orig.items : undefined;
      let items: YNode[] | undefined;
      for (let i = 0; i < n.items.length; i++) {
        const item = tree(n.items[i]!, key);
        if (!items && item !== was?.[i]) items = n.items.slice(0, i).map((_, j) => was![j]!);
        items?.push(item);
      }
      if (!items && was && isAt(orig!, from, to)) return orig!;
      return made(new SeqNode(items ?? was ?? [], from, to));
    }
    // Likewise the pairs: the parsed node's while each built pair is the parsed one.
    const had = orig?.t === 'map' && orig.pairs.size === n.pairs.size ? pairList(orig) : undefined;
    let pairs: PairNode[] | undefined;
    let i = 0;
    for (const p of n.pairs.values()) {
      const k = p.key;
      const kb = baseOf(p.keySrc.path);
      const kf = kb === undefined ? 0 : kb + p.keySpan[0];
      const kt = kb === undefined ? 0 : kb + p.keySpan[1];
      const value = p.value ? tree(p.value, k) : undefined;
      const was = had?.[i];
      // A pair as it was (same key, place and value) is the parsed one.
      const same = was !== undefined && was.key === k && was.value === value && kb === 0 && keyIsAt(was, kf, kt);
      if (!same && !pairs) pairs = had ? (had.slice(0, i) as PairNode[]) : [];
      if (pairs) pairs.push(same ? (was as PairNode) : new PairNode(ctx.key(k), value, kf, kt));
      i++;
    }
    if (!pairs && had && isAt(orig!, from, to)) return orig!;
    return made(new MapNode(pairs ?? (had as PairNode[]) ?? [], from, to));
  };
  const object = (o: BuiltObject): { kind: string; tree: YNode; notes: Change[] } => {
    notes = [];
    const t = tree(o.root, '');
    return { kind: o.kind, tree: t, notes };
  };
  return { object, fresh, segments, paths };
}

/** A map's pairs in order (the parsers' maps hold them as a list). */
function pairList(m: YMap): readonly YPair[] {
  return m instanceof MapNode ? m.list : [...m.pairs.values()];
}

function isAt(n: YNode, from: number, to: number): boolean {
  if (n instanceof Placed) return n.isAt(from, to);
  const s = n.span;
  return s[0] === from && s[1] === to;
}

function keyIsAt(p: YPair, from: number, to: number): boolean {
  if (p instanceof PairNode) return p.keyIsAt(from, to);
  const s = p.keySpan;
  return s[0] === from && s[1] === to;
}
