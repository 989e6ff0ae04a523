/**
 * A kustomization's build evaluated again after an edit (units.ts `refresh`) keeps what did
 * not change: units/built.ts hands back the same built file (the same SourceFile and
 * Resources) when its objects have the same fingerprint and come from the same versions of
 * the same files. Their table entries and rule results stay; only the objects of built
 * files that changed are withdrawn, added and checked again. An edit of one base then costs
 * the rules of the objects it touches, not those of the whole unit.
 */
import type { Resource, SourceFile } from '../model/resource';
import type { BuiltUnit } from '../units/built';

export interface Reused {
  /** Resources of the last build that are gone (their built file changed or went). */
  removed: Resource[];
  /** Resources of this build that are new. */
  added: Resource[];
  /** Built files of the last build that this one no longer has (not even changed). */
  gone: SourceFile[];
}

/** What differs between two evaluations of one unit's build (`next` made with `old` as its previous). */
export function builtDifference(old: BuiltUnit, next: BuiltUnit): Reused {
  const oldFiles = filesOf(old.resources);
  const nextFiles = filesOf(next.resources);
  const removed: Resource[] = [];
  const added: Resource[] = [];
  const gone: SourceFile[] = [];
  for (const [uri, f] of oldFiles) {
    if (nextFiles.get(uri) === f) continue;
    removed.push(...f.resources);
    if (!nextFiles.has(uri)) gone.push(f);
  }
  for (const [uri, f] of nextFiles) if (oldFiles.get(uri) !== f) added.push(...f.resources);
  return { removed, added, gone };
}

function filesOf(resources: readonly Resource[]): Map<string, SourceFile> {
  const out = new Map<string, SourceFile>();
  for (const r of resources) out.set(r.file.uri, r.file);
  return out;
}
