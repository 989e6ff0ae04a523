/**
 * Workspace folders and the files under them: URIs ↔ paths, which folder holds a file,
 * and whether a single file is left out (exclude globs, every `.gitignore` from the folder
 * root down) — the same decisions `walkYaml` makes for a whole folder.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { excludedPath, lenientGlobs } from '../node/excluded';
import { IgnoreFile } from '../node/gitignore';
import type { ExcludeGlobs } from '../node/globs';
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
  ignores: Map<string, IgnoreFile | undefined>;
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
const matchers = new WeakMap<readonly string[], ExcludeGlobs>();

function excludeMatcher(globs: readonly string[]): ExcludeGlobs {
  let m = matchers.get(globs);
  // Globs that cannot be compiled were reported when the settings were read (settings.ts).
  if (!m) matchers.set(globs, (m = lenientGlobs(globs).globs));
  return m;
}

/** Whether one file of a folder is left out of the index, as `walkYaml` would decide (node/excluded.ts). */
export function isExcluded(folder: Folder, fsPath: string): boolean {
  const rel = relative(folder.fsPath, fsPath).split(sep).join('/');
  return excludedPath(rel, false, {
    globs: excludeMatcher(folder.settings.exclude),
    ignoreAt: (dirRel) => readIgnore(dirRel === '' ? folder.fsPath : join(folder.fsPath, dirRel), folder),
  });
}

/** A folder's `.gitignore`, if it has one that is really in the workspace folder (not behind a link out of it). */
function readIgnore(dir: string, folder: Folder): IgnoreFile | undefined {
  if (folder.ignores.has(dir)) return folder.ignores.get(dir);
  const ig = readIgnoreFile(dir, folder);
  folder.ignores.set(dir, ig);
  return ig;
}

function readIgnoreFile(dir: string, folder: Folder): IgnoreFile | undefined {
  try {
    const path = join(dir, '.gitignore');
    if (!isInside(realpathSync(path), folder.realPath) || statSync(path).size > maxIgnoreFile) return undefined;
    return new IgnoreFile(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
