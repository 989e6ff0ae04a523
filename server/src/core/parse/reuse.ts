/**
 * What an edit lets parseFile keep of a file's previous version. Documents unchanged in
 * place — the same text at the same offset, before the first change and after the last one
 * (an edit that keeps its length moves nothing) — keep their resources as they are: same
 * objects and ids, spans still right. The unchanged documents that did move, between the
 * last change and those kept at the end, are all shifted by the same amount: a resource
 * that keeps no tree (ConfigMaps, Secrets, custom resources…) is copied with its few spans
 * shifted; one that keeps a tree has that tree moved and read again into a new resource,
 * as a parse would (only the YAML is not parsed again). Either way `moved` pairs each new
 * resource with the one it replaces, whose table keys it has too. The findings of the
 * readers (readYaml.ts) belong to their document's text and go with it.
 * This module is the one owner of that: parseFile hands it the file's documents and how to
 * parse one (`reparse`).
 */
import type { DnsRef, FileProblem, Resource, SourceFile } from '../model/resource';
import type { Span, YMap, YNode } from '../model/ytree';
import { documentsOf, type DocChunk } from './documents';
import { shiftTree } from './nodes';
import { readerRules } from './readYaml';

/**
 * Parse the documents `chunks` of `file`, given its previous version: those an edit left
 * unchanged are carried over or moved from `previous` (which must not be used after); the
 * others are `parse`d; `read` makes a resource again from a moved tree.
 */
export function reparse(
  previous: SourceFile,
  file: SourceFile,
  chunks: readonly DocChunk[],
  nextId: () => number,
  parse: (chunk: DocChunk) => void,
  read: (root: YMap) => void,
  moved: Map<Resource, Resource> | undefined,
): Same | undefined {
  const before = previous.excluded ? [] : documentsOf(previous);
  const { lead, trail, moved: shifted } = planReuse(chunks, before);
  const leadEnd = lead === 0 ? 0 : chunks[lead - 1]!.start + chunks[lead - 1]!.text.length;
  // Without unchanged documents at the end nothing is carried from there (the old text may be longer).
  const trailStart = trail === 0 ? Infinity : chunks[chunks.length - trail]!.start;
  carryOver(previous, file, (at) => at < leadEnd);
  chunks.slice(lead, chunks.length - trail - shifted).forEach(parse);
  for (let k = shifted; k > 0; k--)
    moveDocument(previous, file, chunks[chunks.length - trail - k]!, before[before.length - trail - k]!, nextId, read, parse, moved);
  carryOver(previous, file, (at) => at >= trailStart);
  return sameText(previous.text, file.text, chunks, before, lead, trail + shifted);
}

/** Where an edited text is known to agree with the old one: before `prefix`, and from `suffix` on (the old text `delta` shorter). */
export interface Same {
  prefix: number;
  suffix: number;
  delta: number;
}

/**
 * The agreement of `text` with `old` that the documents kept in place (`lead`) and at the end
 * (`kept`) show, with the text between documents (separators, comment-only chunks) checked:
 * a few short compares, where finding every line of a 2 MB file again costs milliseconds.
 */
function sameText(
  old: string,
  text: string,
  now: readonly DocChunk[],
  then: readonly DocChunk[],
  lead: number,
  kept: number,
): Same | undefined {
  const delta = text.length - old.length;
  const gap = (a: number, b: number, shift: number): boolean => text.slice(a, b) === old.slice(a - shift, b - shift);
  let prefix = 0;
  for (let i = 0; i < lead; i++) {
    if (!gap(prefix, now[i]!.start, 0)) break;
    prefix = now[i]!.start + now[i]!.text.length;
  }
  let suffix = text.length;
  for (let k = 1; k <= kept; k++) {
    const c = now[now.length - k]!;
    const o = then[then.length - k]!;
    if (c.start - o.start !== delta || !gap(c.start + c.text.length, suffix, delta)) break;
    suffix = c.start;
  }
  return suffix >= prefix ? { prefix, suffix, delta } : undefined;
}

/** How the new documents line up with the old: `lead` and `trail` unchanged in place, `moved` unchanged before the trailing ones. */
export interface Reuse {
  lead: number;
  trail: number;
  moved: number;
}

export function planReuse(now: readonly DocChunk[], then: readonly DocChunk[]): Reuse {
  const same = (a: DocChunk, b: DocChunk): boolean => a.start === b.start && a.text === b.text;
  let lead = 0;
  while (lead < now.length && lead < then.length && same(now[lead]!, then[lead]!)) lead++;
  let trail = 0;
  while (lead + trail < now.length && lead + trail < then.length && same(now[now.length - 1 - trail]!, then[then.length - 1 - trail]!))
    trail++;
  let moved = 0;
  while (
    lead + trail + moved < now.length &&
    lead + trail + moved < then.length &&
    now[now.length - 1 - trail - moved]!.text === then[then.length - 1 - trail - moved]!.text
  )
    moved++;
  return { lead, trail, moved };
}

/** Move over the resources and syntax findings of documents unchanged in place: those starting where `inside` says. */
export function carryOver(previous: SourceFile, file: SourceFile, inside: (at: number) => boolean): void {
  for (const r of previous.resources) {
    if (!inside(r.span[0])) continue;
    r.file = file;
    file.resources.push(r);
  }
  for (const p of previous.problems) if (readerRules.has(p.rule) && inside(p.span[0])) file.problems.push(p);
}

/**
 * One document that moved from `then` to `now` (same text): a new resource for each old one,
 * a shifted copy or read again from its moved tree (`read`); the document is `parse`d again
 * only when it had no resources (a syntax error, say). Pairs new resources with old ones in `moved`.
 */
export function moveDocument(
  previous: SourceFile,
  file: SourceFile,
  now: DocChunk,
  then: DocChunk,
  nextId: () => number,
  read: (root: YMap) => void,
  parse: (chunk: DocChunk) => void,
  moved: Map<Resource, Resource> | undefined,
): void {
  const end = then.start + then.text.length;
  const old = previous.resources.filter((r) => r.span[0] >= then.start && r.span[0] < end);
  const delta = now.start - then.start;
  const from = file.resources.length;
  if (old.length === 0) parse(now);
  else
    for (const p of previous.problems)
      if (readerRules.has(p.rule) && p.span[0] >= then.start && p.span[0] < end) file.problems.push(shiftedProblem(p, delta));
  const seen = new Set<YNode>();
  for (const r of old) {
    if (shiftable(r)) file.resources.push(shifted(r, file, delta, nextId()));
    else if (r.root) {
      shiftTree(r.root, delta, seen);
      read(r.root);
    }
  }
  const made = file.resources.slice(from);
  if (moved && made.length === old.length) made.forEach((r, i) => moved.set(r, old[i]!));
}

/**
 * Whether a resource's offsets are only its span, name span and DNS references: it keeps
 * no tree and has none of the views that point into one. (reuse.test.ts holds shifted
 * copies equal to fresh parses, so a new view with spans cannot slip by.)
 */
function shiftable(r: Resource): boolean {
  return !r.root && !r.podTemplate && !r.service && !r.ingress && !r.route && !r.networkPolicy && !r.statefulSetServiceName;
}

function shiftedProblem(p: FileProblem, delta: number): FileProblem {
  const s = (span: Span): Span => [span[0] + delta, span[1] + delta];
  return { ...p, span: s(p.span), ...(p.related ? { related: p.related.map((r) => ({ ...r, span: s(r.span) })) } : {}) };
}

function shifted(r: Resource, file: SourceFile, delta: number, id: number): Resource {
  const s = (span: Span): Span => [span[0] + delta, span[1] + delta];
  const ref = (d: DnsRef): DnsRef => ({ ...d, span: s(d.span), portSpan: d.portSpan && s(d.portSpan) });
  return { ...r, id, file, span: s(r.span), nameSpan: s(r.nameSpan), dnsRefs: r.dnsRefs.length ? r.dnsRefs.map(ref) : r.dnsRefs };
}
