/**
 * The picture reads where it opens: top-to-bottom layers for tall panels, labels wrapped
 * and never cut, nodes that say where they come from, one meaning per edge style, and the
 * view and keyboard logic of the panel (pure parts, under plain node).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TrafficGraph } from '../../server/src/protocol';
import { drawGraph, type VNode } from '../../webview/src/render/draw';
import { neighbourInDirection } from '../../webview/src/render/keys';
import { layoutGraph, type Box } from '../../webview/src/render/layout';
import { wrapAll } from '../../webview/src/render/measure';
import { renderSvg } from '../../webview/src/render/svgString';
import { chooseDirection, hiddenCount, initialView, READABLE_SCALE } from '../../webview/src/render/view';
import * as graphs from '../webview/graphs';
import { byClass, parseXml, textOf } from '../webview/xml';

const SAMPLES: [string, () => TrafficGraph][] = [
  ['sample', graphs.sampleGraph],
  ['broken', graphs.brokenGraph],
  ['blocked', graphs.blockedGraph],
  ['headless', graphs.headlessGraph],
  ['duplicates', graphs.duplicateLabelGraph],
  ['huge', () => graphs.hugeGraph(20, 6, 2)],
];

function overlapping(boxes: Box[]): number {
  let n = 0;
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) n++;
  });
  return n;
}

const find = (tree: VNode, pred: (n: VNode) => boolean): VNode[] => [
  ...(pred(tree) ? [tree] : []),
  ...tree.children.flatMap((c) => find(c, pred)),
];

describe('top-to-bottom layout', () => {
  for (const [name, make] of SAMPLES) {
    test(`${name}: no two boxes overlap, every edge runs from its source box to its target box`, () => {
      const l = layoutGraph(make(), { direction: 'tb', expanded: ['pod', 'container'] });
      assert.equal(l.direction, 'tb');
      assert.equal(overlapping([...l.nodes, ...l.edges.flatMap((e) => (e.label ? [e.label] : []))]), 0);
      const box = new Map(l.nodes.map((n) => [n.id, n]));
      const on = (b: Box, x: number, y: number): boolean =>
        (Math.abs(y - b.y) < 0.2 || Math.abs(y - b.y - b.h) < 0.2) && x >= b.x - 0.2 && x <= b.x + b.w + 0.2;
      for (const e of l.edges) {
        const nums = e.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
        assert.ok(on(box.get(e.from)!, nums[0]!, nums[1]!), `${e.id} starts on ${e.from}`);
        assert.ok(on(box.get(e.to)!, nums[nums.length - 2]!, nums[nums.length - 1]!), `${e.id} ends on ${e.to}`);
      }
    });
  }

  test('rows go ways in → Service → pods → containers, top to bottom, each titled', () => {
    const l = layoutGraph(graphs.sampleGraph(), { direction: 'tb' });
    const y = (id: string): number => l.nodes.find((n) => n.id === id)!.y;
    assert.ok(y('client') < y('lb') && y('np') < y('svc80') && y('svc80') < y('pods') && y('pods') < y('nginx'));
    const titles = find(drawGraph(graphs.sampleGraph(), { direction: 'tb' }).tree, (n) => n.attrs.class === 'pp-column-title').map(
      (n) => n.text,
    );
    assert.deepEqual(titles, ['Ways in', 'Service', 'Pods', 'Containers']);
  });

  test('a tall narrow panel takes top to bottom, a wide one left to right', () => {
    const g = graphs.sampleGraph();
    const size = (d: 'lr' | 'tb'): { w: number; h: number } => {
      const t = drawGraph(g, { direction: d }).tree;
      return { w: Number(t.attrs.width), h: Number(t.attrs.height) };
    };
    assert.equal(chooseDirection(size('lr'), size('tb'), { w: 480, h: 1000 }), 'tb');
    assert.equal(chooseDirection(size('lr'), size('tb'), { w: 2600, h: 700 }), 'lr');
    // Where both show at full size, left to right (the way the traffic reads).
    const small = (d: 'lr' | 'tb'): { w: number; h: number } => {
      const t = drawGraph(graphs.brokenGraph(), { direction: d }).tree;
      return { w: Number(t.attrs.width), h: Number(t.attrs.height) };
    };
    assert.equal(chooseDirection(small('lr'), small('tb'), { w: 1600, h: 1000 }), 'lr');
  });
});

describe('nodes that identify themselves', () => {
  test('a long label is wrapped, never cut', () => {
    const label = 'DNS reference Deployment loadgenerator (env FRONTEND_ADDR frontend.shop.svc.cluster.local:80)';
    const l = layoutGraph(graphs.duplicateLabelGraph());
    const n = l.nodes.find((x) => x.id === 'dns-a')!;
    assert.ok(n.labelLines.length > 1);
    assert.equal(n.labelLines.join(' '), label);
    assert.ok(!n.labelLines.some((x) => x.endsWith('…')));
    assert.deepEqual(
      wrapAll('a-very-long-name-without-any-space-at-all-in-it-anywhere', 20, 4).join(''),
      'a-very-long-name-without-any-space-at-all-in-it-anywhere',
    );
  });

  test('nodes that would read the same show their file, and every accessible name is unique', () => {
    const { tree, layout } = drawGraph(graphs.duplicateLabelGraph(), { interactive: true });
    const dns = layout.nodes.filter((n) => n.kind === 'dns-reference');
    assert.deepEqual(
      dns.map((n) => n.details.at(-1)),
      ['base/loadgen.yaml:15', 'dev/loadgen.yaml:15', 'prod/loadgen.yaml:15'],
    );
    assert.deepEqual(layout.nodes.find((n) => n.id === 'svc')!.details, [], 'a node that reads alone gets no suffix');
    const names = find(tree, (n) => n.attrs['data-node-id'] !== undefined).map((n) => n.attrs['aria-label']);
    assert.equal(names.length, 8);
    assert.ok(
      names.every((x) => x !== undefined),
      'every node is focusable and named',
    );
    assert.equal(new Set(names).size, names.length, names.join('\n'));
    assert.match(names[0]!, /base\/loadgen\.yaml:15/);
  });

  test('the tooltip names the folder and file, not just the file', () => {
    const { tree } = drawGraph(graphs.duplicateLabelGraph());
    const tip = find(tree, (n) => n.attrs['data-node-id'] === 'route-b')[0]!.children.find((c) => c.tag === 'title')!.text!;
    assert.match(tip, /b\/route\.yaml:4 \(click to open\)/);
  });

  test("the Service's node names its type", () => {
    const l = layoutGraph(graphs.sampleGraph());
    assert.equal(l.nodes.find((n) => n.id === 'svc80')!.caption, 'Service · LoadBalancer');
    assert.equal(layoutGraph(graphs.headlessGraph()).nodes.find((n) => n.band === 1)!.caption, 'Service · headless');
  });

  test('the exported SVG carries the whole finding, wrapped', () => {
    const g = graphs.sampleGraph();
    const long = `${'targetPort https matches no container port of StatefulSet web-canary; '.repeat(3)}use 8443`;
    g.diagnostics = [{ rule: 'service-target-port-not-found', severity: 'error', message: long }];
    const texts = byClass(parseXml(renderSvg(g)), 'pp-diagnostics').flatMap((d) => d.children.map(textOf));
    assert.ok(texts.length > 1);
    assert.match(texts.join(' ').replace(/\s+/g, ' '), /use 8443 \[service-target-port-not-found\]$/);
  });
});

describe('one meaning per edge style', () => {
  test('a NetworkPolicy selecting Pods is drawn as "selects", never as blocked, and the legend says so', () => {
    const { tree } = drawGraph(graphs.sampleGraph());
    const sel = find(tree, (n) => n.attrs['data-from'] === 'netpol')[0]!;
    assert.match(sel.attrs.class!, /\bselects\b/);
    assert.doesNotMatch(sel.attrs.class!, /\bblocked\b/);
    const legend = find(tree, (n) => n.attrs.class === 'pp-legend')[0]!;
    const styles = legend.children.filter((c) => c.tag === 'g').map((c) => c.attrs.class);
    assert.equal(new Set(styles).size, styles.length);
    assert.ok(legend.children.some((c) => c.text === 'NetworkPolicy selects these Pods'));
  });
});

describe('panel view and keys', () => {
  test('the view never goes below the readable scale by itself, and says how many nodes it hides', () => {
    const l = layoutGraph(graphs.hugeGraph(20, 6, 2), { expanded: ['pod', 'container'] });
    const vp = { w: 600, h: 500 };
    const v = initialView({ w: l.width, h: l.height }, vp, undefined);
    assert.equal(v.k, READABLE_SCALE);
    assert.ok(12 * v.k >= 11 - 1e-9);
    const hidden = hiddenCount(l.nodes, v, vp);
    assert.ok(hidden > 0 && hidden < l.nodes.length, `${hidden}`);
    assert.equal(hiddenCount(l.nodes, { k: 0.05, x: 0, y: 0 }, vp), 0);
  });

  test('arrows follow the connected nodes', () => {
    const l = layoutGraph(graphs.sampleGraph());
    assert.equal(neighbourInDirection(l, 'np', 'right'), 'svc80');
    assert.equal(neighbourInDirection(l, 'svc80', 'left') !== undefined, true);
    assert.equal(neighbourInDirection(l, 'nginx', 'right'), undefined, 'nothing beyond the containers');
    const t = layoutGraph(graphs.sampleGraph(), { direction: 'tb' });
    assert.equal(neighbourInDirection(t, 'np', 'down'), 'svc80');
  });
});
