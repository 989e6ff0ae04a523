/**
 * The built server (`dist/server.js --stdio`) on the hostile workspace, under the audit
 * preload: every bad file gets its finding or its log line, the good file keeps its real
 * finding, each hostile text opened in the editor still gets an answer, and the server
 * reads nothing outside the workspace — whatever the client sends — and runs no program.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeYaml } from '../../server/src/node/readYaml';
import { makeHostileWorkspace, type HostileWorkspace } from '../hostile/workspace';
import { auditPreload, outsideRoots, readAudit, repoRoot } from '../hostile/run';
import { TestClient, uriOf } from './client';
import { ServicesRequest } from '../../server/src/protocol';

let ws: HostileWorkspace;
let c: TestClient;
let auditDir = '';
const auditFile = (): string => join(auditDir, 'server.jsonl');
const good = (): string => uriOf(join(ws.root, 'good/web.yaml'));

before(async () => {
  ws = makeHostileWorkspace();
  auditDir = mkdtempSync(join(tmpdir(), 'podpath-audit-'));
  c = await TestClient.start({ folders: [ws.root], nodeArgs: ['--require', auditPreload], env: { PODPATH_AUDIT: auditFile() } });
  await c.ready();
  await c.pushed(good(), (d) => d.some((x) => x.code === 'service-target-port-not-found'));
  // Every push of the first index is out before the answer to a request sent after it.
  await c.hover(good(), { line: 0, character: 0 });
});

after(async () => {
  await c?.stop();
  ws?.cleanup();
  rmSync(auditDir, { recursive: true, force: true });
});

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('language server on a hostile workspace', { timeout: 300_000 }, () => {
  test('every hostile file gets its finding, its log line, or nothing at all', () => {
    const logs = c.logs.map((l) => l.message);
    for (const e of ws.expected) {
      const uri = uriOf(join(ws.root, e.file));
      const ds = c.published.get(uri)?.diagnostics ?? [];
      if ('log' in e) {
        const line = logs.find((l) => l.startsWith(`skipped ${e.file}: `));
        assert.ok(line, `a log line for ${e.file}; log:\n${logs.join('\n')}`);
        assert.match(line, e.log);
      } else if ('nothing' in e) {
        assert.deepEqual(ds, [], `no diagnostics for ${e.file}`);
      } else {
        const d = ds.find((x) => x.code === e.rule && e.message.test(String(x.message)));
        assert.ok(d, `${e.rule} in ${e.file} matching ${e.message}; got ${JSON.stringify(ds.map((x) => x.message))}`);
        if (e.line !== undefined) assert.equal(d.range.start.line + 1, e.line, `${e.file}: line of ${e.rule}`);
      }
    }
  });

  test('logs a summary of what was skipped and left out, and no error', () => {
    const summary = c.logs.find((l) => l.message.startsWith('indexed '))?.message ?? '';
    assert.match(summary, /with YAML errors; skipped: 2 too large \(podpath\.maxFileSize\), 1 binary; left out: 1 Helm templates/);
    assert.deepEqual(
      c.logs.filter((l) => l.type === 1),
      [],
      'no error logged',
    );
  });

  test('each hostile text opened in the editor gets its finding and the server keeps answering', async () => {
    for (const e of ws.expected) {
      if (!('rule' in e)) continue;
      const uri = uriOf(join(ws.root, e.file));
      // An editor decodes the bytes as the reader does (BOMs honoured, bad bytes as U+FFFD), and says nothing of bad bytes.
      const text = decodeYaml(readFileSync(join(ws.root, e.file))).text;
      await c.open(uri, text);
      const hover = await c.hover(uri, { line: 0, character: 0 });
      assert.ok(hover === null || typeof hover === 'object');
      if (e.rule !== 'yaml-syntax' || !/UTF-8/.test(e.message.source)) {
        const ds = await c.pushed(uri, (d) => d.some((x) => x.code === e.rule && e.message.test(String(x.message))));
        assert.ok(ds.length > 0);
      }
      await c.close(uri);
    }
    const ds = await c.pushed(good(), (d) => d.some((x) => x.code === 'service-target-port-not-found'));
    assert.match(ds.find((x) => x.code === 'service-target-port-not-found')!.message as string, /targetPort 8081/);
  });

  test('reads nothing outside the workspace, even when told of files there, and runs no program', async () => {
    await c.watched([
      { uri: uriOf(join(ws.outside, 'secret.yaml')), type: 1 },
      { uri: uriOf(join(ws.root, 'outside.yaml')), type: 2 },
      { uri: uriOf(join(ws.root, 'outside', 'secret.yaml')), type: 1 },
      { uri: uriOf(join(ws.root, 'outside')), type: 1 },
    ]);
    // Events are handled in order: the last one's log line means all were.
    await c.until(() => c.logs.some((l) => l.message === 'skipped outside: a symbolic link to outside the workspace; not followed'));
    assert.ok(c.logs.some((l) => /^skipped outside\.yaml: it leads outside the workspace/.test(l.message)));
    assert.ok(c.logs.some((l) => /^skipped outside\/secret\.yaml: it leads outside the workspace/.test(l.message)));
    const services = await c.send(ServicesRequest, {});
    assert.ok(services.some((s) => s.name === 'web'));
    assert.equal(
      services.some((s) => s.name === 'outside-secret'),
      false,
    );
    const audit = readAudit(auditFile());
    assert.deepEqual(outsideRoots(audit, [ws.root, join(repoRoot, 'dist')], ws.root), []);
    assert.deepEqual(
      audit.filter((e) => e.op.startsWith('write:')),
      [],
      'writes nothing',
    );
    assert.deepEqual(
      audit.filter((e) => /big\//.test(e.path ?? '') && e.op !== 'read:readdir'),
      [],
      'never opens the files over maxFileSize',
    );
  });

  // Last: it reads the big files the tests above prove unread.
  test('raising podpath.maxFileSize reads the skipped files from disk, to their last document', async () => {
    await c.setSettings({ maxFileSize: 32 * 1024 * 1024 });
    const bundle = uriOf(join(ws.root, 'big/bundle.yaml'));
    const line = uriOf(join(ws.root, 'big/long-line.yaml'));
    const found = (uri: string, port: string): Promise<unknown> =>
      c.pushed(uri, (d) => d.some((x) => x.code === 'service-target-port-not-found' && String(x.message).includes(`targetPort ${port}`)));
    await found(bundle, '9999');
    await found(line, '9998');
    assert.equal(
      (c.published.get(bundle)?.diagnostics ?? []).some((d) => d.code === 'file-skipped'),
      false,
    );
  });
});
