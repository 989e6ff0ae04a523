/**
 * Kustomize layouts over JSON-RPC: the server reads an extension-less `Kustomization` for
 * its namespace, and a patch file's diagnostics follow the kustomization that lists it —
 * shown when an edit stops listing it, cleared when the edit is undone.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, removeDir, TestClient, uriOf } from './client';
import { ServicesRequest } from '../../server/src/protocol';

describe('kustomize layouts', () => {
  let dir = '';
  let root = '';
  let c: TestClient;

  before(async () => {
    dir = copyFixture('ws-kustomize');
    root = join(dir, 'workspace');
    c = await TestClient.start({ folders: [root] });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('puts the objects of a folder with an extension-less Kustomization in its namespace', async () => {
    const services = await c.send(ServicesRequest, {});
    assert.deepEqual(
      services
        .filter((s) => s.uri.includes('/tools/'))
        .map((s) => `${s.namespace}/${s.name}`)
        .sort(),
      ['tools/db', 'tools/grafana'],
    );
  });

  it('a patch gets diagnostics once no kustomization lists it, and loses them when it is listed again', { timeout: 30_000 }, async () => {
    const k = join(root, 'overlays/prod/kustomization.yaml');
    const text = readFileSync(k, 'utf8');
    const patch = uriOf(join(root, 'overlays/prod/patches/service.yaml'));
    await c.open(uriOf(k), text);
    await c.change(uriOf(k), text.replace(/patches:[\s\S]*$/, ''));
    const shown = await c.pushed(patch, (d) => d.length > 0);
    assert.deepEqual(
      shown.map((d) => d.code),
      ['node-port-not-allowed'],
    );
    await c.change(uriOf(k), text);
    await c.pushed(patch, (d) => d.length === 0);
  });
});
