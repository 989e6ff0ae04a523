/**
 * Reading workspace folders into the index: walk (gitignore-aware, exclude globs), read
 * the files a few at a time, and hand them to the index. Open documents are skipped: the
 * editor's text overrides the disk.
 */
import { closeSync, openSync, promises as fs, readFileSync, readSync, statSync } from 'node:fs';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { errorText, walkYaml } from '../node/walk';
import { displayPath, pathToUri, type Folder } from './folders';

export interface IndexerHost {
  index: WorkspaceIndex;
  folders: readonly Folder[];
  isOpen(uri: string): boolean;
  log(message: string): void;
  /** False once this run has been superseded (re-index, folder removed, shutdown). */
  current(): boolean;
}

const batch = 32;

/** Index every YAML file of a folder; `progress(done, total)` after each batch. Returns the URIs read. */
export async function indexFolder(host: IndexerHost, folder: Folder, progress: (done: number, total: number) => void): Promise<string[]> {
  const walked = await walkYaml(folder.fsPath, { exclude: folder.settings.exclude });
  for (const p of walked.problems) host.log(`cannot read ${p.path}: ${p.message}`);
  if (walked.truncated) host.log(`${folder.fsPath}: stopped after ${walked.files.length} files`);
  const uris: string[] = [];
  for (let i = 0; i < walked.files.length; i += batch) {
    if (!host.current()) return uris;
    const chunk = walked.files.slice(i, i + batch);
    const texts = await Promise.all(chunk.map((p) => readText(p, folder.settings.maxFileSize).catch((e: unknown) => {
      host.log(`cannot read ${p}: ${errorText(e)}`);
      return undefined;
    })));
    if (!host.current()) return uris;
    chunk.forEach((p, j) => {
      const text = texts[j];
      const uri = pathToUri(p);
      if (text === undefined || host.isOpen(uri)) return;
      try {
        host.index.setFile(uri, displayPath(host.folders, p), text, 0);
        uris.push(uri);
      } catch (e) {
        host.log(`cannot index ${uri}: ${(e as Error)?.stack ?? String(e)}`);
      }
    });
    progress(Math.min(i + batch, walked.files.length), walked.files.length);
  }
  return uris;
}

/**
 * A file's text. Files far over the size limit are read only up to just past it: the
 * index reports them as skipped either way, without holding megabytes it will not parse.
 */
export async function readText(path: string, maxFileSize: number): Promise<string> {
  const st = await fs.stat(path);
  if (st.size <= maxFileSize * 2) return fs.readFile(path, 'utf8');
  const fh = await fs.open(path, 'r');
  try {
    const buf = Buffer.alloc(maxFileSize + 1);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** `readText`, synchronously; undefined when the file cannot be read. */
export function readTextSync(path: string, maxFileSize: number): string | undefined {
  try {
    if (statSync(path).size <= maxFileSize * 2) return readFileSync(path, 'utf8');
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(maxFileSize + 1);
      return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
