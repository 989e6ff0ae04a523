/**
 * Reading workspace folders into the index: walk (gitignore-aware, exclude globs), read
 * the files a batch at a time (yielding between batches), and hand them to the index. Open documents are skipped: the
 * editor's text overrides the disk. So are files the watcher reported changed or deleted
 * while their batch was being read (the watcher queues their newer state itself), and the
 * rest of a folder removed from the workspace meanwhile.
 */
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { NotRead, readYamlFile } from '../node/readYaml';
import { errorText, walkYaml } from '../node/walk';
import { displayPath, pathToUri, type Folder } from './folders';

export interface IndexerHost {
  index: WorkspaceIndex;
  folders: readonly Folder[];
  isOpen(uri: string): boolean;
  log(message: string): void;
  /** False once this run has been superseded (re-index, folder removed, shutdown). */
  current(): boolean;
  /** A counter of watched changes: read before a batch, given to `changedSince` after it. */
  diskSeq(): number;
  /** Whether the watcher reported a change of this file (or a folder above it) after `seq`. */
  changedSince(uri: string, seq: number): boolean;
}

const batch = 32;

/** Index every YAML file of a folder; `progress(done, total)` after each batch. Returns the URIs read. */
export async function indexFolder(host: IndexerHost, folder: Folder, progress: (done: number, total: number) => void): Promise<string[]> {
  const walked = await walkYaml(folder.fsPath, { exclude: folder.settings.exclude });
  for (const p of walked.problems) host.log(`skipped ${displayPath(host.folders, p.path)}: ${p.message}`);
  if (walked.truncated) host.log(`${folder.fsPath}: stopped after ${walked.files.length} files`);
  const uris: string[] = [];
  for (let i = 0; i < walked.files.length; i += batch) {
    if (!host.current()) return uris;
    const chunk = walked.files.slice(i, i + batch);
    const seq = host.diskSeq();
    const read = chunk.map((p) => {
      try {
        return readYamlFile(p, folder.settings.maxFileSize);
      } catch (e) {
        host.log(`skipped ${displayPath(host.folders, p)}: ${e instanceof NotRead ? e.message : errorText(e)}`);
        return undefined;
      }
    });
    chunk.forEach((p, j) => {
      const file = read[j];
      const uri = pathToUri(p);
      if (file === undefined || host.isOpen(uri) || host.changedSince(uri, seq)) return;
      try {
        host.index.setFile(uri, displayPath(host.folders, p), file.text, 0, file.facts);
        uris.push(uri);
      } catch (e) {
        host.log(`cannot index ${uri}: ${(e as Error)?.stack ?? String(e)}`);
      }
    });
    progress(Math.min(i + batch, walked.files.length), walked.files.length);
    // Reads are synchronous (see readYamlFile): between batches, requests and the watcher's events get their turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return uris;
}
