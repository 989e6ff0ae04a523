/**
 * The built server over JSON-RPC on the lsp-shop fixture: hover, definition, references,
 * highlights, completion, rename, code lens and inlay hints, across files.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits, copyFixture, posOf, removeDir, TestClient, uriOf } from './client';
import { ServicesRequest, TrafficPathRequest } from '../../server/src/protocol';

describe('LSP features on lsp-shop', () => {
  let dir = '';
  let c: TestClient;
  const file = (p: string): { uri: string; text: string } => ({ uri: uriOf(join(dir, p)), text: readFileSync(join(dir, p), 'utf8') });

  before(async () => {
    dir = copyFixture('lsp-shop');
    c = await TestClient.start({ folders: [dir] });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('hover on a named targetPort shows the container port it reaches', async () => {
    const svc = file('services/web-svc.yaml');
    const h = await c.hover(svc.uri, posOf(svc.text, 'targetPort: http', 13));
    const md = (h?.contents as { value: string }).value;
    assert.match(md, /8080\/TCP \(http\)/);
    assert.match(md, /nginx/);
    assert.match(md, /Deployment `web` ×3/);
    assert.match(md, /apps\/web\.yaml:\d+/);
  });

  it('hover on a Service port shows the in-cluster address; on nodePort the node path', async () => {
    const svc = file('services/web-svc.yaml');
    const port = (await c.hover(svc.uri, posOf(svc.text, 'port: 80', 7)))?.contents as { value: string };
    assert.match(port.value, /web\.shop\.svc\.cluster\.local:80/);
    const node = (await c.hover(svc.uri, posOf(svc.text, 'nodePort: 30080', 11)))?.contents as { value: string };
    assert.match(node.value, /<NodeIP>:30080` on every node → port `80` → targetPort `http`/);
  });

  it('hover on a selector lists the matched templates; on a pod label, who reaches it', async () => {
    const svc = file('services/web-svc.yaml');
    const sel = (await c.hover(svc.uri, posOf(svc.text, 'app: web', 6)))?.contents as { value: string };
    assert.match(sel.value, /matches 1 pod template/);
    const app = file('apps/web.yaml');
    const label = (await c.hover(app.uri, posOf(app.text, 'tier: frontend', 2)))?.contents as { value: string };
    assert.match(label.value, /Service `web`/);
    assert.match(label.value, /Ingress `web`/);
    assert.match(label.value, /web-ingress/);
    const api = file('services/api-svc.yaml');
    const broken = (await c.hover(api.uri, posOf(api.text, 'targetPort: 9090', 13)))?.contents as { value: string };
    assert.match(broken.value, /no container declares containerPort `9090`/);
  });

  it('go to definition: targetPort → container port, backend → Service, DNS → Service, probe → port, TLS → Secret', async () => {
    const svc = file('services/web-svc.yaml');
    const [tp] = await c.definition(svc.uri, posOf(svc.text, 'targetPort: http', 13));
    assert.equal(tp?.uri, file('apps/web.yaml').uri);
    assert.equal(tp?.range.start.line, posOf(file('apps/web.yaml').text, 'name: http', 6).line);
    const ing = file('ingress/web.yaml');
    const [backend] = await c.definition(ing.uri, posOf(ing.text, 'name: web', 7, 1));
    assert.equal(backend?.uri, svc.uri);
    assert.equal(backend?.range.start.line, posOf(svc.text, 'name: web').line);
    const [secret] = await c.definition(ing.uri, posOf(ing.text, 'secretName: web-tls', 13));
    assert.equal(secret?.uri, file('ingress/web-tls.yaml').uri);
    const cl = file('apps/client.yaml');
    const dns = await c.definition(cl.uri, posOf(cl.text, 'web.shop.svc', 1));
    assert.deepEqual(
      dns.map((l) => l.uri),
      [svc.uri, svc.uri],
    );
    const app = file('apps/web.yaml');
    const [probe] = await c.definition(app.uri, posOf(app.text, 'port: http', 7));
    assert.equal(probe?.range.start.line, posOf(app.text, 'name: http').line);
    const sel = await c.definition(svc.uri, posOf(svc.text, 'app: web', 1));
    assert.deepEqual(
      sel.map((l) => [l.uri, l.range.start.line]),
      [[app.uri, posOf(app.text, 'app: web', 0, 1).line]],
    );
  });

  it('find references: container port name → targetPort, probe, policy; Service → Ingress, route, DNS', async () => {
    const app = file('apps/web.yaml');
    const refs = await c.references(app.uri, posOf(app.text, 'name: http', 7));
    const where = refs.map((l) => l.uri.split('/').slice(-2).join('/')).sort();
    assert.deepEqual(where, ['apps/web.yaml', 'apps/web.yaml', 'policies/web.yaml', 'services/web-svc.yaml']);
    const svc = file('services/web-svc.yaml');
    const users = await c.references(svc.uri, posOf(svc.text, 'name: web', 7), false);
    assert.deepEqual(users.map((l) => l.uri.split('/').slice(-2).join('/')).sort(), [
      'apps/client.yaml',
      'ingress/route.yaml',
      'ingress/web.yaml',
    ]);
  });

  it('document highlights mark the declaration as a write', async () => {
    const app = file('apps/web.yaml');
    const hs = await c.highlights(app.uri, posOf(app.text, 'name: http', 7));
    assert.equal(hs.length, 2);
    assert.ok(hs.some((h) => h.kind === 3));
  });

  it('completion: targetPort from the matched ports, selector pairs, backend names, a free nodePort', async () => {
    const svc = file('services/web-svc.yaml');
    await c.open(svc.uri, svc.text.replace('targetPort: http', 'targetPort: '));
    const edited = svc.text.replace('targetPort: http', 'targetPort: ');
    const tp = await c.completion(svc.uri, posOf(edited, 'targetPort: ', 12));
    assert.deepEqual(tp.map((i) => i.label).sort(), ['8080', 'http']);
    const np = await c.completion(svc.uri, posOf(edited, 'nodePort: 30080', 10));
    assert.equal(np.length, 1);
    assert.notEqual(np[0]?.label, '30080');
    await c.change(svc.uri, svc.text);
    const ing = file('ingress/web.yaml');
    const names = await c.completion(ing.uri, posOf(ing.text, 'name: web', 6, 1));
    assert.deepEqual(names.map((i) => i.label).sort(), ['api', 'web']);
    const withKey = svc.text.replace('    app: web\n', '    app: web\n    \n');
    await c.change(svc.uri, withKey);
    const pairs = await c.completion(svc.uri, posOf(withKey, 'app: web\n    ', 13));
    assert.ok(
      pairs.some((i) => i.label === 'tier: frontend'),
      pairs.map((i) => i.label).join(),
    );
    await c.close(svc.uri);
  });

  it('rename a port name renames the container port, targetPort, probe and policy port', async () => {
    const app = file('apps/web.yaml');
    const prep = await c.prepareRename(app.uri, posOf(app.text, 'name: http', 7));
    assert.equal(prep?.placeholder, 'http');
    const edit = await c.rename(app.uri, posOf(app.text, 'name: http', 7), 'web-http');
    const changes = edit?.changes ?? {};
    assert.equal(Object.keys(changes).length, 3);
    assert.match(applyEdits(app.text, changes[app.uri] ?? []), /name: web-http[\s\S]*port: web-http/);
    assert.match(applyEdits(file('services/web-svc.yaml').text, changes[file('services/web-svc.yaml').uri] ?? []), /targetPort: web-http/);
  });

  it('rename a Service renames its name and every backend, route and DNS reference; numbers are refused', async () => {
    const svc = file('services/web-svc.yaml');
    const edit = await c.rename(svc.uri, posOf(svc.text, 'name: web', 7), 'storefront');
    const changes = edit?.changes ?? {};
    assert.equal(Object.keys(changes).length, 4);
    assert.match(
      applyEdits(file('apps/client.yaml').text, changes[file('apps/client.yaml').uri] ?? []),
      /http:\/\/storefront\.shop\.svc\.cluster\.local:80/,
    );
    await assert.rejects(c.prepareRename(svc.uri, posOf(svc.text, 'port: 80', 7)), /only port names can be renamed/);
  });

  it('code lens above Services and workloads', async () => {
    const svc = file('services/web-svc.yaml');
    const [lens] = await c.codeLens(svc.uri);
    assert.equal(lens?.command?.title, 'Show traffic path · 3 pods · 2 routes');
    assert.equal(lens?.command?.command, 'podpath.showTrafficPath');
    assert.deepEqual(lens?.command?.arguments, [{ namespace: 'shop', name: 'web' }]);
    const [wl] = await c.codeLens(file('apps/web.yaml').uri);
    assert.equal(wl?.command?.title, 'exposed by web:80');
  });

  it('inlay hints after targetPort and after selector', async () => {
    const svc = file('services/web-svc.yaml');
    const hints = await c.inlayHints(svc.uri, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
    assert.deepEqual(hints.map((h) => h.label).sort(), ['1 workload', '→ nginx:8080']);
    const api = file('services/api-svc.yaml');
    const none = await c.inlayHints(api.uri, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
    assert.deepEqual(
      none.map((h) => h.label),
      ['1 workload'],
    );
  });

  it('the traffic path and the Services at a position', async () => {
    const graph = await c.send(TrafficPathRequest, { namespace: 'shop', name: 'web' });
    assert.equal(graph?.service.name, 'web');
    const app = file('apps/web.yaml');
    const svcs = await c.send(ServicesRequest, { uri: app.uri, position: posOf(app.text, 'containerPort') });
    assert.deepEqual(
      svcs.map((s) => s.name),
      ['web'],
    );
    const all = await c.send(ServicesRequest, {});
    assert.deepEqual(
      all.map((s) => s.name),
      ['api', 'web'],
    );
  });
});
