/**
 * A kustomization's build evaluated again after an edit (units.ts `refresh`) keeps what did
 * not change: a built file (units/built.ts) made of the same real files, with the same text
 * and the same objects, keeps its Resources, so their table entries and rule results stay
 * and only the objects of the built files that changed are checked again. An edit of one
 * base then costs the rules of the objects it touches, not those of the whole unit.
 */
import type { Resource, SourceFile } from '../model/resource';
import type { YNode } from '../model/ytree';
import type { BuiltUnit, Change } from '../units/built';

export interface Reused {
  built: BuiltUnit;
  /** Resources of the last build that are gone (their built file changed or went). */
  removed: Resource[];
  /** Resources of this build that are new. */
  added: Resource[];
  /** Built files of the last build that this one no longer has. */
  gone: SourceFile[];
}

/** `next` (a fresh build) with the Resources of `old`'s unchanged built files in place of its own. */
export function reuseBuilt(old: BuiltUnit, next: BuiltUnit): Reused {
  const oldFiles = filesOf(old.resources);
  const nextFiles = filesOf(next.resources);
  const swap = new Map<Resource, Resource>();
  const removed: Resource[] = [];
  const added: Resource[] = [];
  const gone: SourceFile[] = [];
  for (const [uri, nf] of nextFiles) {
    const of = oldFiles.get(uri);
    if (of && sameBuiltFile(of, nf)) nf.resources.forEach((r, i) => swap.set(r, of.resources[i]!));
    else {
      if (of) removed.push(...of.resources);
      added.push(...nf.resources);
    }
  }
  for (const [uri, of] of oldFiles) {
    if (nextFiles.has(uri)) continue;
    removed.push(...of.resources);
    gone.push(of);
  }
  if (swap.size === 0) return { built: next, removed, added, gone };
  const resources = next.resources.map((r) => swap.get(r) ?? r);
  const kept = new Set(swap.values());
  const changes = new Map<Resource, Change[]>();
  for (const r of resources) {
    const c = kept.has(r) ? old.changes.get(r) : next.changes.get(r);
    if (c) changes.set(r, c);
  }
  const byUri = new Map<string, Resource[]>();
  for (const f of filesOf(resources).values())
    for (const s of f.segments ?? []) {
      const list = byUri.get(s.file.uri);
      if (list) list.push(...f.resources);
      else byUri.set(s.file.uri, [...f.resources]);
    }
  return { built: { ...next, resources, changes, byUri }, removed, added, gone };
}

function filesOf(resources: readonly Resource[]): Map<string, SourceFile> {
  const out = new Map<string, SourceFile>();
  for (const r of resources) out.set(r.file.uri, r.file);
  return out;
}

/** The same real files (the same versions), the same text, the same objects with the same spans. */
function sameBuiltFile(a: SourceFile, b: SourceFile): boolean {
  if (a.text !== b.text || a.resources.length !== b.resources.length || a.problems.length !== b.problems.length) return false;
  const sa = a.segments ?? [];
  const sb = b.segments ?? [];
  if (sa.length !== sb.length || sa.some((s, i) => s.file !== sb[i]!.file || s.base !== sb[i]!.base)) return false;
  return a.resources.every((r, i) => sameResource(r, b.resources[i]!));
}

function sameResource(a: Resource, b: Resource): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.namespace === b.namespace &&
    a.namespaceFrom === b.namespaceFrom &&
    a.span[0] === b.span[0] &&
    a.span[1] === b.span[1] &&
    a.nameSpan[0] === b.nameSpan[0] &&
    a.nameSpan[1] === b.nameSpan[1] &&
    (a.root === undefined ? b.root === undefined : b.root !== undefined && sameTree(a.root, b.root))
  );
}

/** Two trees with the same values, quoting and spans everywhere. */
export function sameTree(a: YNode, b: YNode): boolean {
  if (a.t !== b.t || a.span[0] !== b.span[0] || a.span[1] !== b.span[1]) return false;
  if (a.t === 'scalar') return b.t === 'scalar' && a.value === b.value && a.quoted === b.quoted;
  if (a.t === 'seq') return b.t === 'seq' && a.items.length === b.items.length && a.items.every((x, i) => sameTree(x, b.items[i]!));
  if (b.t !== 'map' || a.pairs.size !== b.pairs.size) return false;
  const bi = b.pairs.entries();
  for (const [k, p] of a.pairs) {
    const [k2, q] = bi.next().value as [string, typeof b.pairs extends ReadonlyMap<string, infer P> ? P : never];
    if (k !== k2 || p.keySpan[0] !== q.keySpan[0] || p.keySpan[1] !== q.keySpan[1]) return false;
    if (p.value === undefined || q.value === undefined ? p.value !== q.value : !sameTree(p.value, q.value)) return false;
  }
  return true;
}
