/** Offsets ↔ 0-based line/character positions, computed once per file text. */
import type { Position, Range } from './graph';
import type { SourceFile } from './resource';
import type { Span } from './ytree';

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

function lineStarts(file: SourceFile): number[] {
  if (!file.lineStarts) file.lineStarts = computeLineStarts(file.text);
  return file.lineStarts;
}

/** The 0-based line holding an offset. */
export function lineAt(file: SourceFile, offset: number): number {
  return lineOfOffset(lineStarts(file), offset);
}

/** Binary search of a line-start table. */
export function lineOfOffset(starts: number[], offset: number): number {
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
  return { line, character: offset - (lineStarts(file)[line] ?? 0) };
}

export function offsetAt(file: SourceFile, pos: Position): number {
  const starts = lineStarts(file);
  const start = starts[Math.min(Math.max(pos.line, 0), starts.length - 1)] ?? 0;
  const next = starts[pos.line + 1] ?? file.text.length + 1;
  return Math.min(start + Math.max(pos.character, 0), next - 1, file.text.length);
}

export function rangeOf(file: SourceFile, span: Span): Range {
  return { start: positionAt(file, span[0]), end: positionAt(file, span[1]) };
}
