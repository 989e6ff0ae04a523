/**
 * indexFolder against a disk that changes while it reads, made deterministic: the host's
 * `isOpen`, asked between a file's read and its indexing, is where the "watcher" strikes —
 * deleting or rewriting files and reporting it, or removing the folder from the workspace.
 * What was read before the report must not be indexed after it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createIndex } from '../../server/src/core/api';
import { DiskChanges } from '../../server/src/workspace/diskChanges';
import { makeFolder, pathToUri, type Folder } from '../../server/src/workspace/folders';
import { indexFolder, type IndexerHost } from '../../server/src/workspace/indexer';

let dir = '';
const n = 100;
const file = (i: number): string => join(dir, `f${String(i).padStart(3, '0')}.yaml`);
const service = (name: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podpath-races-'));
  for (let i = 0; i < n; i++) writeFileSync(file(i), service(`s${i}`));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A host over a fresh index; `strike(uri)` runs when the indexer asks about a file it has just read. */
function host(folders: Folder[], strike: (uri: string) => void): IndexerHost & { logs: string[]; changes: DiskChanges } {
  const changes = new DiskChanges();
  const logs: string[] = [];
  return {
    index: createIndex(),
    folders,
    isOpen: (uri) => {
      strike(uri);
      return false;
    },
    log: (m) => logs.push(m),
    current: () => true,
    diskSeq: () => changes.current(),
    changedSince: (uri, seq) => changes.changedSince(uri, seq),
    logs,
    changes,
  };
}

const names = (h: IndexerHost): string[] => [...h.index.resources()].map((r) => r.name).sort();

describe('indexFolder while the disk changes', () => {
  test('a file deleted after its read (and reported) is not indexed; one deleted before is a log line', async () => {
    const folder = makeFolder(pathToUri(dir), 'races')!;
    const h = host([folder], (uri) => {
      if (uri !== pathToUri(file(40))) return;
      // While the batch with files 32…63 is in hand: file 41 was read already, file 70 not yet.
      rmSync(file(41));
      h.changes.note(pathToUri(file(41)));
      rmSync(file(70));
      h.changes.note(pathToUri(file(70)));
    });
    await indexFolder(h, folder, () => undefined);
    const got = names(h);
    assert.equal(got.includes('s41'), false, 'no ghost of the file deleted after its read');
    assert.equal(got.includes('s70'), false);
    assert.equal(got.length, n - 2);
    assert.deepEqual(h.logs, ['skipped f070.yaml: no such file or folder']);
  });

  test('a file rewritten after its read keeps neither text: the watcher queues the new one', async () => {
    const folder = makeFolder(pathToUri(dir), 'races')!;
    const h = host([folder], (uri) => {
      if (uri !== pathToUri(file(3))) return;
      writeFileSync(file(5), service('rewritten'));
      h.changes.note(pathToUri(file(5)));
    });
    await indexFolder(h, folder, () => undefined);
    assert.equal(names(h).includes('s5'), false, 'the stale text is not indexed');
    assert.equal(h.index.getFile(pathToUri(file(5))), undefined);
  });

  test('a folder reported deleted takes every file under it along, read or not', async () => {
    const folder = makeFolder(pathToUri(dir), 'races')!;
    const h = host([folder], (uri) => {
      if (uri === pathToUri(file(10))) h.changes.note(pathToUri(dir));
    });
    await indexFolder(h, folder, () => undefined);
    const got = new Set(names(h));
    const batch = Array.from({ length: 32 }, (_, i) => got.has(`s${i}`));
    // Indexed before the report: stays (the watcher removes it); read before it, indexed after: dropped.
    assert.deepEqual(
      batch,
      Array.from({ length: 32 }, (_, i) => i < 10),
    );
    assert.ok(got.has('s32'), 'files read after the report are what the disk says now');
  });

  test('a folder removed from the workspace stops the run at the next batch', async () => {
    const folder = makeFolder(pathToUri(dir), 'races')!;
    let removed = false;
    const h = host([folder], (uri) => {
      if (uri === pathToUri(file(0))) removed = true;
    });
    h.current = () => !removed;
    await indexFolder(h, folder, () => undefined);
    assert.equal(h.index.fileCount, 32, 'only the batch in hand');
  });
});
