/**
 * The quoted scalars that go-yaml reads to their closing quote and `yaml` cuts short at a
 * continuation line indented no deeper than their key (yamlFallback.ts repairs them). One
 * pass over the text, with the reading of depth.ts: a quote opens a scalar only where a node
 * starts (at a line's first token, after `- `, `? `, `: `, and after `[`, `{`, `,`, `:` in a
 * flow collection), never in a comment, a plain scalar or a block scalar's text.
 */

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

/** Each cut quoted scalar as [opening quote, closing quote] offsets, in order. */
export function cutQuotes(text: string): [number, number][] {
  const out: [number, number][] = [];
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  let flowCut = -1;
  let blockText = -1;
  let i = 0;
  while (i < n) {
    let lineStart = i;
    while (i < n && text.charCodeAt(i) === SPACE) i++;
    const col = i - lineStart;
    const first = i < n ? text.charCodeAt(i) : LF;
    const blank = first === LF || first === CR || (first === TAB && restIsBlank(text, i));
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
      let quoteCut = -2;
      if (flow > 0) {
        if (c === LBRACKET || c === LBRACE) {
          flow++;
          nodeStart = true;
        } else if (c === RBRACKET || c === RBRACE) {
          if (--flow === 0) nodeStart = false;
        } else if (c === COMMA || c === COLON) nodeStart = true;
        else if ((c === DQ || c === SQ) && nodeStart) quoteCut = flowCut;
        else nodeStart = false;
      } else if (!nodeStart) {
        if (c === COLON && blankAt(text, i + 1)) nodeStart = true;
      } else if ((c === DASH || c === QUESTION || c === COLON) && blankAt(text, i + 1)) {
        if (c !== COLON) push(indents, column);
      } else if (c === AMP || c === BANG || c === STAR) {
        while (i + 1 < n && !blankAt(text, i + 1)) i++;
        if (c === STAR) nodeStart = false;
      } else if (c === PIPE || c === GT) {
        blockText = indents.length > 0 ? indents[indents.length - 1]! : -1;
        i = lineEnd(text, i);
        break;
      } else if (c === LBRACKET || c === LBRACE) {
        closeFrom(indents, column);
        flowCut = indents.length > 0 ? indents[indents.length - 1]! : -1;
        flow = 1;
      } else {
        const cut = indents.length > 0 ? indents[indents.length - 1]! : -1;
        push(indents, column);
        if (c === DQ || c === SQ) quoteCut = cut;
        nodeStart = false;
      }
      if (quoteCut > -2) {
        const close = closingQuote(text, i);
        if (close < 0) return out;
        if (quoteCut >= 0 && cutsAt(text, i, close, quoteCut)) out.push([i, close]);
        i = close;
        lineStart = text.lastIndexOf('\n', i) + 1;
        nodeStart = false;
      }
    }
    i++;
  }
  return out;
}

/** Whether a line between `from` and `to` is not blank and indented no more than `cut` spaces. */
function cutsAt(text: string, from: number, to: number, cut: number): boolean {
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    let j = nl + 1;
    while (text.charCodeAt(j) === SPACE) j++;
    const c = text.charCodeAt(j);
    if (j - nl - 1 <= cut && c !== LF && c !== CR) return true;
  }
  return false;
}

/** The quote closing the one at `at`, found as `yaml`'s lexer and go-yaml find it, or -1. */
export function closingQuote(text: string, at: number): number {
  const q = text.charCodeAt(at);
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (q === DQ && c === BACKSLASH) i++;
    else if (c === q) {
      if (q === SQ && text.charCodeAt(i + 1) === SQ) i++;
      else return i;
    }
  }
  return -1;
}

function push(indents: number[], column: number): void {
  closeFrom(indents, column);
  indents.push(column);
}

function closeFrom(indents: number[], column: number): void {
  while (indents.length > 0 && indents[indents.length - 1]! >= column) indents.pop();
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

function blankAt(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === SPACE || c === TAB || c === LF || c === CR;
}

function restIsBlank(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return true;
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}
