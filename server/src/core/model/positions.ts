/**
 * Offsets ↔ 0-based line/character positions, computed once per file text. Lines end as
 * LSP (and YAML) has them: at `\n`, `\r\n` or a lone `\r` — a file with old Mac line
 * endings, or one stray `\r`, must not shift every position the editor shows.
 */
import type { Position, Range } from './graph';
import type { SourceFile } from './resource';
import type { Span } from './ytree';

export function computeLineStarts(text: string): Uint32Array {
  const starts = [0];
  let i = text.indexOf('\n');
  // The common case, no \r at all: one search per line.
  if (!text.includes('\r')) {
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    return Uint32Array.from(starts);
  }
  const breaks = /\r\n?|\n/g;
  let m: RegExpExecArray | null;
  while ((m = breaks.exec(text)) !== null) starts.push(m.index + m[0].length);
  return Uint32Array.from(starts);
}

/**
 * The line starts of `text`, an edit of a text whose starts are `starts`, where the caller
 * knows the two agree on `[0, prefix)` and from `suffix` (of `text`) to their ends, the old
 * one `delta` characters shorter: the documents an edit left alone (parse/reuse.ts). Only
 * the lines between are looked for; a 2 MB file has 50,000 lines to find afresh.
 */
export function editedLineStarts(starts: Uint32Array, text: string, prefix: number, suffix: number, delta: number): Uint32Array {
  // A long stretch to look through: the native search of computeLineStarts does it faster.
  if (suffix - prefix > 1 << 16) return computeLineStarts(text);
  // A start s depends on the characters at s - 1 and s: below `prefix` they are the old ones,
  // above `suffix` the old ones at s - delta.
  const keep = firstAtOrAfter(starts, prefix);
  const from = firstAtOrAfter(starts, suffix - delta + 1);
  const middle: number[] = [];
  for (let i = Math.max(prefix - 1, 0); i < suffix; i++) {
    const c = text.charCodeAt(i);
    if ((c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) && i + 1 >= prefix) middle.push(i + 1);
  }
  const head = prefix === 0 ? 1 : keep;
  const out = new Uint32Array(head + middle.length + (starts.length - from));
  out.set(starts.subarray(0, head));
  out.set(middle, head);
  const at = head + middle.length;
  out.set(starts.subarray(from), at);
  if (delta !== 0) for (let k = at; k < out.length; k++) out[k] = out[k]! + delta;
  return out;
}

/** The index of the first start at or after `offset` (binary search). */
function firstAtOrAfter(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lineStarts(file: SourceFile): Uint32Array {
  if (!file.lineStarts) file.lineStarts = computeLineStarts(file.text);
  return file.lineStarts;
}

/** The 0-based line holding an offset. */
export function lineAt(file: SourceFile, offset: number): number {
  return lineOfOffset(lineStarts(file), offset);
}

/** Binary search of a line-start table. */
export function lineOfOffset(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionAt(file: SourceFile, offset: number): Position {
  const line = lineAt(file, offset);
  const start = lineStarts(file)[line] ?? 0;
  // Between the \r and the \n of a line break is no position an editor has: the line's end.
  const inBreak = file.text.charCodeAt(offset) === 10 && file.text.charCodeAt(offset - 1) === 13 && offset > start;
  return { line, character: offset - start - (inBreak ? 1 : 0) };
}

export function offsetAt(file: SourceFile, pos: Position): number {
  const starts = lineStarts(file);
  if (pos.line >= starts.length) return file.text.length;
  if (pos.line < 0) return 0;
  const start = starts[pos.line] ?? 0;
  // The line's end, before its line break (one or two characters).
  let end = starts[pos.line + 1] ?? file.text.length;
  if (end > start && file.text[end - 1] === '\n') end--;
  if (end > start && file.text[end - 1] === '\r') end--;
  return Math.min(start + Math.max(pos.character, 0), end);
}

export function rangeOf(file: SourceFile, span: Span): Range {
  return { start: positionAt(file, span[0]), end: positionAt(file, span[1]) };
}
