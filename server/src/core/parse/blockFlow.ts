/**
 * Flow collections for the fast block-YAML path (blockTree.ts): `[a, "b", 3]` and
 * `{k: v, "q": [x]}`, nested, on one line or over many, with comments between items and a
 * trailing comma, read with the values and spans `yaml` gives them. Its lexer's rules:
 * the lines inside are deeper than the collection's parent, but for the outer collection's
 * closing bracket, which may sit at the parent's column; a plain item ends at `,`, `]`,
 * `}`, a ` #` comment, or the end of its line when the next line starts with one of these.
 * Anchors, aliases, tags, `?` keys, empty values and keys, pairs inside sequences, values
 * on the line after their key, plain items over lines, quotes inside plain items and tabs
 * are left to `yaml` (`fail`).
 */
import type { YMap, YNode, YPair, YScalar, YSeq } from '../model/ytree';
import type { Duplicate } from './toTree';
import { plainKey, plainValue } from './blockScalars';
import { fail, Lines, plainStart, TABBED } from './blockLines';
import { MapNode, PairNode, SeqNode } from './nodes';

const TAB = 9;
const SPACE = 32;
const DQ = 34;
const HASH = 35;
const SQ = 39;
const COMMA = 44;
const COLON = 58;
const QUESTION = 63;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** The readers of flow collections, over the line table; BlockParser builds the block collections on top. */
export abstract class FlowLines extends Lines {
  /** Keys given twice, in block and flow maps alike. */
  duplicates: Duplicate[] | undefined;
  /** The line the flow reader is on, the column of its outer collection's parent, and the offset after the last node it read. */
  private flowLine = 0;
  private flowParent = 0;
  private flowAt = 0;

  constructor(
    text: string,
    offset: number,
    /** The copy of each map key to keep (see ParseContext). */
    protected readonly shared: (k: string) => string,
  ) {
    super(text, offset);
  }

  /**
   * The flow collection at `at` on line i, whose parent collection is at column `parent`:
   * the node, its last line, and the offset after its closing bracket.
   */
  protected flow(i: number, at: number, parent: number): { node: YNode; last: number; end: number } {
    this.flowLine = i;
    this.flowParent = parent;
    const node = this.collection(at, true);
    return { node, last: this.flowLine, end: this.flowAt };
  }

  /** The `[` or `{` collection at j (`outer`: not inside another one). */
  private collection(j: number, outer: boolean): YMap | YSeq {
    const isMap = this.text.charCodeAt(j) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const start = j;
    const items: YNode[] = [];
    const pairs: YPair[] = [];
    let keys: Map<string, number> | undefined; // where each key is, once a map is large
    j = this.skip(j + 1, outer);
    while (this.text.charCodeAt(j) !== close) {
      if (isMap) keys = this.pair(j, pairs, keys);
      else items.push(this.node(j));
      j = this.skip(this.flowAt, outer);
      const c = this.text.charCodeAt(j);
      if (c === COMMA) j = this.skip(j + 1, outer);
      else if (c !== close) fail();
    }
    this.flowAt = j + 1;
    const from = start + this.offset;
    return isMap ? new MapNode(pairs.slice(), from, j + 1 + this.offset) : new SeqNode(items.slice(), from, j + 1 + this.offset);
  }

  /**
   * A pair of a flow map at j, added to `pairs`: a key on one line, quoted or plain, its `:`
   * and a value that starts on the same line. A key given twice keeps its first place and
   * takes the last value, as in a block map. Returns the index of `pairs` once it is large.
   */
  private pair(j: number, pairs: YPair[], keys: Map<string, number> | undefined): Map<string, number> | undefined {
    const lineEnd = this.ends[this.flowLine]!;
    const c = this.text.charCodeAt(j);
    let key: string;
    let keyTo: number;
    let v: number;
    if (c === DQ || c === SQ) {
      const q = this.closingQuote(j);
      if (q < 0 || q >= lineEnd) fail();
      key = this.quotedValue(j, q);
      keyTo = q + 1;
      // After a quoted key, `:` needs no space after it (`{"a":1}`).
      if (this.text.charCodeAt(keyTo) !== COLON) fail();
      v = keyTo + 1;
    } else {
      if (!plainStart(c, this.text.charCodeAt(j + 1)) || c === QUESTION || c === COLON) fail();
      keyTo = j;
      for (v = j; ; v++) {
        if (v === lineEnd) fail(); // no `: ` on the key's line
        const ch = this.text.charCodeAt(v);
        if (ch === COLON) {
          if (v + 1 === lineEnd || this.text.charCodeAt(v + 1) === SPACE) break;
          if (isFlowIndicator(this.text.charCodeAt(v + 1))) fail(); // an empty value
        } else if (isFlowIndicator(ch) || ch === TAB || ch === DQ || ch === SQ || (ch === HASH && this.text.charCodeAt(v - 1) === SPACE))
          fail();
        if (ch !== SPACE) keyTo = v + 1;
      }
      // Null keys (`~:`) and merge keys are left to `yaml`.
      key = plainKey(this.text.slice(j, keyTo)) ?? fail();
      if (key === '<<') fail();
      v++;
    }
    while (v < lineEnd && this.text.charCodeAt(v) === SPACE) v++;
    if (v === lineEnd || this.text.charCodeAt(v) === HASH) fail(); // the value on a line of its own, or none
    key = this.shared(key);
    const pair = new PairNode(key, this.node(v), j + this.offset, keyTo + this.offset);
    let twice = -1;
    if (pairs.length < 32) {
      for (let k = 0; k < pairs.length; k++) if (pairs[k]!.key === key) twice = k;
    } else {
      // A large map: its keys in a map, so that the check stays linear.
      if (!keys) {
        keys = new Map();
        for (let k = 0; k < pairs.length; k++) keys.set(pairs[k]!.key, k);
      }
      twice = keys.get(key) ?? -1;
      if (twice < 0) keys.set(key, pairs.length);
    }
    if (twice < 0) pairs.push(pair);
    else {
      (this.duplicates ??= []).push({ key, first: pairs[twice]!.keySpan, second: pair.keySpan });
      pairs[twice] = pair;
    }
    return keys;
  }

  /** The item or value at j: a nested collection, a quoted scalar or a plain one. */
  private node(j: number): YNode {
    const c = this.text.charCodeAt(j);
    if (c === LBRACKET || c === LBRACE) return this.collection(j, false);
    if (c === DQ || c === SQ) {
      const close = this.closingQuote(j);
      if (close < 0) fail();
      this.flowLine = this.continued(this.flowLine, close);
      this.flowAt = close + 1;
      return this.scalar(this.quotedValue(j, close), j, close + 1, true);
    }
    return this.flowPlain(j);
  }

  /**
   * A plain item at j: to `,`, `]`, `}`, a ` #` comment or the end of the line. Never
   * holding a `:` that would make it a key, a tab, a quote or an opening bracket.
   */
  private flowPlain(j: number): YScalar {
    const c = this.text.charCodeAt(j);
    // `?` opens a key in a flow collection (for go-yaml, always): left to `yaml`.
    if (!plainStart(c, this.text.charCodeAt(j + 1)) || c === QUESTION) fail();
    const lineEnd = this.ends[this.flowLine]!;
    const s = j;
    let e = j;
    for (; j < lineEnd; j++) {
      const ch = this.text.charCodeAt(j);
      if (ch === COMMA || ch === RBRACKET || ch === RBRACE || (ch === HASH && this.text.charCodeAt(j - 1) === SPACE)) break;
      if (ch === COLON && (j + 1 === lineEnd || this.text.charCodeAt(j + 1) === SPACE || isFlowIndicator(this.text.charCodeAt(j + 1))))
        fail(); // a pair
      if (ch === TAB || ch === LBRACKET || ch === LBRACE || ch === DQ || ch === SQ) fail();
      if (ch !== SPACE) e = j + 1;
    }
    if (j === lineEnd) this.endsOnItsLine();
    this.flowAt = j;
    return this.scalar(plainValue(this.text.slice(s, e)), s, e, false);
  }

  /** A plain item reached the end of its line: it ends there only if the next line that is not blank goes on with `,` `]` `}` or a comment. */
  private endsOnItsLine(): void {
    for (let line = this.flowLine + 1; line < this.lines; line++) {
      const at = this.starts[line]! + this.widths[line]!;
      if (at === this.ends[line]) continue;
      const c = this.text.charCodeAt(at);
      if (c === COMMA || c === RBRACKET || c === RBRACE || c === HASH) return;
      break;
    }
    fail();
  }

  /**
   * Past spaces, line breaks and comments from j, to the next token. A new line must be
   * deeper than the outer collection's parent; a closing bracket of the outer collection
   * may be at the parent's column.
   */
  private skip(j: number, outer: boolean): number {
    for (;;) {
      const c = this.text.charCodeAt(j);
      if (c === SPACE) j++;
      else if (
        j >= this.ends[this.flowLine]! ||
        (c === HASH && (j === this.starts[this.flowLine] || this.text.charCodeAt(j - 1) === SPACE))
      ) {
        const line = ++this.flowLine;
        if (line >= this.lines) fail();
        const indent = this.indents[line]!;
        if (indent === TABBED) fail();
        if (indent >= 0 && indent <= this.flowParent) {
          const d = this.text.charCodeAt(this.starts[line]! + indent);
          if (!outer || indent !== this.flowParent || (d !== RBRACKET && d !== RBRACE)) fail();
        }
        j = this.starts[line]!;
      } else return j;
    }
  }
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}
