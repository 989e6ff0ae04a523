/**
 * Alias bombs ("billion laughs"): a few lines of anchors and aliases that stand for
 * billions of nodes. podpath itself never expands an alias (the tree shares the node), so
 * a bomb costs it nothing; but kubectl does expand them and rejects a document whose
 * nodes come almost all from aliases (go-yaml's "document contains excessive aliasing",
 * the fix of CVE-2019-11253). This module applies the same test, so such a document is a
 * `yaml-syntax` finding instead of objects that look fine and never reach the cluster.
 */
import type { YNode } from '../model/ytree';

/** go-yaml's bounds: below `low` decoded nodes 99% may come from aliases, above `high` only 10%. */
const low = 400_000;
const high = 4_000_000;

/** The share of a document's decoded nodes that go-yaml lets come from alias expansion. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= low) return 0.99;
  if (decoded >= high) return 0.1;
  return 0.99 - (0.89 * (decoded - low)) / (high - low);
}

export interface Expansion {
  /** Nodes once every alias is expanded (at most just over 4,000,000: counting stops there). */
  expanded: number;
  /** Distinct nodes of the document. */
  distinct: number;
}

/**
 * How many nodes a tree stands for with its aliases expanded, and how many it holds. Linear
 * in the distinct nodes: each shared node's size is computed once.
 */
export function expansionOf(root: YNode): Expansion {
  const sizes = new Map<YNode, number>();
  const size = (n: YNode): number => {
    const known = sizes.get(n);
    if (known !== undefined) return known;
    let total = 1;
    if (n.t === 'map') {
      for (const p of n.pairs.values()) total += 1 + (p.value ? size(p.value) : 0);
    } else if (n.t === 'seq') {
      for (const item of n.items) total += size(item);
    }
    total = Math.min(total, high + 1);
    sizes.set(n, total);
    return total;
  };
  return { expanded: size(root), distinct: sizes.size };
}

/** Why kubectl would reject the tree for its aliases, or undefined. */
export function excessiveAliasing(root: YNode): string | undefined {
  let e: Expansion;
  try {
    e = expansionOf(root);
  } catch (err) {
    // A tree too deep to walk was already judged by the parsers' own depth limits.
    if (err instanceof RangeError) return undefined;
    throw err;
  }
  const fromAliases = e.expanded - e.distinct;
  if (fromAliases <= 100 || e.expanded <= 1000 || fromAliases / e.expanded <= allowedAliasRatio(e.expanded)) return undefined;
  const count = e.expanded > high ? `over ${high.toLocaleString('en-US')}` : e.expanded.toLocaleString('en-US');
  return `excessive aliasing: its aliases expand this document to ${count} nodes from ${e.distinct.toLocaleString('en-US')} (an alias bomb; kubectl rejects it)`;
}

/** Offset of the first alias (`*name`) in a document's text, or 0. */
export function firstAliasAt(text: string): number {
  const m = /(?:^|[\s[{,:-])(\*[^\s,[\]{}]+)/.exec(text);
  return m ? m.index + m[0].length - m[1]!.length : 0;
}
