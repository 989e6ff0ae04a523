/**
 * A fast path for the YAML that manifests are made of: block mappings and sequences, plain,
 * quoted and block scalars, flow sequences and maps (blockFlow.ts), anchors and aliases,
 * comments, a `...` end. Line by line, without tokens or an AST, it builds the same YNode
 * tree with the same spans as `parseDocument` + `toTree` (ten times faster, with a tenth of
 * the garbage). Anything else — tags, merge keys, anchors inside flow collections, `|+` and
 * indentation indicators, tabs in indentation, odd indentation, a syntax error — makes it give up
 * (undefined), and the caller parses the document with `yaml`, which also reports the
 * error. A key given twice keeps its first place and takes the last value, as toTree has
 * it, and is recorded in `duplicates`. Comments are free, except that `yaml` lets some of
 * them stretch the span of a collection they close (see `settle`, `close` and `below`). test/unit/blockTree.test.ts holds the
 * two parsers to the same trees: on hand-written cases, on the corpus, and on the corpus
 * with random lines inserted.
 */
import type { YMap, YNode, YPair, YSeq } from '../model/ytree';
import type { Duplicate } from './toTree';
import { FlowLines } from './blockFlow';
import { plainKey } from './blockScalars';
import { fail, giveUp, isBlank } from './blockLines';
import { MapNode, PairNode, SeqNode } from './nodes';

/**
 * The tree of one document's text (`offset`: where it starts in its file), or undefined.
 * `key` gives the copy of each map key to keep (see ParseContext); keys given twice are
 * added to `duplicates` (only when the tree is returned).
 */
export function blockTree(text: string, offset: number, key: (k: string) => string = (k) => k, duplicates?: Duplicate[]): YMap | undefined {
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined; // a line break of its own
  try {
    const parser = new BlockParser(text, offset, key);
    const root = parser.document();
    if (parser.duplicates) duplicates?.push(...parser.duplicates);
    return root;
  } catch (e) {
    // Absurd nesting is left to `yaml` (and its error), like every other oddity.
    if (e === giveUp || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Comment lines after the last item of a collection, waiting for a closing collection to take them. */
interface Pending {
  indents: number[];
  /** Where the comments and the blank lines and indentation after them end: the next token. */
  end: number;
  /** After a null value: every collection the null closes ends there, even at column 0. */
  force?: boolean;
}

// Character codes (here as in blockLines.ts: constants of this module stay constants when it is loaded on its own).
const TAB = 9;
const SPACE = 32;
const DQ = 34;
const HASH = 35;
const AMP = 38;
const SQ = 39;
const STAR = 42;
const DASH = 45;
const COLON = 58;

/** The collections of a document, over its lines. */
class BlockParser extends FlowLines {
  private pending: Pending | undefined;
  /** The key `keyAt` found, with the end of its span. */
  private key = '';
  private keyTo = 0;
  /** Anchors seen so far, and those whose node is being read. */
  private anchors: Map<string, YNode> | undefined;
  private open: Set<string> | undefined;
  /** The pairs and items of the collections being read, innermost last: each copies its own out when done. */
  private readonly pairStack: YPair[] = [];
  private readonly itemStack: YNode[] = [];

  document(): YMap {
    // The first line is what followed `---`: content there (`--- !tag`, `--- |`) gives up.
    const first = this.nextContent(0);
    if (first === this.lines || this.indents[first] !== 0 || this.keyAt(first, this.starts[first]!) < 0) fail();
    // Comments still pending at the end go to the document, not to the tree.
    const root = this.map(first, 0, this.starts[first]!);
    if (this.line !== this.lines) fail();
    return root;
  }

  /**
   * Where the last item of a collection ends, given the comments after it (`found`), as
   * `yaml` has it: comments indented deeper than the collection, right after a one-line
   * value, extend that value when the collection closes; the others wait (`pending`) for
   * `close` to decide.
   */
  private settle(end: number, trailing: boolean, indent: number, closes: boolean, next: number): number {
    if (closes && this.pending?.force) return this.pending.end; // after a null, see `below`
    const found = this.found;
    let k = 0;
    if (trailing) {
      for (; k < found.length && this.spacesAt(found[k]!) > indent; k++) if (closes) end = this.after(found[k]!);
    }
    if (k < found.length)
      this.pending = {
        indents: found.slice(k).map((l) => this.spacesAt(l)),
        end: next === this.lines ? this.size : this.starts[next]! + this.indents[next]!,
      };
    return end;
  }

  /**
   * A closing collection keeps the pending comments (and, for its parent's span, ends after
   * them) unless it is at column 0 or they are all indented less: then they move up.
   */
  private close(end: number, indent: number): number {
    const p = this.pending;
    if (p && (p.force || (indent !== 0 && !p.indents.every((x) => x < indent)))) {
      this.pending = undefined;
      return p.end;
    }
    return end;
  }

  /**
   * A key at `at` on line i — plain, or quoted on one line — followed by `: ` or `:` at the
   * end of the line (spaces may come before the `:`): the offset of that `:` (the key in
   * `key`, its span's end in `keyTo`), or -1.
   */
  private keyAt(i: number, at: number): number {
    const end = this.ends[i]!;
    const c = this.text.charCodeAt(at);
    if (c === DQ || c === SQ) {
      const close = this.closingQuote(at);
      let colon = close + 1;
      while (colon < end && this.text.charCodeAt(colon) === SPACE) colon++; // `"key" : value`
      if (
        close < 0 ||
        close >= end ||
        colon >= end ||
        this.text.charCodeAt(colon) !== COLON ||
        (colon + 1 < end && !isBlank(this.text.charCodeAt(colon + 1)))
      )
        return -1;
      this.key = this.shared(this.quotedValue(at, close));
      this.keyTo = close + 1;
      return colon;
    }
    // A plain key starts with a letter, digit or one of `_./$`, or `-` before a non-space.
    if (!(isWordChar(c) || (c === DASH && at + 1 < end && this.text.charCodeAt(at + 1) !== SPACE))) return -1;
    for (let j = at + 1; j < end; j++) {
      const ch = this.text.charCodeAt(j);
      if (ch === COLON && (j + 1 === end || isBlank(this.text.charCodeAt(j + 1)))) {
        // The key ends at its last non-space (`key : value`).
        let k = j;
        while (this.text.charCodeAt(k - 1) === SPACE) k--;
        // A null key (`~:`) is left to `yaml`.
        this.key = this.shared(plainKey(this.text.slice(at, k)) ?? fail());
        this.keyTo = k;
        return j;
      }
      if ((ch === HASH && this.text.charCodeAt(j - 1) === SPACE) || ch === TAB) return -1;
    }
    return -1;
  }

  /** A block mapping whose first key starts at `at` on line i; every key sits at column `indent`. */
  private map(i: number, indent: number, at: number): YMap {
    const pairs = this.pairStack;
    const base = pairs.length;
    let keys: Map<string, number> | undefined; // where each key is, once a map is large
    const start = at;
    for (;;) {
      const colon = this.keyAt(i, at);
      const key = this.key;
      if (colon < 0 || key === '<<') fail();
      if (pairs.length - base === 32 && !keys) {
        keys = new Map();
        for (let k = base; k < pairs.length; k++) keys.set(pairs[k]!.key, k);
      }
      const twice = keys ? (keys.get(key) ?? -1) : indexOf(pairs, base, key);
      const keyTo = this.keyTo;
      const lineEnd = this.ends[i]!;
      let v = colon + 1;
      while (v < lineEnd && isBlank(this.text.charCodeAt(v))) v++; // `key:<tab>value` too
      const value = this.value(i, v, indent, true);
      const pair = new PairNode(key, value, at + this.offset, keyTo + this.offset);
      if (twice < 0) {
        keys?.set(key, pairs.length);
        pairs.push(pair);
      } else {
        (this.duplicates ??= []).push({ key, first: pairs[twice]!.keySpan, second: pair.keySpan });
        pairs[twice] = pair;
      }
      const { end, trailing } = this;
      const line = this.comments(this.line);
      const closes = line === this.lines || this.indents[line]! < indent;
      const last = this.settle(end, trailing, indent, closes, line);
      if (closes) {
        this.set(this.close(last, indent), false, line);
        return new MapNode(popFrom(pairs, base), start + this.offset, last + this.offset);
      }
      if (this.indents[line]! > indent || this.isSeqItem(line, this.starts[line]! + indent)) fail();
      this.pending = undefined; // comments between items belong to the next one
      i = line;
      at = this.starts[i]! + indent;
    }
  }

  /** A block sequence whose items start at column `indent`, from line i. */
  private seq(i: number, indent: number): YSeq {
    const items = this.itemStack;
    const base = items.length;
    const start = this.starts[i]! + indent;
    for (;;) {
      const lineEnd = this.ends[i]!;
      let v = this.starts[i]! + indent + 1;
      while (v < lineEnd && this.text.charCodeAt(v) === SPACE) v++;
      items.push(this.value(i, v, indent, false));
      const { end, trailing } = this;
      const line = this.comments(this.line);
      const closes =
        line === this.lines ||
        this.indents[line]! < indent ||
        (this.indents[line] === indent && !this.isSeqItem(line, this.starts[line]! + indent));
      const last = this.settle(end, trailing, indent, closes, line);
      if (closes) {
        this.set(this.close(last, indent), false, line);
        return new SeqNode(popFrom(items, base), start + this.offset, last + this.offset);
      }
      if (this.indents[line]! > indent) fail();
      this.pending = undefined;
      i = line;
    }
  }

  /**
   * The value of a pair (`inMap`) or of a sequence item, starting at `v` on line i or, when
   * the line ends there, on the lines below; `indent` is the collection's column. An anchor
   * (`&a`) names the value; an alias (`*a`) is the node it names, shared, as toTree has it.
   */
  private value(i: number, v: number, indent: number, inMap: boolean): YNode {
    const lineEnd = this.ends[i]!;
    const c = this.text.charCodeAt(v);
    if (c === AMP || c === STAR) {
      let e = v + 1;
      while (e < lineEnd && !' \t,[]{}'.includes(this.text[e]!)) e++;
      const name = this.text.slice(v + 1, e);
      let w = e;
      while (w < lineEnd && this.text.charCodeAt(w) === SPACE) w++;
      // An empty or odd name, a name in use inside its own node, `*a:`, `&a key: value` (which anchors the key): left to `yaml`.
      if (name === '' || (e < lineEnd && this.text.charCodeAt(e) !== SPACE) || this.open?.has(name) || name.endsWith(':')) fail();
      if (c === STAR) {
        this.rest(e, lineEnd);
        this.set(this.after(i), true, i + 1);
        return this.anchors?.get(name) ?? fail();
      }
      if (
        w < lineEnd &&
        this.text.charCodeAt(w) !== HASH &&
        (this.keyAt(i, w) >= 0 || this.text.charCodeAt(w) === AMP || this.text.charCodeAt(w) === STAR)
      )
        fail();
      (this.open ??= new Set()).add(name);
      const node = w === lineEnd || this.text.charCodeAt(w) === HASH ? this.below(i, w, indent, inMap, false) : this.inline(i, w, indent);
      this.open.delete(name);
      (this.anchors ??= new Map()).set(name, node);
      return node;
    }
    if (v === lineEnd || c === HASH) return this.below(i, v, indent, inMap, inMap);
    if (!inMap && this.isSeqItem(i, v)) fail(); // `- - x`
    if (!inMap && this.keyAt(i, v) >= 0) return this.map(i, v - this.starts[i]!, v); // `- key: value`, a mapping at the key's column
    return this.inline(i, v, indent);
  }

  /**
   * The value on the lines below line i (deeper, or in a map a sequence at its column), or
   * null where `nullable`: a plain `key:` with nothing below, at `v`.
   */
  private below(i: number, v: number, indent: number, inMap: boolean, nullable: boolean): YNode {
    const n = this.nextContent(i + 1);
    if (
      n < this.lines &&
      (this.indents[n]! > indent || (inMap && this.indents[n] === indent && this.isSeqItem(n, this.starts[n]! + indent)))
    )
      return this.block(n, indent);
    if (!nullable) fail();
    this.set(v, false, n);
    // Comments after a null, on its line or below, stretch the collections it closes to the next token.
    this.comments(i + 1);
    if (v < this.ends[i]! || this.found.length > 0)
      this.pending = { indents: [], end: n === this.lines ? this.size : this.starts[n]! + this.indents[n]!, force: true };
    return this.scalar(null, v, v, false);
  }

  /** The value that starts on content line i, below its key or dash; `parent` is their column. */
  private block(i: number, parent: number): YNode {
    const indent = this.indents[i]!;
    const at = this.starts[i]! + indent;
    if (this.isSeqItem(i, at)) return this.seq(i, indent);
    if (this.keyAt(i, at) >= 0) return this.map(i, indent, at);
    const c = this.text.charCodeAt(at);
    if (c === 0x7c || c === 0x3e) fail(); // a block scalar on its own line
    return this.inline(i, at, parent);
  }
}

/** The entries of `stack` from `base` on, taken off it: an array of just their size (trees are kept as long as their file). */
function popFrom<T>(stack: T[], base: number): T[] {
  const out = stack.slice(base);
  stack.length = base;
  return out;
}

function indexOf(pairs: readonly YPair[], from: number, key: string): number {
  for (let k = from; k < pairs.length; k++) if (pairs[k]!.key === key) return k;
  return -1;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2f || c === 0x24
  );
}
