/**
 * The disk and the workspace changing under a running index: files deleted and rewritten
 * (and reported by the watcher) while their folder is being read, and a workspace folder
 * removed half-way through. However the events and the reads interleave, the index ends
 * holding exactly what is on disk in the workspace — no ghost of a deleted file, no stale
 * text, nothing of the removed folder — and the good file keeps its finding.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { goodFile } from '../hostile/workspace';
import { removeDir, TestClient, uriOf } from './client';
import { ServicesRequest } from '../../server/src/protocol';

const dirs: string[] = [];
const clients: TestClient[] = [];

after(async () => {
  for (const c of clients) await c.stop();
  for (const d of dirs) removeDir(d);
});

/** A Service with a finding (its named targetPort exists nowhere), so its file gets diagnostics. */
const service = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: no-such-port\n`;

/** A folder of `n` Service files named `<prefix>-<i>`, and the good file. */
function folder(prefix: string, n: number): string {
  const dir = mkdtempSync(join(tmpdir(), `podpath-${prefix}-`));
  dirs.push(dir);
  mkdirSync(join(dir, 'many'));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'many', `${prefix}-${i}.yaml`), service(`${prefix}-${i}`));
  return dir;
}

async function start(folders: string[]): Promise<TestClient> {
  const c = await TestClient.start({ folders });
  clients.push(c);
  return c;
}

const names = async (c: TestClient): Promise<string[]> => (await c.send(ServicesRequest, {})).map((s) => s.name).sort();

/** The Service names once `pred` holds for them, asking again each time the index changes. */
async function servicesUntil(c: TestClient, pred: (names: string[]) => boolean): Promise<string[]> {
  for (;;) {
    const seen = c.events.length;
    const got = await names(c);
    if (pred(got)) return got;
    await c.until(() => c.events.length > seen);
  }
}

/** Indexing has read some files and not all: the first progress report with files in it. */
const midway = (c: TestClient): Promise<void> => c.until(() => c.statuses.some((s) => s.state === 'indexing' && s.files > 0));

/** The first full index is done and its diagnostics are out (they come before the answer to a later request). */
async function settled(c: TestClient, probe: string): Promise<void> {
  await c.ready();
  await c.hover(probe, { line: 0, character: 0 });
}

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('the disk changing under a running index', { timeout: 300_000 }, () => {
  test('files deleted and rewritten while their folder is read: the index ends as the disk is', async () => {
    const n = 3000;
    const dir = folder('vanish', n);
    writeFileSync(join(dir, 'web.yaml'), goodFile);
    const c = await start([dir]);
    await midway(c);
    const file = (i: number): string => join(dir, 'many', `vanish-${i}.yaml`);
    const deleted: { uri: string; type: 3 }[] = [];
    const changed: { uri: string; type: 2 }[] = [];
    for (let i = 1; i < n; i += 2) {
      rmSync(file(i));
      deleted.push({ uri: uriOf(file(i)), type: 3 });
    }
    for (let i = 0; i < n; i += 10) {
      writeFileSync(file(i), service(`renamed-${i}`));
      changed.push({ uri: uriOf(file(i)), type: 2 });
    }
    // A file created last: once it is indexed, every event before it in the list was handled.
    writeFileSync(join(dir, 'marker.yaml'), service('marker'));
    await c.watched([...deleted, ...changed, { uri: uriOf(join(dir, 'marker.yaml')), type: 1 }]);
    await settled(c, uriOf(join(dir, 'web.yaml')));
    await servicesUntil(c, (ns) => ns.includes('marker'));
    const expected = ['marker', 'web'];
    for (let i = 0; i < n; i += 2) expected.push(i % 10 === 0 ? `renamed-${i}` : `vanish-${i}`);
    assert.deepEqual(await names(c), expected.sort());
    for (const d of deleted) assert.deepEqual(c.published.get(d.uri)?.diagnostics ?? [], [], 'no diagnostics left on a deleted file');
    const web = c.published.get(uriOf(join(dir, 'web.yaml')))?.diagnostics ?? [];
    assert.ok(web.some((d) => d.code === 'service-target-port-not-found'));
    assert.deepEqual(
      c.logs.filter((l) => l.type === 1),
      [],
    );
  });

  test('a workspace folder removed while it is indexed leaves nothing behind; the other folder is analysed', async () => {
    const gone = folder('gone', 3000);
    const kept = mkdtempSync(join(tmpdir(), 'podpath-kept-'));
    dirs.push(kept);
    writeFileSync(join(kept, 'web.yaml'), goodFile);
    const c = await start([gone, kept]);
    await midway(c);
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: uriOf(gone), name: 'gone' }] },
    });
    await settled(c, uriOf(join(kept, 'web.yaml')));
    assert.deepEqual(await names(c), ['web']);
    for (const [uri, p] of c.published) if (uri.startsWith(uriOf(gone))) assert.deepEqual(p.diagnostics, [], `${uri} keeps no diagnostics`);
    const web = c.published.get(uriOf(join(kept, 'web.yaml')))?.diagnostics ?? [];
    assert.ok(web.some((d) => d.code === 'service-target-port-not-found'));
  });
});
