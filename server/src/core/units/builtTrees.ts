/**
 * The trees of a built file's objects, made of the parsers' compact nodes (parse/nodes.ts)
 * placed in the built file's text (each source file at its base). What the build left as it
 * was written — same values, same place, in the file at base 0 — is the parsed node itself,
 * shared with the file's own resource: a plain aggregation shares whole objects, an overlay
 * that sets a namespace shares the pod template. Built trees were a copy per unit (most of
 * the units' memory and of a re-evaluation's garbage). The nodes made here are listed in
 * `fresh`: the fingerprint (fingerprint.ts) hashes them, and only names the shared ones.
 */
import type { YNode, YPair } from '../model/ytree';
import type { ParseContext } from '../parse/parseOptions';
import { MapNode, PairNode, Placed, ScalarNode, SeqNode } from '../parse/nodes';
import type { BNode } from '../sources/kustomize/types';

export interface BuiltTrees {
  /** The tree of an evaluator's object. */
  tree(n: BNode): YNode;
  /** The nodes `tree` made (not the shared parsed ones). */
  fresh: Set<YNode>;
}

/** Trees placed by `bases` (source path → offset of its text in the built file's text). */
export function builtTrees(bases: ReadonlyMap<string, number>, ctx: ParseContext): BuiltTrees {
  const fresh = new Set<YNode>();
  const made = <T extends YNode>(n: T): T => {
    fresh.add(n);
    return n;
  };
  const tree = (n: BNode): YNode => {
    const b = bases.get(n.src.path);
    const from = b === undefined ? 0 : b + n.span[0];
    const to = b === undefined ? 0 : b + n.span[1];
    const orig = b === 0 ? n.orig : undefined;
    if (n.t === 'scalar') {
      if (orig?.t === 'scalar' && orig.value === n.value && orig.quoted === n.quoted && isAt(orig, from, to)) return orig;
      return made(new ScalarNode(n.value, n.quoted, from, to));
    }
    if (n.t === 'seq') {
      const items = n.items.map(tree);
      if (orig?.t === 'seq' && orig.items.length === items.length && isAt(orig, from, to)) {
        let i = 0;
        while (i < items.length && items[i] === orig.items[i]) i++;
        if (i === items.length) return orig;
      }
      return made(new SeqNode(items, from, to));
    }
    const pairs: YPair[] = [];
    const had = orig?.t === 'map' && orig.pairs.size === n.pairs.size ? orig.pairs.values() : undefined;
    let same = had !== undefined;
    n.pairs.forEach((p, k) => {
      const kb = bases.get(p.keySrc.path);
      const kf = kb === undefined ? 0 : kb + p.keySpan[0];
      const kt = kb === undefined ? 0 : kb + p.keySpan[1];
      const value = p.value ? tree(p.value) : undefined;
      const was = had?.next().value as YPair | undefined;
      // A pair as it was (same key, place and value) is the parsed one.
      if (was && was.key === k && was.value === value && kb === 0 && keyIsAt(was, kf, kt)) pairs.push(was);
      else {
        same = false;
        pairs.push(new PairNode(ctx.key(k), value, kf, kt));
      }
    });
    if (same && isAt(orig!, from, to)) return orig!;
    return made(new MapNode(pairs as PairNode[], from, to));
  };
  return { tree, fresh };
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
