/**
 * `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk (a rename
 * is a delete and a create). Open documents keep their editor text; a deleted folder takes
 * its files along; a created folder (moved in) is walked; a changed `.gitignore` re-indexes.
 */
import { promises as fs } from 'node:fs';
import { basename, sep } from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { walkYaml } from '../node/walk';
import { folderOf, isExcluded, isYamlPath, normUri, pathToUri, uriToPath } from './folders';
import { readText } from './indexer';
import type { Workspace } from './workspace';

/** The glob patterns the server asks the client to watch. */
export const watchedGlobs = ['**/*.{yaml,yml}', '**/Kustomization', '**/.gitignore'];

export async function applyWatchedChanges(ws: Workspace, changes: readonly FileEvent[]): Promise<void> {
  let reindex = false;
  for (const c of changes) {
    const uri = normUri(c.uri);
    const p = uriToPath(uri);
    if (p === undefined) continue;
    if (basename(p) === '.gitignore') {
      reindex = true;
      continue;
    }
    if (ws.isOpen(uri)) continue;
    if (c.type === FileChangeType.Deleted) {
      for (const f of [...ws.index.allFiles()]) if ((f.uri === uri || f.uri.startsWith(uri + '/')) && !ws.isOpen(f.uri)) ws.queue(f.uri, null);
      continue;
    }
    const folder = folderOf(ws.folders, p);
    if (isYamlPath(p)) {
      if (!ws.accepts(uri)) {
        if (ws.index.getFile(uri)) ws.queue(uri, null);
        continue;
      }
      const text = await readText(p, folder?.settings.maxFileSize ?? 5 * 1024 * 1024).catch(() => undefined);
      if (!ws.isOpen(uri)) ws.queue(uri, text === undefined ? null : { text, version: 0, path: ws.pathOf(uri) });
    } else if (c.type === FileChangeType.Created && folder && (await isDirectory(p)) && !isExcluded(folder, p + sep + 'x.yaml')) {
      const walked = await walkYaml(p);
      for (const file of walked.files) {
        const fu = pathToUri(file);
        if (ws.isOpen(fu) || isExcluded(folder, file)) continue;
        const text = await readText(file, folder.settings.maxFileSize).catch(() => undefined);
        if (text !== undefined) ws.queue(fu, { text, version: 0, path: ws.pathOf(fu) });
      }
    }
  }
  if (reindex) await ws.reindex();
  else ws.scheduleFlush();
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}
