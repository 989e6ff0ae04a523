/**
 * The panel's view in Chromium: a path too wide for a half-width panel opens at a readable
 * zoom around what matters, says how many nodes are out of view, and Fit never shrinks it
 * below a readable size; 100% shows the actual size.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { READABLE_SCALE } from '../../webview/src/render/view';
import { hugeGraph, sampleGraph } from './graphs';
import { openPanel, showGraph, zoomOf } from './harness';

const scaleOf = (transform: string | null): number => Number(/scale\(([\d.e-]+)\)/.exec(transform ?? '')?.[1] ?? NaN);

describe('traffic-path panel: view', () => {
  test('a path too large for the panel: readable, the broken hop on screen, a count of what is hidden; Fit keeps it readable', async () => {
    const p = await openPanel({ width: 520, height: 600 });
    await showGraph(p, hugeGraph(20, 6, 2), 'svc0');
    assert.ok(Math.abs(scaleOf(await zoomOf(p.page)) - READABLE_SCALE) < 1e-6);
    const hint = p.page.locator('.pp-hint');
    assert.equal(await hint.isVisible(), true);
    assert.match((await hint.textContent()) ?? '', /^\d+ of \d+ nodes out of view: drag to pan, scroll to zoom\.$/);

    await p.page.click('#pp-actual');
    await p.page.waitForFunction(() => /scale\(1\)/.test(document.querySelector('g.pp-zoom')?.getAttribute('transform') ?? ''));
    await p.page.click('#pp-fit');
    await p.page.waitForFunction(
      (k) =>
        Math.abs(Number(/scale\(([\d.e-]+)\)/.exec(document.querySelector('g.pp-zoom')?.getAttribute('transform') ?? '')?.[1]) - k) < 1e-6,
      READABLE_SCALE,
    );
    assert.equal(await hint.isVisible(), true, 'Fit does not shrink below readable: part stays hidden, and the panel says so');
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
