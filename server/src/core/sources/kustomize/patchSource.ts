/** Where a patch's text is: a file, or inline in a kustomization (offsets mapped back into it). */
import type { PatchSource } from './patches';
import type { KCtx } from './kctx';
import type { BNode, Place } from './types';

function at(k: KCtx, n: BNode | undefined): Place {
  return { path: k.path, span: n?.span ?? [0, 0] };
}

/** Patch text of an entry: its file (`path`) or inline (`patch`), placed in its file. */
export function patchSource(k: KCtx, e: BNode, pathNode: BNode | undefined, inline: BNode | undefined): PatchSource | undefined {
  if (pathNode?.t === 'scalar' && pathNode.value !== null) {
    const rel = String(pathNode.value);
    const p = k.b.resolve(k.dir, rel, at(k, pathNode), 'patch');
    if (p === undefined) return undefined;
    const text = k.b.reader.text(p);
    if (text === undefined) {
      k.b.error('missing-file', `patch file ${rel} not found`, k.path, pathNode.span);
      return undefined;
    }
    return { path: p, text, shift: (o) => o, at: at(k, pathNode) };
  }
  if (inline?.t === 'scalar' && typeof inline.value === 'string') return inlineSource(k, inline);
  k.b.error('patch', 'a patch needs a path or an inline patch', k.path, e.span);
  return undefined;
}

/** An inline patch (a block scalar in the kustomization): offsets of its text mapped back to the file. */
export function inlineSource(k: KCtx, n: BNode & { t: 'scalar' }): PatchSource {
  const text = String(n.value);
  const file = k.b.reader.text(k.path) ?? '';
  const starts: number[] = [];
  const block = /^[|>]/.test(file.slice(n.span[0], n.span[0] + 1));
  if (block) {
    let i = file.indexOf('\n', n.span[0]) + 1;
    while (i > 0 && i < n.span[1]) {
      starts.push(i);
      const nl = file.indexOf('\n', i);
      i = nl < 0 ? -1 : nl + 1;
    }
  }
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let acc = 0;
  for (const l of lines) {
    lineStarts.push(acc);
    acc += l.length + 1;
  }
  // Content lines are the file's non-blank lines of the block, each without the block's indentation.
  const contentLines: number[] = [];
  for (const s of starts) {
    const end = file.indexOf('\n', s);
    const line = file.slice(s, end < 0 ? file.length : end);
    contentLines.push(s + (line.length - line.trimStart().length));
  }
  const indent = contentLines.length
    ? Math.min(
        ...contentLines
          .map((c, i) => c - starts[i]!)
          .filter((_, i) => file.slice(starts[i]!, file.indexOf('\n', starts[i]!)).trim() !== ''),
      )
    : 0;
  const shift = (o: number): number => {
    if (!block) return n.span[0];
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= o) line++;
    const s = starts[line];
    return s === undefined ? n.span[1] : Math.min(s + indent + (o - lineStarts[line]!), n.span[1]);
  };
  return { path: k.path, text, shift, at: at(k, n) };
}
