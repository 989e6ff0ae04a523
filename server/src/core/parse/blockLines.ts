/**
 * The lines of one document, for the fast block-YAML path (blockTree.ts): where each starts
 * and ends and how it is indented (up to a `...` document end marker), and the readers of
 * what a line holds — plain, quoted and block scalars, and flow collections (blockFlow.ts) —
 * with the spans and values `yaml` gives them. Anything
 * they do not read exactly as `yaml` would, they give up on (`fail`).
 */
import type { YNode, YScalar } from '../model/ytree';
import { blockScalarValue, doubleQuotedValue, plainValue, singleQuotedValue, unfold, type BlockLine } from './blockScalars';
import { ScalarNode } from './nodes';

/** Thrown to abandon the fast path; blockTree catches it, it never escapes. */
export const giveUp = new Error('not plain block YAML');

export function fail(): never {
  throw giveUp;
}

const TAB = 9;
const CR = 13;
const SPACE = 32;
const DQ = 34;
const HASH = 35;
const SQ = 39;
const DASH = 45;
const DOT = 46;
const COLON = 58;
/** The indentation of a line with a tab after its spaces. */
export const TABBED = -2;

/** A document's line table and the readers of single values on it; BlockParser builds the collections. */
export abstract class Lines {
  /** Line i is text[starts[i], ends[i]); indents[i] is its indentation, -1 for blank and comment lines, TABBED for a tab after the indentation. */
  protected readonly starts: Int32Array;
  protected readonly ends: Int32Array;
  protected readonly indents: Int32Array;
  /** Leading spaces of line i. */
  protected readonly widths: Int32Array;
  /** Whether lines end in `\r\n`. */
  protected readonly crlf: boolean;
  /** How many lines there are, up to a `...` that ends the document. */
  protected readonly lines: number;
  /** Where the document ends: at its `...` or at the end of the text. */
  protected readonly size: number;
  // What the last parse step left besides its node (fields, not objects, to spare the GC):
  /** where `yaml` ends the value for its collection's span (a chunk offset); */
  protected end = 0;
  /** whether it is a one-line scalar or flow collection (deeper comments right after it extend its end); */
  protected trailing = false;
  /** the line after it; */
  protected line = 0;
  /** the comment lines `comments` found; */
  protected readonly found: number[] = [];

  constructor(
    protected readonly text: string,
    protected readonly offset: number,
  ) {
    this.crlf = text.includes('\r');
    let n = 1;
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) n++;
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.indents = new Int32Array(n);
    this.widths = new Int32Array(n);
    let lines = n;
    let size = text.length;
    for (let s = 0, line = 0; line < n; line++) {
      let e = text.indexOf('\n', s);
      if (e < 0) e = text.length;
      const next = e + 1;
      // A line ends before its `\r\n`.
      if (text.charCodeAt(e - 1) === CR && e > s) e--;
      let i = s;
      while (i < e && text.charCodeAt(i) === SPACE) i++;
      if (i - s > 500) fail(); // nesting too deep to recurse
      this.starts[line] = s;
      this.ends[line] = e;
      this.widths[line] = i - s;
      // A tab after the indentation is only fine inside a block scalar (see `blockScalar`).
      this.indents[line] = text.charCodeAt(i) === TAB ? TABBED : i === e || text.charCodeAt(i) === HASH ? -1 : i - s;
      if (i === s && text.charCodeAt(s) === DOT && documentEnd(text, s, e)) {
        // The document ends before `...` (a quoted scalar going on over it sees it, and gives up).
        lines = line;
        size = s;
        break;
      }
      s = next;
    }
    this.lines = lines;
    this.size = size;
  }

  protected nextContent(from: number): number {
    let i = from;
    while (i < this.lines && this.indents[i]! < 0) if (this.indents[i++] === TABBED) fail();
    return i;
  }

  /** The next content line from `from`; the comment lines before it go to `found`. */
  protected comments(from: number): number {
    this.found.length = 0;
    let i = from;
    for (; i < this.lines && this.indents[i]! < 0; i++) {
      if (this.indents[i] === TABBED) fail();
      if (this.starts[i]! + this.spacesAt(i) < this.ends[i]!) this.found.push(i);
    }
    return i;
  }

  protected isSeqItem(i: number, at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.ends[i] || this.text.charCodeAt(at + 1) === SPACE);
  }

  protected set(end: number, trailing: boolean, line: number): void {
    this.end = end;
    this.trailing = trailing;
    this.line = line;
  }

  /** A scalar or flow collection that starts at `v` on line i; `parent` is its collection's column. */
  protected inline(i: number, v: number, parent: number): YNode {
    const c = this.text.charCodeAt(v);
    if (c === 0x7c || c === 0x3e) return this.blockScalar(i, v, parent); // | >
    let node: YNode;
    let last: number;
    if (c === DQ || c === SQ) {
      const close = this.closingQuote(v);
      if (close < 0) fail();
      last = this.continued(i, close);
      node = this.scalar(this.quotedValue(v, close), v, close + 1, true);
      this.rest(close + 1, this.ends[last]!);
    } else if (c === 0x5b || c === 0x7b) {
      const f = this.flow(i, v, parent);
      node = f.node;
      last = f.last;
      this.rest(f.end, this.ends[last]!);
    } else {
      if (!plainStart(c, this.text.charCodeAt(v + 1))) fail();
      const p = this.plain(i, v, parent);
      last = p.last;
      node = this.scalar(plainValue(last === i ? this.text.slice(v, p.end) : unfold(this.text.slice(v, p.end))), v, p.end, false);
    }
    this.set(this.after(last), true, last + 1);
    return node;
  }

  /**
   * A plain scalar from `v`: to a ` #` comment or the end of its line, and on over the
   * following lines indented deeper than `parent` (folded). Never holding `: ` (or `:` and a
   * tab), or ending in `:` (that would be a key); tabs are white space like spaces. Returns
   * its end and last line.
   */
  protected plain(i: number, v: number, parent: number): { end: number; last: number } {
    let end = v;
    let last: number;
    for (let line = i, from = v; ;) {
      const lineEnd = this.ends[line]!;
      let comment = false;
      for (let j = from; j < lineEnd; j++) {
        const ch = this.text.charCodeAt(j);
        if (ch === HASH && isBlank(this.text.charCodeAt(j - 1))) {
          comment = true;
          break;
        }
        if (ch === COLON && (j + 1 === lineEnd || isBlank(this.text.charCodeAt(j + 1)))) fail();
        if (!isBlank(ch)) end = j + 1;
      }
      last = line;
      if (comment) return { end, last };
      // The next non-blank line continues the scalar if it is deeper than the parent and no comment.
      do line++;
      while (line < this.lines && this.starts[line]! + this.spacesAt(line) === this.ends[line]);
      if (line === this.lines || this.spacesAt(line) <= parent || this.indents[line]! < 0) return { end, last };
      from = this.starts[line]! + this.indents[line]!;
    }
  }

  /** The offset of the quote closing the one at `at` (found as `yaml`'s lexer does), or -1. */
  protected closingQuote(at: number): number {
    const q = this.text[at]!;
    let end = this.text.indexOf(q, at + 1);
    if (q === "'") {
      while (end !== -1 && this.text[end + 1] === "'") end = this.text.indexOf("'", end + 2);
      return end;
    }
    while (end !== -1) {
      let n = 0;
      while (this.text[end - 1 - n] === '\\') n++;
      if (n % 2 === 0) break;
      end = this.text.indexOf('"', end + 1);
    }
    return end;
  }

  /**
   * The line of offset `close`, where a quoted scalar from line i ends. Its lines may be
   * indented less than its key: go-yaml only looks for the closing quote (yamlFallback.ts
   * makes `yaml` agree), but a document marker at the start of one ends the document.
   */
  protected continued(i: number, close: number): number {
    let line = i;
    while (this.ends[line]! < close) {
      line++;
      const s = this.starts[line]!;
      if (
        this.widths[line] === 0 &&
        (this.text.startsWith('...', s) || this.text.startsWith('---', s)) &&
        (s + 3 >= this.text.length || ' \t\r\n'.includes(this.text[s + 3]!))
      )
        fail();
    }
    return line;
  }

  protected quotedValue(at: number, close: number): string {
    const source = this.text.slice(at, close + 1);
    const value = this.text[at] === "'" ? singleQuotedValue(source) : doubleQuotedValue(source);
    return value ?? fail();
  }

  /** After a quoted scalar or flow sequence: only spaces and a comment may follow on the line. */
  protected rest(from: number, lineEnd: number): void {
    let j = from;
    while (j < lineEnd && isBlank(this.text.charCodeAt(j))) j++;
    if (j < lineEnd && (this.text.charCodeAt(j) !== HASH || j === from)) fail();
  }

  /** The flow collection at `at` on line i (see blockFlow.ts): the node, its last line, and the offset after its closing bracket. */
  protected abstract flow(i: number, at: number, parent: number): { node: YNode; last: number; end: number };

  /**
   * `|`, `>`, with `-` (strip) or `+` (keep) chomping, at `at`, and the lines under it: blank,
   * or at least as deep as the first content line, which must be deeper than `parent`.
   * Trailing blank lines are part of it only when kept. Blank lines wider than the content
   * indentation before or after the text give up.
   */
  protected blockScalar(i: number, at: number, parent: number): YScalar {
    const folded = this.text.charCodeAt(at) === 0x3e;
    const strip = this.text.charCodeAt(at + 1) === DASH;
    const keep = this.text.charCodeAt(at + 1) === 0x2b; // `|+`
    this.rest(strip || keep ? at + 2 : at + 1, this.ends[i]!); // so `|2` and the like give up
    let first = -1;
    let indent = 0;
    let last = -1;
    let widestBlank = 0; // of the blank lines since the last content line
    for (let j = i + 1; j < this.lines; j++) {
      const width = this.widths[j]!;
      if (this.starts[j]! + width === this.ends[j]) {
        widestBlank = Math.max(widestBlank, width);
        continue;
      }
      if (first < 0) {
        if (width <= parent) break;
        first = j;
        indent = width;
        if (widestBlank > indent) fail(); // leading blank lines wider than the text: `yaml` wants an indentation indicator
      } else if (width < indent) break;
      last = j;
      widestBlank = 0; // wider blank lines between text lines are text: their spaces beyond the indentation
    }
    if (first < 0 || widestBlank > indent) fail(); // empty, or trailing blank lines `yaml` would read as content
    // Keeping (`|+`), the blank lines after the text (ended by a line break) are line breaks of it.
    let kept = last;
    for (let j = last + 1; keep && j < this.lines && this.starts[j]! + this.widths[j]! === this.ends[j]; j++) {
      if (this.after(j) > this.ends[j]!) kept = j;
      else if (this.widths[j]! > 0) fail(); // spaces closing the text: `yaml` ends the span after them
    }
    const end = this.after(kept);
    this.set(end, false, kept + 1);
    let value: string;
    if (!folded && !this.crlf) {
      // Literal: the lines as they are, less the indentation, in one pass (split at \n only:
      // a regular expression's `^` would also match after U+2028 and U+2029, which are text).
      const body = this.text.slice(this.starts[first]! + indent, this.ends[last]).replace(indentation(indent), '\n');
      value = '\n'.repeat(first - i - 1) + body + (strip ? '' : '\n');
    } else {
      const lines: BlockLine[] = [];
      for (let j = first; j <= last; j++)
        lines.push({ indent: this.widths[j]!, text: this.text.slice(this.starts[j]! + this.widths[j]!, this.ends[j]) });
      value = blockScalarValue(lines, first - i - 1, indent, folded, strip);
    }
    if (kept > last) value += '\n'.repeat(kept - last);
    return this.scalar(value, at, end, false);
  }

  /** Where line i ends with its line break: the next line's start. */
  protected after(i: number): number {
    return i + 1 < this.lines ? this.starts[i + 1]! : this.size;
  }

  protected spacesAt(i: number): number {
    return this.widths[i]!;
  }

  protected scalar(value: YScalar['value'], from: number, to: number, quoted: boolean): YScalar {
    return new ScalarNode(value, quoted, from + this.offset, to + this.offset);
  }
}

/**
 * Whether the line [s, e) is a `...` document end marker: then only blank lines and
 * comments may follow (anything else, a next document without `---`, is left to `yaml`).
 */
function documentEnd(text: string, s: number, e: number): boolean {
  if (!text.startsWith('...', s) || (s + 3 < e && text.charCodeAt(s + 3) !== SPACE)) return false;
  for (let j = s + 3; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === HASH) {
      // A comment (only spaces and line breaks come before it): to the end of its line.
      const nl = text.indexOf('\n', j);
      if (nl < 0) break;
      j = nl;
    } else if (c !== SPACE && c !== 10 && (c !== CR || text.charCodeAt(j + 1) !== 10)) fail();
  }
  return true;
}

/** A line break and up to n spaces after it: a literal block scalar's indentation. */
const indentations = Array.from({ length: 41 }, (_, n) => new RegExp(`\n {0,${n}}`, 'g'));

function indentation(n: number): RegExp {
  return indentations[n] ?? new RegExp(`\n {0,${n}}`, 'g');
}

/** A space or a tab: white space between tokens. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Whether a plain scalar may start with c (followed by d): no indicator, and `-`, `?`, `:` only before a non-space. */
export function plainStart(c: number, d: number): boolean {
  if (!(c > SPACE)) return false;
  if (c === DASH || c === COLON || c === 0x3f) return d > SPACE;
  return !',[]{}#&*!|>\'"%@`'.includes(String.fromCharCode(c));
}
