/**
 * Diagnostics over JSON-RPC: pushed for files that are not open, recomputed across files
 * after edits, file deletion and re-creation, settings applied live, stale versions never
 * published; pulled (document and workspace, held open until something changes) where the
 * client supports it; cancellation answered.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { CancellationTokenSource, copyFixture, posOf, removeDir, TestClient, uriOf } from './client';

const RULE = 'service-target-port-not-found';
const has =
  (rule: string) =>
  (ds: Diagnostic[]): boolean =>
    ds.some((d) => d.code === rule);
const lacks =
  (rule: string) =>
  (ds: Diagnostic[]): boolean =>
    !ds.some((d) => d.code === rule);

describe('push diagnostics', () => {
  let dir = '';
  let c: TestClient;
  const path = (p: string): string => join(dir, p);
  const uri = (p: string): string => uriOf(path(p));

  before(async () => {
    dir = copyFixture('lsp-shop');
    c = await TestClient.start({ folders: [dir] });
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('reports the finding of a file that is not open, with code, link and source', async () => {
    const [d] = await c.pushed(uri('services/api-svc.yaml'), has(RULE));
    assert.equal(d?.source, 'podpath');
    assert.equal(d?.code, RULE);
    assert.equal(d?.codeDescription?.href, `https://github.com/podpath/podpath/blob/main/docs/rules/${RULE}.md`);
    assert.equal(d?.range.start.line, posOf(readFileSync(path('services/api-svc.yaml'), 'utf8'), '9090').line);
    assert.ok(!c.published.has(uri('ignored/broken.yaml')), 'a .gitignored file was indexed');
  });

  it('an edit of a Deployment updates the Service file that points at it (not open)', async () => {
    const api = uri('apps/api.yaml');
    const text = readFileSync(path('apps/api.yaml'), 'utf8');
    await c.open(api, text);
    await c.change(api, text.replace('containerPort: 8080', 'containerPort: 9090'));
    await c.pushed(uri('services/api-svc.yaml'), lacks(RULE));
    await c.change(api, text);
    await c.pushed(uri('services/api-svc.yaml'), has(RULE));
    await c.close(api);
  });

  it('a file deleted and re-created on disk is dropped and indexed again', async () => {
    const text = readFileSync(path('apps/api.yaml'), 'utf8');
    rmSync(path('apps/api.yaml'));
    await c.watched([{ uri: uri('apps/api.yaml'), type: 3 }]);
    await c.pushed(uri('services/api-svc.yaml'), (ds) => lacks(RULE)(ds) && has('service-selector-no-match')(ds));
    writeFileSync(path('apps/api.yaml'), text);
    await c.watched([{ uri: uri('apps/api.yaml'), type: 1 }]);
    await c.pushed(uri('services/api-svc.yaml'), (ds) => has(RULE)(ds) && lacks('service-selector-no-match')(ds));
  });

  it('rule settings apply live: off, then error', async () => {
    await c.setSettings({ rules: { [RULE]: 'off' } });
    await c.pushed(uri('services/api-svc.yaml'), lacks(RULE));
    await c.setSettings({ rules: { [RULE]: 'error' } });
    const ds = await c.pushed(uri('services/api-svc.yaml'), has(RULE));
    assert.equal(ds.find((d) => d.code === RULE)?.severity, 1);
    await c.setSettings({});
    await c.pushed(uri('services/api-svc.yaml'), (d) => d.some((x) => x.code === RULE && x.severity === 2));
  });

  it('publishes the latest version only, after a burst of edits', async () => {
    const svc = uri('services/web-svc.yaml');
    const text = readFileSync(path('services/web-svc.yaml'), 'utf8');
    await c.open(svc, text);
    for (let i = 0; i < 5; i++) await c.change(svc, text.replace('targetPort: http', `targetPort: http${i}`));
    await c.until(() => c.published.get(svc)?.version === 6);
    const ds = c.published.get(svc)!.diagnostics;
    assert.ok(
      ds.some((d) => d.code === RULE && /http4/.test(typeof d.message === 'string' ? d.message : d.message.value)),
      JSON.stringify(ds),
    );
    const versions = c.events.filter((e) => e.startsWith(`diagnostics ${svc}@`)).map((e) => Number(e.split('@')[1]));
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `a stale version was published after a newer one: ${versions.join(', ')}`,
    );
    await c.change(svc, text);
    await c.pushed(svc, lacks(RULE));
    await c.close(svc);
  });

  it('each quick fix, applied, removes the diagnostic and breaks nothing else', async () => {
    const svc = uri('services/api-svc.yaml');
    const original = new Map<string, string>();
    const ds = await c.pushed(svc, has(RULE));
    const d = ds.find((x) => x.code === RULE)!;
    const actions = await c.codeActions(svc, d.range, [d]);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Ignore ${RULE} here`) && titles.includes(`Ignore ${RULE} in this file`), titles.join(' | '));
    assert.ok(actions.every((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === RULE));
    assert.ok(actions.length >= 3, titles.join(' | '));
    for (const action of actions) {
      const changes = action.edit?.changes ?? {};
      for (const [u, edits] of Object.entries(changes)) {
        const p = u.replace(/^file:\/\//, '');
        const text = original.get(u) ?? readFileSync(decodeURIComponent(p), 'utf8');
        original.set(u, text);
        await c.open(u, text);
        const { applyEdits } = await import('./client');
        await c.change(u, applyEdits(text, edits));
      }
      await c.pushed(svc, lacks(RULE));
      for (const [u] of Object.entries(changes)) {
        const others = (c.published.get(u)?.diagnostics ?? []).filter((x) => x.code !== RULE);
        assert.deepEqual(others, [], `"${action.title}" left diagnostics in ${u}`);
      }
      for (const u of Object.keys(changes)) {
        await c.change(u, original.get(u)!);
        await c.close(u);
      }
      await c.pushed(svc, has(RULE));
    }
  });
});

describe('pull diagnostics', () => {
  let dir = '';
  let c: TestClient;
  const path = (p: string): string => join(dir, p);
  const uri = (p: string): string => uriOf(path(p));
  let ids: { uri: string; value: string }[] = [];

  before(async () => {
    dir = copyFixture('lsp-shop');
    c = await TestClient.start({ folders: [dir], pull: true });
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('a workspace pull reports every file with findings, and nothing is pushed', async () => {
    const report = await c.workspaceDiagnostics([]);
    const item = report.items.find((i) => i.uri === uri('services/api-svc.yaml')) as WorkspaceDocumentDiagnosticReport & {
      items: Diagnostic[];
    };
    assert.ok(item?.items.some((d) => d.code === RULE));
    assert.equal(c.published.size, 0);
    ids = report.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
  });

  it('a document pull answers unchanged for the same result id', async () => {
    const u = uri('services/api-svc.yaml');
    const full = await c.documentDiagnostics(u);
    assert.equal(full.kind, 'full');
    const again = await c.documentDiagnostics(u, full.resultId);
    assert.equal(again.kind, 'unchanged');
  });

  it('a workspace pull with nothing new is held until an edit changes another file', async () => {
    const held = c.workspaceDiagnostics(ids);
    const api = uri('apps/api.yaml');
    const text = readFileSync(path('apps/api.yaml'), 'utf8');
    await c.open(api, text);
    await c.change(api, text.replace('containerPort: 8080', 'containerPort: 9090'));
    const report = await held;
    const item = report.items.find((i) => i.uri === uri('services/api-svc.yaml')) as { items: Diagnostic[] } | undefined;
    assert.deepEqual(item?.items, []);
    await c.until(() => c.events.includes('workspace/diagnostic/refresh'));
    await c.change(api, text);
    await c.close(api);
  });

  it('a held workspace pull is cancelled on request', async () => {
    const first = await c.workspaceDiagnostics([]);
    const source = new CancellationTokenSource();
    const held = c.workspaceDiagnostics(
      first.items.map((i) => ({ uri: i.uri, value: i.resultId! })),
      source,
    );
    source.cancel();
    await assert.rejects(held, (e: { code?: number }) => e.code === -32800);
  });
});
