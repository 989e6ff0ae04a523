/**
 * Provenance of rendered scalars: for every scalar of a rendered document, the template span
 * that produced it (literal text, or the `{{ … }}` action) and, when the value came unchanged
 * from a values map, the values file and span it was written at. This is what the editor
 * layer needs to put a finding on the line a person edits.
 */
import { isMap as yIsMap, isScalar, isSeq, parseDocument, type Node as YNode } from 'yaml';
import type { Chunk } from './template/exec';
import type { Origin, Origins } from './values';

export interface ScalarProvenance {
  /** Offsets of the scalar in the document text. */
  range: [number, number];
  /** Its text as rendered. */
  text: string;
  template: string;
  /** Template span: the literal text, or the whole action. */
  src: [number, number];
  kind: 'text' | 'action';
  /** The values line it came from, when it passed through unchanged. */
  values?: Origin;
}

/** Removes "<no value>" as Helm does, moving chunk offsets with the text. */
export function removeNoValue(text: string, chunks: Chunk[] | null): { text: string; chunks: Chunk[] | null } {
  const marker = '<no value>';
  if (!text.includes(marker)) return { text, chunks };
  const hits: number[] = [];
  for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + marker.length)) hits.push(i);
  const shift = (pos: number): number => {
    let n = 0;
    for (const h of hits) {
      if (h + marker.length <= pos) n += marker.length;
      else if (h < pos) n += pos - h;
      else break;
    }
    return pos - n;
  };
  const out = chunks?.map((c) => ({ ...c, start: shift(c.start), end: shift(c.end) })).filter((c) => c.end > c.start) ?? null;
  return { text: text.replaceAll(marker, ''), chunks: out };
}

/** The chunk holding output offset `pos` (chunks are sorted and disjoint). */
export function chunkAt(chunks: Chunk[], pos: number): Chunk | null {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid]!;
    if (pos < c.start) hi = mid - 1;
    else if (pos >= c.end) lo = mid + 1;
    else return c;
  }
  return null;
}

/**
 * Every scalar of a document (`text`, starting at `offset` in its template's rendered output)
 * with its provenance; scalars no chunk covers are left out (the caller counts them).
 */
export function scalarProvenance(
  text: string,
  offset: number,
  chunks: Chunk[],
  origins?: Origins,
): { scalars: ScalarProvenance[]; total: number } {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, keepSourceTokens: false });
  const scalars: ScalarProvenance[] = [];
  let total = 0;
  const visit = (n: YNode | null | undefined): void => {
    if (!n) return;
    if (yIsMap(n))
      for (const p of n.items) {
        visit(p.key as YNode);
        visit(p.value as YNode);
      }
    else if (isSeq(n)) for (const x of n.items) visit(x as YNode);
    else if (isScalar(n) && n.range) {
      const [a, b] = n.range;
      if (b <= a) return;
      total++;
      const c = chunkAt(chunks, offset + a);
      if (!c) return;
      const p: ScalarProvenance = { range: [a, b], text: text.slice(a, b), template: c.template, src: c.src, kind: c.kind };
      if (c.from && origins) {
        const o = origins.get(c.from.map)?.get(c.from.key);
        if (o) p.values = o;
      }
      scalars.push(p);
    }
  };
  visit(doc.contents as YNode);
  return { scalars, total };
}
