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
import type { YNode, YPair } from '../model/ytree';
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
      const items = n.items.map((i) => tree(i, key));
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
      const kb = baseOf(p.keySrc.path);
      const kf = kb === undefined ? 0 : kb + p.keySpan[0];
      const kt = kb === undefined ? 0 : kb + p.keySpan[1];
      const value = p.value ? tree(p.value, k) : undefined;
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
  const object = (o: BuiltObject): { kind: string; tree: YNode; notes: Change[] } => {
    notes = [];
    const t = tree(o.root, '');
    return { kind: o.kind, tree: t, notes };
  };
  return { object, fresh, segments, paths };
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
