/**
 * The panel's first view in Chromium: a path too wide for a half-width panel opens at a
 * readable zoom on the Service with a hint on how to see the rest; Fit shows it all, and the
 * hint goes once the reader pans or zooms.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { READABLE_SCALE } from '../../webview/src/render/view';
import { sampleGraph } from './graphs';
import { openPanel, showGraph, zoomOf } from './harness';

const scaleOf = (transform: string | null): number => Number(/scale\(([\d.e-]+)\)/.exec(transform ?? '')?.[1] ?? NaN);

describe('traffic-path panel: first view', () => {
  test('a wide path in a narrow panel: readable, the Service on screen, a hint; Fit shows everything', async () => {
    const p = await openPanel({ width: 520, height: 600 });
    await showGraph(p, sampleGraph(), 'svc80');
    assert.equal(scaleOf(await zoomOf(p.page)), READABLE_SCALE);
    const svc = await p.page.locator('[data-node-id="svc80"] .pp-box').boundingBox();
    assert.ok(svc && svc.x >= 0 && svc.x + svc.width <= 520, `the Service box is on screen: ${JSON.stringify(svc)}`);
    const hint = p.page.locator('.pp-hint');
    assert.equal(await hint.isVisible(), true);
    assert.match((await hint.textContent()) ?? '', /drag to pan, scroll to zoom, Fit/);

    await p.page.click('#pp-fit');
    await p.page.waitForFunction((k) => Number(/scale\(([\d.e-]+)\)/.exec(document.querySelector('g.pp-zoom')?.getAttribute('transform') ?? '')?.[1]) < k, READABLE_SCALE);
    assert.equal(await hint.isVisible(), false, 'after Fit the whole path is on screen: no hint');
    for (const id of ['client', 'np', 'svc80', 'nginx']) {
      const b = await p.page.locator(`[data-node-id="${id}"] .pp-box`).boundingBox();
      assert.ok(b && b.x >= 0 && b.x + b.width <= 520, `${id} on screen after Fit`);
    }
    await p.close();
  });

  test('a path that fits readably opens whole, with no hint', async () => {
    const p = await openPanel({ width: 2600, height: 900 });
    await showGraph(p, sampleGraph(), 'svc80');
    assert.ok(scaleOf(await zoomOf(p.page)) >= READABLE_SCALE);
    assert.equal(await p.page.locator('.pp-hint').isVisible(), false);
    await p.close();
  });
});
