/**
 * The server's workspace machinery over JSON-RPC: folders added and removed at run time,
 * settings that switch features off live, a broken file that is a finding (never a crash),
 * cancelled requests, and re-indexing.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, copyFixture, posOf, removeDir, TestClient, uriOf } from './client';
import { ReindexRequest, ServicesRequest } from '../../server/src/protocol';

describe('workspace machinery', () => {
  let dir = '';
  let extra = '';
  let c: TestClient;

  before(async () => {
    dir = copyFixture('lsp-shop');
    extra = mkdtempSync(join(tmpdir(), 'podpath-extra-'));
    writeFileSync(
      join(extra, 'admin.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 81\n      targetPort: http\n',
    );
    c = await TestClient.start({ folders: [dir] });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
    removeDir(extra);
  });

  const serviceNames = async (): Promise<string[]> => (await c.send(ServicesRequest, {})).map((s) => s.name);

  it('indexes a folder added at run time, links across folders, and drops it when removed', async () => {
    const resources = c.statuses.at(-1)!.resources;
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: uriOf(extra), name: 'extra' }], removed: [] },
    });
    await c.until(() => c.statuses.at(-1)?.resources === resources + 1);
    assert.deepEqual(await serviceNames(), ['admin', 'api', 'web']);
    const app = join(dir, 'apps/web.yaml');
    const [lens] = await c.codeLens(uriOf(app));
    assert.match(lens?.command?.title ?? '', /exposed by .*admin:81/);
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: uriOf(extra), name: 'extra' }] },
    });
    await c.until(() => c.statuses.at(-1)?.resources === resources);
    assert.deepEqual(await serviceNames(), ['api', 'web']);
  });

  it('switches code lenses and inlay hints off live', async () => {
    const svc = uriOf(join(dir, 'services/web-svc.yaml'));
    assert.equal((await c.codeLens(svc)).length, 1);
    const n = c.events.length;
    await c.setSettings({ codeLens: { enable: false }, inlayHints: { enable: false } });
    await c.until(() => c.events.slice(n).includes('workspace/codeLens/refresh'));
    assert.deepEqual(await c.codeLens(svc), []);
    assert.deepEqual(await c.inlayHints(svc, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }), []);
    await c.setSettings({});
  });

  it('a broken file is a yaml-syntax finding and the server keeps answering', async () => {
    const bad = uriOf(join(dir, 'bad.yaml'));
    await c.open(bad, 'apiVersion: v1\nkind: Service\nmetadata: {name: [oops\n\u0001\u0002: : :\n');
    const ds = await c.pushed(bad, (d) => d.length > 0);
    assert.equal(ds[0]?.code, 'yaml-syntax');
    const svc = join(dir, 'services/web-svc.yaml');
    const h = await c.hover(uriOf(svc), posOf(readFileSync(svc, 'utf8'), 'targetPort: http', 13));
    assert.ok(h);
    assert.equal(await c.hover('file:///nowhere/x.yaml', { line: 0, character: 0 }), null);
    await c.close(bad);
  });

  // A request cancelled before the server reads it answers RequestCancelled; one the server
  // already answered cannot be cancelled. Which one happens depends on how the pipe splits the
  // two messages, so either is accepted here (diagnostics.test.ts cancels a held request deterministically).
  it('a cancelled request answers RequestCancelled (or its result), and the next one is served', async () => {
    const svc = join(dir, 'services/web-svc.yaml');
    const source = new CancellationTokenSource();
    source.cancel();
    const cancelled = c.request(
      'textDocument/hover',
      { textDocument: { uri: uriOf(svc) }, position: posOf(readFileSync(svc, 'utf8'), 'targetPort: http', 13) },
      source,
    );
    await cancelled.then(
      (r) => assert.ok(r),
      (e: { code?: number }) => assert.equal(e.code, -32800),
    );
    assert.ok(await c.hover(uriOf(svc), posOf(readFileSync(svc, 'utf8'), 'targetPort: http', 13)));
  });

  it('re-indexes on request', async () => {
    const before = c.statuses.length;
    await c.send(ReindexRequest);
    assert.ok(c.statuses.slice(before).some((s) => s.state === 'ready'));
    assert.deepEqual(await serviceNames(), ['api', 'web']);
  });

  it('a .gitignore written at run time takes its files out, an open one too, and edits there stay out', async () => {
    const drafts = join(dir, 'drafts');
    mkdirSync(drafts);
    const draft = join(drafts, 'draft.yaml');
    const svc =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: draft\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 82\n      targetPort: http\n';
    writeFileSync(draft, svc);
    await c.watched([{ uri: uriOf(draft), type: 1 }]);
    await c.open(uriOf(draft), svc);
    await c.change(uriOf(draft), svc.replace('port: 82', 'port: 83'));
    assert.deepEqual(await serviceNames(), ['api', 'draft', 'web']);
    const ignore = join(dir, '.gitignore');
    writeFileSync(ignore, `${readFileSync(ignore, 'utf8')}\ndrafts/\n`);
    const before = c.statuses.length;
    await c.watched([{ uri: uriOf(ignore), type: 2 }]);
    await c.until(() => c.statuses.slice(before).some((s) => s.state === 'ready'));
    assert.deepEqual(await serviceNames(), ['api', 'web']);
    // Typing in the now ignored document does not bring it back.
    await c.change(uriOf(draft), svc.replace('port: 82', 'port: 84'));
    assert.deepEqual(await serviceNames(), ['api', 'web']);
    await c.close(uriOf(draft));
  });
});
