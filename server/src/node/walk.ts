/**
 * Finding a workspace's YAML files on disk: recursive, `.gitignore`-aware (every
 * `.gitignore` from the root down), exclude globs, no `node_modules`/`.git`, symlink loops
 * cut, unreadable folders reported. Used by the CLI and the language server alike.
 */
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface WalkOptions {
  /** Globs (relative to the root, `**` allowed) of paths to leave out. */
  exclude?: readonly string[];
  /** Stop after this many files (a runaway workspace); reported as `truncated`. */
  maxFiles?: number;
}

export interface WalkResult {
  files: string[];
  /** Folders or files that could not be read, with the reason. */
  problems: { path: string; message: string }[];
  truncated: boolean;
}

const yamlFile = /\.ya?ml$/i;

/** A file the index reads: `*.yaml`/`*.yml`, and kustomize's extension-less `Kustomization`. */
export function isManifestName(name: string): boolean {
  return yamlFile.test(name) || name === 'Kustomization';
}
const skipDirs = new Set(['node_modules', '.git']);

/** Every `*.yaml`/`*.yml` (and `Kustomization`) under a root folder (absolute paths, sorted). */
export async function walkYaml(root: string, opts: WalkOptions = {}): Promise<WalkResult> {
  const result: WalkResult = { files: [], problems: [], truncated: false };
  const excluded = opts.exclude?.length ? picomatch(opts.exclude as string[], { dot: true }) : undefined;
  const maxFiles = opts.maxFiles ?? 200_000;
  const seen = new Set<string>();
  const rules: { base: string; ig: Ignore }[] = [];

  const ignored = (abs: string, isDir: boolean): boolean => {
    const rel = relative(root, abs).split(sep).join('/');
    if (excluded && (excluded(rel) || (isDir && excluded(rel + '/')))) return true;
    for (const { base, ig } of rules) {
      const r = relative(base, abs).split(sep).join('/');
      if (r && !r.startsWith('..') && ig.ignores(isDir ? r + '/' : r)) return true;
    }
    return false;
  };

  const visit = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (e) {
      result.problems.push({ path: dir, message: errorText(e) });
      return;
    }
    if (seen.has(real)) return; // a symlink loop or a second way to the same folder
    seen.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      result.problems.push({ path: dir, message: errorText(e) });
      return;
    }
    const gi = entries.find((e) => e.name === '.gitignore' && e.isFile());
    let pushed = false;
    if (gi) {
      try {
        rules.push({ base: dir, ig: ignore().add(await fs.readFile(join(dir, '.gitignore'), 'utf8')) });
        pushed = true;
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (result.files.length >= maxFiles) {
        result.truncated = true;
        break;
      }
      const abs = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await fs.stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        if (skipDirs.has(e.name) || ignored(abs, true)) continue;
        await visit(abs);
      } else if (isFile && isManifestName(e.name) && !ignored(abs, false)) {
        result.files.push(abs);
      }
    }
    if (pushed) rules.pop();
  };

  await visit(root);
  return result;
}

export function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or folder';
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied';
  if (err?.code === 'ENOTDIR') return 'not a folder';
  if (err?.code === 'ELOOP') return 'too many levels of symbolic links';
  return err?.message ?? String(e);
}
