/**
 * Workspace folders and the files under them: URIs ↔ paths, which folder holds a file,
 * and whether a single file is left out (exclude globs, every `.gitignore` from the folder
 * root down) — the same decisions `walkYaml` makes for a whole folder.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { isInside } from '../node/paths';
import { isManifestName, maxIgnoreFile } from '../node/walk';
import { defaultSettings, type Settings } from './settings';

export interface Folder {
  uri: string;
  fsPath: string;
  /** `fsPath` with symbolic links resolved: what reads are checked against. */
  realPath: string;
  name: string;
  settings: Settings;
  /**
   * The `.gitignore` of each folder below, as read once (undefined: none, or not readable).
   * A changed `.gitignore` re-indexes, and a re-index starts with this emptied.
   */
  ignores: Map<string, Ignore | undefined>;
}

/** The canonical form of a URI, so that the client's and the walker's spellings agree. */
export function normUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

/** A file the index reads (`*.yaml`, `*.yml`, `Kustomization`), as the walker decides. */
export function isYamlPath(path: string): boolean {
  return isManifestName(basename(path));
}

export function makeFolder(uri: string, name: string | undefined, settings: Settings = defaultSettings): Folder | undefined {
  const fsPath = uriToPath(uri);
  if (fsPath === undefined) return undefined;
  let realPath = fsPath;
  try {
    realPath = realpathSync(fsPath);
  } catch {
    // Not there (yet): reads below it will fail on their own.
  }
  return { uri: normUri(uri), fsPath, realPath, name: name ?? (fsPath.split(sep).pop() || fsPath), settings, ignores: new Map() };
}

/** The folder holding a file (the innermost, for nested folders). */
export function folderOf(folders: readonly Folder[], fsPath: string): Folder | undefined {
  let best: Folder | undefined;
  for (const f of folders) {
    if (isInside(fsPath, f.fsPath) && (!best || f.fsPath.length > best.fsPath.length)) best = f;
  }
  return best;
}

/** How messages name a file: relative to its folder (forward slashes), else its full path. */
export function displayPath(folders: readonly Folder[], fsPath: string): string {
  const f = folderOf(folders, fsPath);
  const rel = f ? relative(f.fsPath, fsPath) : fsPath;
  return rel.split(sep).join('/');
}

/** Each exclude list's matcher, compiled once (settings are replaced, never changed, when they change). */
const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

function excludeMatcher(globs: readonly string[]): (path: string) => boolean {
  let m = matchers.get(globs);
  if (!m) matchers.set(globs, (m = picomatch(globs as string[], { dot: true })));
  return m;
}

/** Whether one file of a folder is left out of the index, as `walkYaml` would decide. */
export function isExcluded(folder: Folder, fsPath: string): boolean {
  const rel = relative(folder.fsPath, fsPath).split(sep).join('/');
  if (rel.split('/').some((part) => part === 'node_modules' || part === '.git')) return true;
  if (folder.settings.exclude.length) {
    const m = excludeMatcher(folder.settings.exclude);
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (m(p) || (i < parts.length && m(p + '/'))) return true;
    }
  }
  // Every .gitignore from the file's folder up to the root.
  let dir = dirname(fsPath);
  for (;;) {
    const ig = readIgnore(dir, folder);
    if (ig) {
      const r = relative(dir, fsPath).split(sep).join('/');
      if (ig.ignores(r)) return true;
      // A folder between this .gitignore and the file may be ignored as a whole.
      const segs = r.split('/');
      for (let i = 1; i < segs.length; i++) if (ig.ignores(segs.slice(0, i).join('/') + '/')) return true;
    }
    if (dir === folder.fsPath || dirname(dir) === dir || !isInside(dir, folder.fsPath)) break;
    dir = dirname(dir);
  }
  return false;
}

/** A folder's `.gitignore`, if it has one that is really in the workspace folder (not behind a link out of it). */
function readIgnore(dir: string, folder: Folder): Ignore | undefined {
  if (folder.ignores.has(dir)) return folder.ignores.get(dir);
  const ig = readIgnoreFile(dir, folder);
  folder.ignores.set(dir, ig);
  return ig;
}

function readIgnoreFile(dir: string, folder: Folder): Ignore | undefined {
  try {
    const path = join(dir, '.gitignore');
    if (!isInside(realpathSync(path), folder.realPath) || statSync(path).size > maxIgnoreFile) return undefined;
    return ignore().add(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
