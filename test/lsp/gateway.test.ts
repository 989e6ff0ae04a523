/**
 * The Gateway API over JSON-RPC (lsp-shop plus a Gateway): a route's parentRef hovers to its
 * listener and goes to it, the listener's lens counts its routes, and editing the route's
 * sectionName pushes route-not-accepted with the quick fix to the closest listener name.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, copyFixture, posOf, removeDir, TestClient, uriOf } from './client';

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shop-gateway
  namespace: shop
spec:
  gatewayClassName: envoy
  listeners:
    - name: https
      port: 443
      protocol: HTTPS
      hostname: "*.shop.example"
      tls:
        certificateRefs:
          - name: web-tls
`;

describe('LSP: Gateway API', () => {
  let dir = '';
  let c: TestClient;
  const file = (p: string): { uri: string; text: string } => ({ uri: uriOf(join(dir, p)), text: readFileSync(join(dir, p), 'utf8') });

  before(async () => {
    dir = copyFixture('lsp-shop');
    writeFileSync(join(dir, 'ingress', 'gateway.yaml'), GATEWAY);
    c = await TestClient.start({ folders: [dir] });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('hover on a parentRef shows the listener it attaches to; definition goes there; the listener lens counts the route', async () => {
    const route = file('ingress/route.yaml');
    const h = await c.hover(route.uri, posOf(route.text, 'name: shop-gateway', 8));
    assert.match(
      (h?.contents as { value: string }).value,
      /Attaches to Gateway `shop\/shop-gateway`.*\n- listener `https`: `HTTPS :443` hosts `\*\.shop\.example` · TLS terminate \(web-tls\)/,
    );
    const [d] = await c.definition(route.uri, posOf(route.text, 'name: shop-gateway', 8));
    assert.equal(d?.uri, file('ingress/gateway.yaml').uri);
    assert.equal(d?.range.start.line, posOf(GATEWAY, 'name: https').line);
    const lenses = await c.codeLens(file('ingress/gateway.yaml').uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['1 route · HTTPS :443 *.shop.example (TLS terminate)'],
    );
  });

  it('an unknown sectionName is reported as it is typed, with the fix to the listener name', async () => {
    const route = file('ingress/route.yaml');
    const text = route.text.replace('    - name: shop-gateway\n', '    - name: shop-gateway\n      sectionName: htps\n');
    await c.open(route.uri, route.text);
    await c.change(route.uri, text);
    const ds = await c.pushed(route.uri, (x: Diagnostic[]) => x.some((d) => d.code === 'route-not-accepted'));
    const d = ds.find((x) => x.code === 'route-not-accepted')!;
    assert.match(
      typeof d.message === 'string' ? d.message : d.message.value,
      /\(NoMatchingParent\): Gateway shop-gateway has no listener named "htps"/,
    );
    assert.equal(d.range.start.line, posOf(text, 'htps').line);
    const actions = await c.codeActions(route.uri, d.range, [d]);
    const fix = actions.find((a) => a.title === 'Change sectionName to "https"');
    assert.ok(fix?.edit?.changes, actions.map((a) => a.title).join(' | '));
    const fixed = applyEdits(text, fix.edit.changes[route.uri] ?? []);
    assert.match(fixed, /sectionName: https\n/);
    await c.change(route.uri, fixed);
    await c.pushed(route.uri, (x: Diagnostic[]) => !x.some((d2) => d2.code === 'route-not-accepted'));
  });
});
