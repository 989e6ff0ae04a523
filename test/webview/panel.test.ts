/**
 * The panel page in real headless Chromium (see harness.ts): drawing, broken and blocked
 * hops, reveal, hostile labels, live updates, export, state, malformed messages, huge
 * graphs, screenshots. Every wait is on DOM state or a recorded message, never on time.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { TrafficGraph } from '../../server/src/protocol';
import { HOSTILE_LABELS, blockedGraph, hostileGraph, hugeGraph, sampleGraph } from './graphs';
import { openPanel, ROOT, showGraph, zoomOf } from './harness';

const SHOTS = path.join(ROOT, 'test-results/webview');

describe('traffic-path panel in Chromium', () => {
  test('draws every node, edge and port label, with styles applied under the CSP', async () => {
    const p = await openPanel();
    const g = sampleGraph();
    await showGraph(p, g, 'np');
    assert.equal(await p.page.locator('.pp-nodes > .pp-node').count(), g.nodes.length);
    assert.equal(await p.page.locator('.pp-edges > .pp-edge').count(), g.edges.length);
    const text = await p.page.locator('g.pp-zoom').textContent();
    for (const n of g.nodes) assert.ok(text?.includes(n.label), `label ${n.label}`);
    assert.ok(text?.includes('kube-proxy · 30080 → 80'), 'ports on the NodePort → Service hop');
    assert.ok(text?.includes('targetPort 8080'));
    assert.equal(await p.page.locator('.pp-toolbar-title').textContent(), 'Service shop/web');
    // The nonce'd stylesheet really applies: ok edges are solid, broken ones red and dashed.
    const style = await p.page.evaluate(() => {
      const line = (sel: string): CSSStyleDeclaration => getComputedStyle(document.querySelector(`${sel} .pp-edge-line`)!);
      return {
        ok: line('.pp-edges .pp-edge.ok').strokeDasharray,
        broken: line('.pp-edges .pp-edge.broken').strokeDasharray,
        red: line('.pp-edges .pp-edge.broken').stroke,
      };
    });
    assert.equal(style.ok, 'none');
    assert.notEqual(style.broken, 'none');
    assert.equal(style.red, 'rgb(207, 34, 46)');
    await p.close();
  });

  test('broken and blocked hops carry their class, rule, policy and reason', async () => {
    const p = await openPanel();
    await showGraph(p, sampleGraph(), 'canary');
    const broken = p.page.locator('.pp-edges > .pp-edge.broken');
    assert.equal(await broken.count(), 1);
    assert.equal(await broken.getAttribute('data-rule'), 'service-target-port-not-found');
    assert.equal(await broken.getAttribute('data-to'), 'canary');
    const brokenLabel = await p.page.locator('.pp-edge-label.broken').textContent();
    assert.match(brokenLabel ?? '', /service-target-port-not-found/);
    assert.match(brokenLabel ?? '', /no container port named 'https'/);
    assert.match((await broken.locator('title').textContent()) ?? '', /Reason: no container port named 'https' in StatefulSet web-canary/);
    assert.match((await p.page.locator('.pp-edge-label.blocked').textContent()) ?? '', /blocked by shop\/deny-from-other-ns/);
    assert.equal(await p.page.locator('.pp-node.has-broken').getAttribute('data-node-id'), 'canary');

    await showGraph(p, blockedGraph(), 'np');
    const blocked = p.page.locator('.pp-edges > .pp-edge.blocked');
    assert.equal(await blocked.count(), 1);
    assert.match((await blocked.locator('title').textContent()) ?? '', /NetworkPolicy: db\/default-deny/);
    assert.equal(await p.page.locator('.pp-edges > .pp-edge.broken').count(), 0);
    await p.close();
  });

  test('a click or Enter/Space on a node posts reveal with its source', async () => {
    const p = await openPanel();
    const g = sampleGraph();
    await showGraph(p, g, 'np');
    const source = (id: string): unknown => g.nodes.find((n) => n.id === id)?.source;
    // The first view is readable and centred on the Service; Fit shows every node to click.
    await p.page.click('#pp-fit');
    await p.page.click('[data-node-id="np"] .pp-box');
    const first = await p.posted<{ uri: string; range: unknown }>('reveal');
    assert.deepEqual({ uri: first.uri, range: first.range }, source('np'));

    const svc = p.page.locator('[data-node-id="svc80"]');
    assert.equal(await svc.getAttribute('tabindex'), '0');
    assert.equal(await svc.getAttribute('role'), 'button');
    assert.match((await svc.getAttribute('aria-label')) ?? '', /web\.shop\.svc\.cluster\.local:80/);
    await svc.focus();
    await p.page.keyboard.press('Enter');
    await p.page.waitForFunction(
      () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'reveal').length === 2,
    );
    assert.deepEqual((await p.posted<{ uri: string }>('reveal')).uri, (source('svc80') as { uri: string }).uri);

    await p.page.locator('[data-node-id="nginx"]').focus();
    await p.page.keyboard.press(' ');
    await p.page.waitForFunction(
      () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'reveal').length === 3,
    );
    const third = await p.posted<{ uri: string; range: unknown }>('reveal');
    assert.deepEqual({ uri: third.uri, range: third.range }, source('nginx'));
    // A node without YAML behind it can be reached (arrows, Tab) but is not a button, and Enter does nothing.
    const client = p.page.locator('[data-node-id="client"]');
    assert.equal(await client.getAttribute('tabindex'), '0');
    assert.equal(await client.getAttribute('role'), 'img');
    await client.focus();
    await p.page.keyboard.press('Enter');
    await p.page.locator('[data-node-id="nginx"]').focus();
    await p.page.keyboard.press('Enter');
    await p.page.waitForFunction(
      () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'reveal').length === 4,
    );
    assert.deepEqual(
      (await p.posted<{ uri: string }>('reveal')).uri,
      (source('nginx') as { uri: string }).uri,
      'the client posted no reveal in between',
    );
    await p.close();
  });

  test('hostile labels stay text: no element is created from them', async () => {
    const p = await openPanel();
    await showGraph(p, hostileGraph(), 'a');
    const dom = await p.page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      bold: document.querySelectorAll('b').length,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      labels: [...document.querySelectorAll('.pp-label')].map((e) => e.textContent),
      title: document.querySelector('.pp-toolbar-title')?.textContent,
    }));
    assert.deepEqual(
      { imgs: dom.imgs, scripts: dom.scripts, bold: dom.bold, pwned: dom.pwned },
      { imgs: 0, scripts: 1, bold: 0, pwned: undefined },
    );
    for (const l of HOSTILE_LABELS.slice(0, 3)) assert.ok(dom.labels.includes(l), `label kept verbatim: ${l}`);
    assert.equal(dom.title, `Service evil"ns/${HOSTILE_LABELS[1]}`);
    // The exported file keeps them as text too.
    await p.page.click('#pp-export');
    const { svg } = await p.posted<{ svg: string }>('exportSvg');
    const parsed = await p.parseSvg(svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.foreign, 0);
    assert.ok(parsed.labels.includes(HOSTILE_LABELS[0]!));
    await p.close();
  });

  test('a live update redraws and keeps the zoom the reader chose', async () => {
    const p = await openPanel();
    const g = sampleGraph();
    await showGraph(p, g, 'np');
    const fitted = await zoomOf(p.page);
    const box = (await p.page.locator('svg.pp-canvas').boundingBox())!;
    await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.page.mouse.wheel(0, -400);
    await p.page.waitForFunction((before) => document.querySelector('g.pp-zoom')?.getAttribute('transform') !== before, fitted);
    const zoomed = await zoomOf(p.page);
    await p.page.focus('[data-node-id="svc80"]');

    const next = sampleGraph();
    next.nodes.push({ id: 'extra', kind: 'in-cluster-client', label: 'Added later' });
    next.edges.push({ from: 'extra', to: 'svc80', status: 'ok' });
    next.nodes = next.nodes.filter((n) => n.id !== 'route');
    await showGraph(p, next, 'extra');
    assert.equal(await p.page.locator('[data-node-id="route"]').count(), 0);
    assert.equal(await zoomOf(p.page), zoomed);
    // Keyed joins reuse the element, so keyboard focus survives the update.
    assert.equal(await p.page.evaluate(() => document.activeElement?.getAttribute('data-node-id')), 'svc80');
    await p.close();
  });

  test('Export and Copy post the current picture as SVG, also on the host’s request', async () => {
    const p = await openPanel();
    const g = sampleGraph();
    await showGraph(p, g, 'np');
    await p.page.click('#pp-export');
    const exported = await p.posted<{ svg: string }>('exportSvg');
    assert.match(exported.svg, /^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const parsed = await p.parseSvg(exported.svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.nodes, g.nodes.length);
    await p.page.click('#pp-copy');
    assert.equal((await p.posted<{ svg: string }>('copySvg')).svg, exported.svg);
    await p.send({ type: 'requestSvg', action: 'export' });
    await p.page.waitForFunction(
      () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'exportSvg').length === 2,
    );
    await p.close();
  });

  test('state is saved and a reload restores the graph and the zoom', async () => {
    const p = await openPanel();
    await showGraph(p, sampleGraph(), 'np');
    const fitted = await zoomOf(p.page);
    const box = (await p.page.locator('svg.pp-canvas').boundingBox())!;
    await p.page.mouse.move(box.x + 200, box.y + 200);
    await p.page.mouse.wheel(0, 300);
    // Saved once the zoom gesture ends: the state's transform is the one on screen.
    const handle = await p.page.waitForFunction((f) => {
      const shown = document.querySelector('g.pp-zoom')?.getAttribute('transform');
      const s = JSON.parse(sessionStorage.getItem('pp-state') ?? 'null');
      const t = s?.transform;
      return shown !== f && t && `translate(${t.x},${t.y}) scale(${t.k})` === shown ? s : null;
    }, fitted);
    const saved = (await handle.jsonValue()) as { graph: TrafficGraph; target: unknown };
    assert.equal(saved.graph.service.name, 'web');
    assert.deepEqual(saved.target, { namespace: 'shop', name: 'web' });
    const zoomed = await zoomOf(p.page);

    await p.page.reload();
    await p.page.waitForSelector('[data-node-id="np"]');
    assert.equal(await zoomOf(p.page), zoomed);
    await p.posted('ready');
    await p.close();
  });

  test('graph: null shows the message; malformed messages are dropped', async () => {
    const p = await openPanel();
    await showGraph(p, sampleGraph(), 'np');
    await p.send({ type: 'graph', graph: { nodes: 'x' } });
    await p.send({ type: 'graph', graph: { ...sampleGraph(), edges: [{ from: 1 }] } });
    await p.send({ type: 'paint', html: '<img src=x>' });
    // Messages are handled in order: once this one is answered, the bad ones were seen.
    await p.send({ type: 'requestSvg', action: 'copy' });
    await p.posted('copySvg');
    assert.equal(await p.page.locator('[data-node-id="np"]').count(), 1);

    await p.send({ type: 'graph', graph: null, message: 'No Service named shop/nope in the workspace.' });
    await p.page.waitForSelector('.pp-empty:not([hidden])');
    assert.equal(await p.page.locator('.pp-empty').textContent(), 'No Service named shop/nope in the workspace.');
    assert.equal(await p.page.locator('.pp-node').count(), 0);
    assert.equal(await p.page.locator('#pp-export').isDisabled(), true);
    await p.close();
  });

  test('a huge graph is collapsed without overlaps and a group expands on click', async () => {
    const p = await openPanel();
    await showGraph(p, hugeGraph(), 'group:pod');
    const overlaps = (): Promise<number> =>
      p.page.evaluate(() => {
        const rects = [...document.querySelectorAll('.pp-node .pp-box, .pp-edge-label rect')].map((e) => e.getBoundingClientRect());
        let n = 0;
        rects.forEach((a, i) =>
          rects.slice(i + 1).forEach((b) => {
            if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) n++;
          }),
        );
        return n;
      });
    assert.equal(await overlaps(), 0);
    assert.equal(await p.page.locator('.pp-node.kind-pod').count(), 8);
    assert.equal(await p.page.locator('[data-node-id="pod42"]').count(), 1, 'the pod with a broken hop stays visible');
    await p.page.click('[data-node-id="group:pod"] .pp-box');
    await p.page.waitForFunction(() => document.querySelectorAll('.pp-node.kind-pod').length === 50);
    assert.equal(await p.page.locator('#pp-collapse').isVisible(), true);
    assert.equal(await overlaps(), 0);
    await p.page.click('#pp-collapse');
    await p.page.waitForSelector('[data-node-id="group:pod"]');
    await p.close();
  });

  test('screenshot of the sample graph (light and dark theme)', async () => {
    const p = await openPanel();
    await showGraph(p, sampleGraph(), 'np');
    mkdirSync(SHOTS, { recursive: true });
    await p.page.screenshot({ path: path.join(SHOTS, 'sample.png') });
    // VS Code injects its theme as CSS variables on the root; set a dark theme the same way (CSSOM).
    await p.page.evaluate(() => {
      const dark: Record<string, string> = {
        '--vscode-editor-background': '#1e1e1e',
        '--vscode-editor-foreground': '#d4d4d4',
        '--vscode-descriptionForeground': '#9d9d9d',
        '--vscode-editorWidget-background': '#252526',
        '--vscode-editorWidget-border': '#454545',
        '--vscode-editorError-foreground': '#f14c4c',
        '--vscode-editorWarning-foreground': '#cca700',
        '--vscode-charts-blue': '#3794ff',
        '--vscode-charts-purple': '#b180d7',
        '--vscode-charts-green': '#89d185',
        '--vscode-charts-orange': '#d18616',
        '--vscode-terminal-ansiCyan': '#11a8cd',
        '--vscode-button-secondaryBackground': '#3a3d41',
        '--vscode-button-secondaryForeground': '#cccccc',
      };
      for (const [k, v] of Object.entries(dark)) document.documentElement.style.setProperty(k, v);
    });
    await p.page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(30, 30, 30)');
    await p.page.screenshot({ path: path.join(SHOTS, 'sample-dark.png') });
    assert.ok(existsSync(path.join(SHOTS, 'sample.png')));
    await p.close();
  });
});
