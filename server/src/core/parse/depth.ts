/**
 * A cheap look at how deeply a document nests, before `yaml` parses it: 20,000 `[` on a
 * line (or `- - - …`, or flow collections opened a few per line over many lines) make the
 * parser recurse and allocate until the stack or the heap runs out. One pass over the text
 * counts every kind of nesting together, over the whole document — block levels by
 * indentation and by compact `- ` / `? ` indicators, and flow collections — as `yaml`'s
 * first reading of the text sees them: brackets count where a node starts (and anywhere
 * inside a flow collection), not inside quotes, comments, plain text or block scalars.
 * It may count more than `yaml` nests (a flow collection `yaml` abandons at a line indented
 * too little stays open here), never less.
 */

/** Deeper than this, a document is reported instead of parsed (the tree converter stops at 2,000). */
export const maxNesting = 1000;

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQ = 34;
const HASH = 35;
const AMP = 38;
const SQ = 39;
const STAR = 42;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const GT = 62;
const QUESTION = 63;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** Where a document's text first nests deeper than `limit` levels, or -1. Linear in the text, memory bounded by `limit`. */
export function tooDeepAt(text: string, limit = maxNesting): number {
  const n = text.length;
  // The columns of the block levels open here, innermost last.
  const indents: number[] = [];
  let flow = 0;
  // While flow > 0: the column a line must be indented past for a quoted scalar to go on (-1: any).
  let flowCut = -1;
  // Lines indented more than this are a block scalar's text (-1: none open).
  let blockText = -1;
  let i = 0;
  while (i < n) {
    let lineStart = i;
    while (i < n && text.charCodeAt(i) === SPACE) i++;
    const col = i - lineStart;
    const first = i < n ? text.charCodeAt(i) : LF;
    const blank = first === LF || first === CR || (first === TAB && isBlankLine(text, i));
    if (blockText >= 0) {
      if (blank || col > blockText) {
        i = lineEnd(text, i) + 1;
        continue;
      }
      blockText = -1;
    }
    if (blank || first === HASH) {
      i = lineEnd(text, i) + 1;
      continue;
    }
    // A node may start here (in block context: at the line's first token, after `- `, `? `, `: `).
    let nodeStart = true;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) break;
      if (c === SPACE || c === TAB || c === CR) continue;
      const prev = i === lineStart ? LF : text.charCodeAt(i - 1);
      if (c === HASH && (prev === SPACE || prev === TAB || prev === LF)) {
        i = lineEnd(text, i);
        break;
      }
      const column = i - lineStart;
      if (flow > 0) {
        if (c === LBRACKET || c === LBRACE) {
          if (++flow + indents.length > limit) return i;
          nodeStart = true;
        } else if (c === RBRACKET || c === RBRACE) {
          if (--flow === 0) nodeStart = false;
        } else if (c === COMMA || c === COLON) {
          nodeStart = true;
        } else if ((c === DQ || c === SQ) && nodeStart) {
          i = quotedEnd(text, i, c, flowCut);
          lineStart = text.lastIndexOf('\n', i) + 1;
          nodeStart = false;
        } else nodeStart = false;
        continue;
      }
      if (!nodeStart) {
        // Inside a key or plain scalar: `: ` starts its value.
        if (c === COLON && isBlankAt(text, i + 1)) nodeStart = true;
        continue;
      }
      if ((c === DASH || c === QUESTION || c === COLON) && isBlankAt(text, i + 1)) {
        if (c !== COLON && push(indents, column) > limit) return i;
        continue;
      }
      if (c === AMP || c === BANG || c === STAR) {
        // An anchor, tag or alias: the node (if any) comes after it.
        while (i + 1 < n && !isBlankAt(text, i + 1)) i++;
        if (c === STAR) nodeStart = false;
        continue;
      }
      if (c === PIPE || c === GT) {
        blockText = indents.length > 0 ? indents[indents.length - 1]! : -1;
        i = lineEnd(text, i);
        break;
      }
      if (c === LBRACKET || c === LBRACE) {
        // The flow collection is the level at this column.
        closeFrom(indents, column);
        flowCut = indents.length > 0 ? indents[indents.length - 1]! : -1;
        flow = 1;
        if (flow + indents.length > limit) return i;
        continue;
      }
      const cut = indents.length > 0 ? indents[indents.length - 1]! : -1;
      if (push(indents, column) > limit) return i;
      if (c === DQ || c === SQ) {
        i = quotedEnd(text, i, c, cut);
        lineStart = text.lastIndexOf('\n', i) + 1;
      }
      nodeStart = false;
    }
    i++;
  }
  return -1;
}

/** Open a block level at `column`, closing those at or right of it: the number of levels open. */
function push(indents: number[], column: number): number {
  closeFrom(indents, column);
  indents.push(column);
  return indents.length;
}

function closeFrom(indents: number[], column: number): void {
  while (indents.length > 0 && indents[indents.length - 1]! >= column) indents.pop();
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

function isBlankAt(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === SPACE || c === TAB || c === LF || c === CR;
}

function isBlankLine(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return true;
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/**
 * The index of the quote that closes the one at `at` — or, as `yaml` reads it, of the last
 * character before a line that is not blank and indented no more than `cut` (-1: none ends it).
 */
function quotedEnd(text: string, at: number, quote: number, cut: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF && cut >= 0) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) === SPACE) j++;
      if (j - i - 1 <= cut && j < text.length && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) return i - 1;
    } else if (quote === DQ && c === BACKSLASH) i++;
    else if (c === quote) {
      if (quote === SQ && text.charCodeAt(i + 1) === SQ) i++;
      else return i;
    }
  }
  return text.length;
}
