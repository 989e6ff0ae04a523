/**
 * The YNode tree as the parsers build it (blockTree.ts and toTree.ts alike), made small: the
 * tree is most of the memory of an indexed workspace. Each node keeps its span as two
 * numbers and makes the `[start, end]` pair when asked (an array per node and per key was a
 * third of that memory, for spans read only where a finding, hover or link points); its
 * kind `t` lives on the prototype; and a map is its own `pairs`: an array searched in order
 * rather than a `Map` (manifest maps are small), with an index made for a large one.
 * Trees are read-only but for `shiftTree`, which reuses the tree of a document that an edit
 * only moved (parse/reuse.ts).
 */
import type { Span, YMap, YNode, YPair, YScalar, YSeq } from '../model/ytree';

/** A node's place in its file: two offsets, made into the `[start, end]` pair when asked. */
export abstract class Placed {
  constructor(
    private from: number,
    private to: number,
  ) {}

  get span(): Span {
    return [this.from, this.to];
  }

  /** Whether the node is at `[from, to]` (no pair made). */
  isAt(from: number, to: number): boolean {
    return this.from === from && this.to === to;
  }

  /** Move by `delta` (see shiftTree). */
  shift(delta: number): void {
    this.from += delta;
    this.to += delta;
  }
}

export class ScalarNode extends Placed implements YScalar {
  constructor(
    readonly value: YScalar['value'],
    readonly quoted: boolean,
    from: number,
    to: number,
  ) {
    super(from, to);
  }

  get t(): 'scalar' {
    return 'scalar';
  }
}

/** A block or flow mapping; its pairs in document order, read through the ReadonlyMap interface. */
export class MapNode extends Placed implements YMap, ReadonlyMap<string, YPair> {
  private index: Map<string, YPair> | undefined;

  constructor(
    /** The pairs in document order (read, never changed). */
    readonly list: readonly YPair[],
    from: number,
    to: number,
  ) {
    super(from, to);
  }

  get t(): 'map' {
    return 'map';
  }

  get pairs(): ReadonlyMap<string, YPair> {
    return this;
  }

  get size(): number {
    return this.list.length;
  }

  get(key: string): YPair | undefined {
    if (this.list.length > 8) {
      this.index ??= new Map(this.list.map((p) => [p.key, p]));
      return this.index.get(key);
    }
    for (const p of this.list) if (p.key === key) return p;
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[string, YPair]> {
    for (const p of this.list) yield [p.key, p];
  }

  *keys(): MapIterator<string> {
    for (const p of this.list) yield p.key;
  }

  values(): MapIterator<YPair> {
    return this.list.values();
  }

  forEach(f: (value: YPair, key: string, map: ReadonlyMap<string, YPair>) => void, thisArg?: unknown): void {
    for (const p of this.list) f.call(thisArg, p, p.key, this);
  }

  [Symbol.iterator](): MapIterator<[string, YPair]> {
    return this.entries();
  }
}

export class SeqNode extends Placed implements YSeq {
  constructor(
    readonly items: readonly YNode[],
    from: number,
    to: number,
  ) {
    super(from, to);
  }

  get t(): 'seq' {
    return 'seq';
  }
}

export class PairNode implements YPair {
  constructor(
    readonly key: string,
    readonly value: YNode | undefined,
    private keyFrom: number,
    private keyTo: number,
  ) {}

  shift(delta: number): void {
    this.keyFrom += delta;
    this.keyTo += delta;
  }

  get keySpan(): Span {
    return [this.keyFrom, this.keyTo];
  }

  /** Whether the key is at `[from, to]` (no pair made). */
  keyIsAt(from: number, to: number): boolean {
    return this.keyFrom === from && this.keyTo === to;
  }
}

/**
 * Move a tree built by these classes by `delta`, in place: its document moved and it is
 * reused rather than parsed again. Nodes in `seen` (shared through aliases, or already
 * moved with another resource of the same document) move once.
 */
export function shiftTree(n: YNode, delta: number, seen: Set<YNode>): void {
  if (seen.has(n)) return;
  seen.add(n);
  (n as ScalarNode | MapNode | SeqNode).shift(delta);
  if (n.t === 'seq') for (const item of n.items) shiftTree(item, delta, seen);
  else if (n.t === 'map') {
    for (const p of n.pairs.values()) {
      (p as PairNode).shift(delta);
      if (p.value) shiftTree(p.value, delta, seen);
    }
  }
}
