/**
 * `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk (a rename
 * is a delete and a create). Open documents keep their editor text; a deleted folder takes
 * its files along; a created folder (moved in) is walked; a changed `.gitignore` re-indexes.
 * Only files inside a workspace folder are read — whatever URIs the client sends — and not
 * when a symbolic link leads out of it.
 */
import { promises as fs } from 'node:fs';
import { basename, sep } from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { isInside } from '../node/paths';
import { NotRead, readYamlFile, type FileText } from '../node/readYaml';
import { errorText, walkYaml } from '../node/walk';
import { folderOf, isExcluded, isYamlPath, normUri, pathToUri, uriToPath, type Folder } from './folders';
import type { Workspace } from './workspace';

/** The glob patterns the server asks the client to watch. */
export const watchedGlobs = ['**/*.{yaml,yml}', '**/Kustomization', '**/.gitignore', '**/.podpath.{yaml,yml}', '**/templates/**/*.tpl'];

export async function applyWatchedChanges(ws: Workspace, changes: readonly FileEvent[]): Promise<void> {
  let reindex = false;
  let settings = false;
  // Noted before any await: an indexing run reading these files now must not keep what it read.
  for (const c of changes) ws.noteDiskChange(normUri(c.uri));
  for (const c of changes) {
    const uri = normUri(c.uri);
    const p = uriToPath(uri);
    if (p === undefined) continue;
    const folder = folderOf(ws.folders, p);
    if (basename(p) === '.gitignore') {
      reindex ||= folder !== undefined;
      continue;
    }
    // A folder's .podpath.yaml (in it or above it) changed: its settings change with it.
    if (basename(p) === '.podpath.yaml' || basename(p) === '.podpath.yml') {
      settings = true;
      continue;
    }
    if (ws.isOpen(uri)) continue;
    if (c.type === FileChangeType.Deleted) {
      for (const f of [...ws.index.allFiles()])
        if ((f.uri === uri || f.uri.startsWith(uri + '/')) && !ws.isOpen(f.uri)) ws.queue(f.uri, null);
      continue;
    }
    if (!folder) continue;
    // A chart's helpers (`_helpers.tpl`) join the index as chart templates (never plain YAML): their chart renders again.
    if (isYamlPath(p) || (p.endsWith('.tpl') && ws.index.charts.isTemplate(uri))) {
      if (!ws.accepts(uri) && !p.endsWith('.tpl')) {
        if (ws.index.getFile(uri)) ws.queue(uri, null);
        continue;
      }
      const file = read(ws, folder, p);
      if (!ws.isOpen(uri)) ws.queue(uri, file === undefined ? null : { ...file, version: 0, path: ws.pathOf(uri) });
    } else if (c.type === FileChangeType.Created && (await isDirectory(p)) && !isExcluded(folder, p + sep + 'x.yaml')) {
      if (!(await insideFolders(ws, p))) {
        ws.log(`skipped ${ws.pathOf(uri)}: a symbolic link to outside the workspace; not followed`);
        continue;
      }
      const walked = await walkYaml(p);
      for (const file of walked.files) {
        const fu = pathToUri(file);
        if (ws.isOpen(fu) || isExcluded(folder, file)) continue;
        const text = read(ws, folder, file);
        if (text !== undefined) ws.queue(fu, { ...text, version: 0, path: ws.pathOf(fu) });
      }
    }
  }
  if (settings) await ws.loadSettings();
  if (reindex) await ws.reindex();
  else ws.scheduleFlush();
}

/** A file's text, or undefined (gone, unreadable, outside the workspace: logged unless simply gone). */
function read(ws: Workspace, folder: Folder, p: string): FileText | undefined {
  try {
    return readYamlFile(
      p,
      folder.settings.maxFileSize,
      ws.folders.map((f) => f.realPath),
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      ws.log(`skipped ${ws.pathOf(pathToUri(p))}: ${e instanceof NotRead ? e.message : errorText(e)}`);
    return undefined;
  }
}

/** Whether a path, symbolic links resolved, is inside a workspace folder. */
async function insideFolders(ws: Workspace, p: string): Promise<boolean> {
  try {
    const real = await fs.realpath(p);
    return ws.folders.some((f) => isInside(real, f.realPath));
  } catch {
    return false;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}
