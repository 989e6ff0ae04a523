/**
 * Readable wherever the panel opens (Chromium): half of a 1600×1000 window (where the code
 * lens opens it), full width, and a tall narrow column; on the example shop's path, a
 * 20-pod-template path and a path whose nodes read alike. After opening and after every
 * resize, each node label is at least 11 px high on screen, or the panel says what is out
 * of view; no two nodes share an accessible name; every legend style is distinct.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TrafficGraph } from '../../server/src/protocol';
import { duplicateLabelGraph, hugeGraph, sampleGraph } from './graphs';
import { openPanel, showGraph, type Panel } from './harness';

const SIZES = [
  { name: 'half of 1600×1000', width: 800, height: 1000 },
  { name: 'full 1600×1000', width: 1600, height: 1000 },
  { name: 'tall and narrow', width: 420, height: 1000 },
];
const GRAPHS: [string, () => TrafficGraph, string][] = [
  ['example shop', sampleGraph, 'svc80'],
  ['20 pod templates', () => hugeGraph(20, 3, 1), 'svc0'],
  ['nodes that read alike', duplicateLabelGraph, 'svc'],
];

interface Reading {
  minLabelPx: number;
  hidden: boolean;
  hint: string;
  names: string[];
  direction: string;
}

/** Waits until the view was fitted to the current size, then reads what a person would see. */
async function read(p: Panel): Promise<Reading> {
  // The panel marks the size it last fitted to: wait until that is the canvas's size now.
  await p.page.waitForFunction(() => {
    const svg = document.querySelector('svg.pp-canvas')!;
    const r = svg.getBoundingClientRect();
    return svg.getAttribute('data-fitted') === `${Math.round(r.width)}x${Math.round(r.height)}`;
  });
  return p.page.evaluate(() => {
    const labels = [...document.querySelectorAll('.pp-nodes .pp-label')];
    const vw = document.querySelector('svg.pp-canvas')!.getBoundingClientRect();
    let hidden = false;
    for (const n of document.querySelectorAll('.pp-nodes .pp-box')) {
      const r = n.getBoundingClientRect();
      if (r.left < vw.left - 1 || r.top < vw.top - 1 || r.right > vw.right + 1 || r.bottom > vw.bottom + 1) hidden = true;
    }
    const hint = document.querySelector<HTMLElement>('.pp-hint')!;
    return {
      // A text box's height is its font's line box: 12 px labels measure ~14 px at 100%.
      minLabelPx: Math.min(
        ...labels.map(
          (l) => parseFloat(getComputedStyle(l).fontSize) * (l.getBoundingClientRect().height / (l as SVGGraphicsElement).getBBox().height),
        ),
      ),
      hidden,
      hint: hint.hidden ? '' : (hint.textContent ?? ''),
      names: [...document.querySelectorAll('.pp-nodes > .pp-node')].map((n) => n.getAttribute('aria-label') ?? ''),
      direction:
        document.querySelector('g.pp-zoom > svg')?.getAttribute('data-direction') ??
        document.querySelector('[data-direction]')?.getAttribute('data-direction') ??
        '',
    };
  });
}

function check(r: Reading, where: string): void {
  assert.ok(r.minLabelPx >= 11 - 0.05, `${where}: smallest label ${r.minLabelPx.toFixed(2)} px`);
  if (r.hidden) assert.match(r.hint, /^\d+ of \d+ nodes out of view/, `${where}: part is hidden, and the panel says so`);
  else assert.equal(r.hint, '', `${where}: all on screen, no hint`);
  assert.ok(
    r.names.every((n) => n !== ''),
    `${where}: every node has an accessible name`,
  );
  assert.equal(new Set(r.names).size, r.names.length, `${where}: accessible names are unique`);
}

describe('traffic-path panel: readable at the sizes it opens in', () => {
  for (const [gname, make, waitFor] of GRAPHS) {
    test(`${gname}: opened at each size, then resized through the others`, async () => {
      for (const size of SIZES) {
        const p = await openPanel({ width: size.width, height: size.height });
        await showGraph(p, make(), waitFor);
        check(await read(p), `${gname}, opened ${size.name}`);
        for (const next of SIZES.filter((s) => s !== size)) {
          await p.page.setViewportSize({ width: next.width, height: next.height });
          check(await read(p), `${gname}, opened ${size.name}, resized to ${next.name}`);
        }
        await p.close();
      }
    });
  }

  test('a tall narrow panel lays the path out top to bottom, a wide one left to right', async () => {
    const p = await openPanel({ width: 420, height: 1000 });
    await showGraph(p, duplicateLabelGraph(), 'svc');
    assert.equal((await read(p)).direction, 'tb');
    await p.page.setViewportSize({ width: 2400, height: 800 });
    assert.equal((await read(p)).direction, 'lr');
    await p.close();
  });

  test('every legend style means one thing: no two look alike', async () => {
    const p = await openPanel({ width: 1600, height: 1000 });
    await showGraph(p, sampleGraph(), 'svc80');
    const looks = await p.page.evaluate(() =>
      [...document.querySelectorAll('.pp-legend .pp-edge-line')].map((l) => {
        const s = getComputedStyle(l);
        return `${s.stroke}|${s.strokeDasharray}|${s.strokeWidth}`;
      }),
    );
    assert.equal(looks.length, 5);
    assert.equal(new Set(looks).size, looks.length, looks.join('\n'));
    await p.close();
  });

  test('arrow keys walk the path from node to node', async () => {
    const p = await openPanel({ width: 2600, height: 900 });
    await showGraph(p, sampleGraph(), 'svc80');
    await p.page.focus('[data-node-id="np"]');
    await p.page.keyboard.press('ArrowRight');
    assert.equal(await p.page.evaluate(() => document.activeElement?.getAttribute('data-node-id')), 'svc80');
    await p.page.keyboard.press('ArrowRight');
    const next = await p.page.evaluate(() => document.activeElement?.getAttribute('data-node-id'));
    assert.ok(next === 'pods' || next === 'canary', `from the Service on to one of its pod templates, not ${next}`);
    await p.close();
  });
});
