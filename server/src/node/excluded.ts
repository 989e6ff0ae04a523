/**
 * "Is this path left out of the workspace?": one answer for the CLI's walk and the language
 * server's single-file questions. A path is left out when one of its segments is
 * `node_modules` or `.git`, when an exclude glob matches it or one of its folders, or when a
 * `.gitignore` of a folder above it ignores it or one of its folders. Globs and `.gitignore`
 * lines are matched in time linear in the path (./globs.ts, ./gitignore.ts).
 */
import { ExcludeGlobs, GlobError } from './globs';
import type { IgnoreFile } from './gitignore';

/** Folders never read. */
export const skipDirs: ReadonlySet<string> = new Set(['node_modules', '.git']);

export interface Exclusions {
  globs: ExcludeGlobs;
  /** The `.gitignore` of a folder (relative to the root, '' for the root itself), if it has one. */
  ignoreAt(dirRel: string): IgnoreFile | undefined;
}

/**
 * Whether one entry is left out, its folders being known not to be (the walk never enters
 * a folder that is). `rel`: relative to the root, forward slashes.
 */
export function excludedEntry(rel: string, isDir: boolean, ex: Exclusions): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  if (skipDirs.has(name)) return true;
  if (!ex.globs.empty && (ex.globs.matches(rel) || (isDir && ex.globs.matches(`${rel}/`)))) return true;
  // Every .gitignore from the root down to the entry's own folder.
  for (let end = -1; ;) {
    const dir = end < 0 ? '' : rel.slice(0, end);
    const ig = ex.ignoreAt(dir);
    if (ig && ig.ignores(end < 0 ? rel : rel.slice(end + 1), isDir)) return true;
    end = rel.indexOf('/', end + 1);
    if (end < 0) return false;
  }
}

/** Whether a path is left out, itself or through one of its folders. */
export function excludedPath(rel: string, isDir: boolean, ex: Exclusions): boolean {
  for (let end = rel.indexOf('/'); end >= 0; end = rel.indexOf('/', end + 1)) {
    if (excludedEntry(rel.slice(0, end), true, ex)) return true;
  }
  return excludedEntry(rel, isDir, ex);
}

/**
 * Exclude globs compiled leniently: a glob that cannot be used (too long, too many braces) is
 * left out and said in `problems` (one line each), the others apply.
 */
export function lenientGlobs(patterns: readonly string[]): { globs: ExcludeGlobs; problems: string[] } {
  const ok: string[] = [];
  const problems: string[] = [];
  for (const p of patterns) {
    try {
      new ExcludeGlobs([p]);
      ok.push(p);
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
      problems.push(`${e.message}; ignored`);
    }
  }
  return { globs: new ExcludeGlobs(ok), problems };
}
