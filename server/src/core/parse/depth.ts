/**
 * A cheap look at how deeply a document nests, before `yaml` parses it: 20,000 `[` on a
 * line (or `- - - …`) would make the parser recurse until the stack runs out, which takes
 * time and memory before it fails. Counting brackets and compact `- ` indicators (outside
 * quotes and comments) finds such documents in one pass over the text.
 */

/** Deeper than this, a document is reported instead of parsed (the tree converter stops at 2,000). */
export const maxNesting = 1000;

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQ = 34;
const HASH = 35;
const SQ = 39;
const COMMA = 44;
const DASH = 45;
const QUESTION = 63;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/**
 * Where a document's text first nests deeper than `limit` levels — of flow collections, of
 * compact block sequences (`- - -`), or of block indentation — or -1.
 */
export function tooDeepAt(text: string, limit = maxNesting): number {
  let flow = 0;
  let lineStart = true;
  let compact = 0;
  let column = 0;
  let leading = true;
  // The indentation of each block level open on the way to this line.
  const indents: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      lineStart = true;
      leading = true;
      compact = 0;
      column = 0;
      continue;
    }
    if (lineStart) {
      // A line at column 0 that opens no collection starts a new top-level key: any flow collection is over.
      if (c !== SPACE && c !== TAB && c !== CR && c !== LBRACKET && c !== LBRACE && c !== RBRACKET && c !== RBRACE && c !== COMMA) flow = 0;
      lineStart = false;
    }
    if (leading) {
      if (c === SPACE) {
        column++;
        continue;
      }
      leading = false;
      if (c !== HASH && c !== CR && c !== TAB) {
        while (indents.length > 0 && indents[indents.length - 1]! >= column) indents.pop();
        indents.push(column);
        if (indents.length > limit) return i;
      }
    }
    if ((c === DASH || c === QUESTION) && compact >= 0) {
      const next = text.charCodeAt(i + 1);
      if (next === SPACE || next === TAB) {
        if (++compact > limit) return i;
        i++;
        continue;
      }
    }
    if (c !== SPACE && c !== TAB) compact = -1; // past the line's leading indicators
    if (c === LBRACKET || c === LBRACE) {
      if (++flow > limit) return i;
    } else if (c === RBRACKET || c === RBRACE) {
      if (flow > 0) flow--;
    } else if (c === DQ || c === SQ) {
      i = quotedEnd(text, i, c);
    } else if (c === HASH && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    }
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

/** The index of the quote that closes the one at `at` (or the end of the text). */
function quotedEnd(text: string, at: number, quote: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === DQ && c === BACKSLASH) i++;
    else if (c === quote) {
      if (quote === SQ && text.charCodeAt(i + 1) === SQ) i++;
      else return i;
    }
  }
  return text.length;
}
