/**
 * The pure renderer under plain node: layout geometry, the drawn tree, and the standalone
 * SVG string the CLI prints. No DOM anywhere, which is itself part of the contract.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TrafficGraph } from '../../server/src/protocol';
import { collapseGraph } from '../../webview/src/render/collapse';
import { drawGraph, type VNode } from '../../webview/src/render/draw';
import { layoutGraph, type Box } from '../../webview/src/render/layout';
import { cells, truncate, wrap } from '../../webview/src/render/measure';
import { escapeXml, renderSvg } from '../../webview/src/render/svgString';
import { panelCsp, panelHtml } from '../../webview/src/panelHtml';
import { parseHostMessage, parseState } from '../../webview/src/validate';
import * as graphs from '../webview/graphs';
import { byClass, parseXml, textOf } from '../webview/xml';

const SAMPLES: [string, () => TrafficGraph][] = [
  ['sample', graphs.sampleGraph],
  ['broken', graphs.brokenGraph],
  ['blocked', graphs.blockedGraph],
  ['headless', graphs.headlessGraph],
  ['externalName', graphs.externalNameGraph],
  ['hostile', graphs.hostileGraph],
  ['gateway', graphs.gatewayGraph],
];

function overlapping(boxes: Box[]): [Box, Box][] {
  const out: [Box, Box][] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push([a, b]);
    }
  });
  return out;
}

/** All boxes that must not overlap: nodes and edge labels. */
function boxesOf(graph: TrafficGraph, expanded: string[] = []): Box[] {
  const l = layoutGraph(graph, { expanded });
  return [...l.nodes, ...l.edges.flatMap((e) => (e.label ? [e.label] : []))];
}

const find = (tree: VNode, pred: (n: VNode) => boolean): VNode[] => [
  ...(pred(tree) ? [tree] : []),
  ...tree.children.flatMap((c) => find(c, pred)),
];
const hasClass = (n: VNode, c: string): boolean => (n.attrs.class ?? '').split(' ').includes(c);
const titleOf = (n: VNode): string => n.children.find((c) => c.tag === 'title')?.text ?? '';

describe('render: every node and edge is drawn', () => {
  for (const [name, make] of SAMPLES) {
    test(name, () => {
      const g = make();
      const svg = parseXml(renderSvg(g));
      const nodeIds = byClass(svg, 'pp-node').map((e) => e.attrs['data-node-id']);
      assert.deepEqual(nodeIds.sort(), g.nodes.map((n) => n.id).sort());
      const edges = byClass(svg, 'pp-edge').filter((e) => e.attrs['data-edge-id']);
      assert.equal(edges.length, g.edges.length);
      for (const e of g.edges) {
        assert.ok(
          edges.some((x) => x.attrs['data-from'] === e.from && x.attrs['data-to'] === e.to),
          `edge ${e.from}→${e.to}`,
        );
      }
      const labels = byClass(svg, 'pp-label').map(textOf);
      for (const n of g.nodes)
        assert.ok(
          labels.some((l) => n.label.replace(/\s+/g, ' ').startsWith(l.replace(/…$/, ''))),
          n.label,
        );
    });
  }

  test('a Gateway listener is a way in, explained as one, between the Gateway and its route', () => {
    const l = layoutGraph(graphs.gatewayGraph());
    const x = new Map(l.nodes.map((n) => [n.id, n.x]));
    assert.ok(x.get('n2')! < x.get('n3')! && x.get('n3')! < x.get('n4')!, 'Gateway, listener, route from left to right');
    assert.ok(x.get('n4')! < x.get('n8')!, 'the route before the Service');
    const svg = parseXml(renderSvg(graphs.gatewayGraph()));
    const listener = byClass(svg, 'pp-node').find((e) => e.attrs['data-node-id'] === 'n3')!;
    const title = listener.children.find((c) => c.name === 'title');
    assert.match(
      title ? textOf(title) : '',
      /^Gateway listener: HTTPS :443 \*\.example\.com \(TLS terminate\)[\s\S]*Port 443\/HTTPS[\s\S]*TLS terminate: public-tls[\s\S]*A listener of a Gateway/,
    );
  });

  test('edge labels carry ports and mechanisms', () => {
    const svg = parseXml(renderSvg(graphs.brokenGraph()));
    const texts = byClass(svg, 'pp-edge-label').flatMap((g) => g.children.filter((c) => c.name === 'text').map(textOf));
    assert.ok(texts.includes('kube-proxy · 30080 → 80'), texts.join(' | '));
    assert.ok(texts.some((t) => t.startsWith('targetPort 8080')));
  });

  test('each edge path starts on its source box and ends on its target box', () => {
    const l = layoutGraph(graphs.sampleGraph());
    const box = new Map(l.nodes.map((n) => [n.id, n]));
    for (const e of l.edges) {
      const nums = e.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const [x0, y0] = [nums[0]!, nums[1]!];
      const [x1, y1] = [nums[nums.length - 2]!, nums[nums.length - 1]!];
      const on = (b: Box, x: number, y: number): boolean =>
        (Math.abs(x - b.x) < 0.2 || Math.abs(x - b.x - b.w) < 0.2) && y >= b.y && y <= b.y + b.h;
      assert.ok(on(box.get(e.from)!, x0, y0), `${e.id} starts on ${e.from}`);
      assert.ok(on(box.get(e.to)!, x1, y1), `${e.id} ends on ${e.to}`);
    }
  });

  test('columns go ways in → Service → pods → containers', () => {
    const l = layoutGraph(graphs.sampleGraph());
    const x = (id: string): number => l.nodes.find((n) => n.id === id)!.x;
    assert.ok(x('client') < x('lb') && x('lb') < x('np') && x('np') < x('svc80'));
    assert.ok(x('ing') < x('svc80') && x('dns') < x('svc80'));
    assert.ok(x('svc80') < x('pods') && x('pods') < x('nginx'));
    assert.equal(x('netpol'), x('pods'), 'NetworkPolicy beside the pods it selects');
    assert.deepEqual(
      l.columns.filter((c) => c.title).map((c) => c.title),
      ['Ways in', 'Service', 'Pods', 'Containers'],
    );
  });
});

describe('render: large graphs', () => {
  test('no two boxes overlap with 50 pod templates, 20 routes and 4 ports', () => {
    const g = graphs.hugeGraph(50, 20, 4);
    assert.deepEqual(overlapping(boxesOf(g)), []);
    assert.deepEqual(overlapping(boxesOf(g, ['pod', 'container', 'gateway-route', 'node-port'])), []);
  });

  test('big kinds collapse into "+K more", keeping the broken hop visible', () => {
    const g = graphs.hugeGraph(50, 20, 3);
    const c = collapseGraph(g);
    const pods = c.nodes.filter((n) => n.kind === 'pod');
    assert.equal(pods.length, 8);
    const group = pods.find((n) => n.group)!;
    assert.equal(group.label, '+43 more pod templates');
    assert.equal(group.group!.count, 43);
    assert.ok(pods.some((n) => n.id === 'pod42'));
    assert.equal(c.nodes.filter((n) => n.kind === 'gateway-route').length, 8);
    assert.deepEqual(c.collapsedKinds.sort(), ['container', 'gateway-route', 'pod']);
    // Every graph edge is drawn, alone or merged into a group edge.
    assert.equal(
      c.edges.reduce((a, e) => a + e.merged, 0),
      g.edges.length,
    );
    assert.equal(c.edges.filter((e) => e.status === 'broken').length, 1);
    const all = collapseGraph(g, { expanded: ['pod', 'container', 'gateway-route'] });
    assert.equal(all.nodes.length, g.nodes.length);
  });

  test('the same graph always gives the same picture', () => {
    assert.equal(renderSvg(graphs.hugeGraph()), renderSvg(graphs.hugeGraph()));
  });
});

describe('render: hostile text stays text', () => {
  const svgText = renderSvg(graphs.hostileGraph());

  test('the SVG string is well-formed and contains no markup from labels', () => {
    const svg = parseXml(svgText);
    assert.equal(svg.name, 'svg');
    assert.doesNotMatch(svgText, /<img|<script|<b>|<!\[CDATA\[|<!-- </i);
    assert.ok(svgText.includes('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;'));
    assert.ok(svgText.includes('data-node-id="b&quot; onclick=&quot;x"'));
    assert.ok(!/[\u0000-\u0008]/.test(svgText), 'control characters replaced');
  });

  test('labels read back exactly', () => {
    const svg = parseXml(svgText);
    const labels = byClass(svg, 'pp-label').map(textOf);
    for (const l of graphs.HOSTILE_LABELS.slice(0, 3)) assert.ok(labels.includes(l), l);
    assert.ok(textOf(byClass(svg, 'pp-title')[0]!).includes(graphs.HOSTILE_LABELS[1]!));
    const broken = byClass(svg, 'pp-edge', 'broken')[0]!;
    assert.equal(broken.attrs['data-rule'], '<rule>&');
  });

  test('escapeXml covers the five specials and invalid characters', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    assert.equal(escapeXml('a\u0000b\ud800c'), 'a\ufffdb\ufffdc');
    assert.equal(escapeXml('😀'), '😀');
  });
});

describe('render: broken, blocked and unknown hops', () => {
  const { tree } = drawGraph(graphs.sampleGraph());
  const edge = (status: string): VNode[] => find(tree, (n) => hasClass(n, 'pp-edge') && hasClass(n, status) && !!n.attrs['data-edge-id']);
  const label = (status: string): string =>
    find(tree, (n) => hasClass(n, 'pp-edge-label') && hasClass(n, status))
      .flatMap((n) => n.children.filter((c) => c.tag === 'text').map((c) => c.text))
      .join('\n');

  test('broken: class, rule and reason on the edge and its label', () => {
    const [b] = edge('broken');
    assert.equal(b?.attrs['data-rule'], 'service-target-port-not-found');
    assert.match(titleOf(b!), /Rule: service-target-port-not-found/);
    assert.match(titleOf(b!), /Reason: no container port named 'https' in StatefulSet web-canary/);
    assert.match(label('broken'), /✗ service-target-port-not-found/);
    assert.match(label('broken'), /no container port named/);
    const line = b!.children.find((c) => hasClass(c, 'pp-edge-line'))!;
    assert.equal(line.attrs['marker-end'], 'url(#pp-arrow-broken)');
  });

  test('blocked: class and the policy name', () => {
    const [b] = edge('blocked');
    assert.match(titleOf(b!), /NetworkPolicy: shop\/deny-from-other-ns/);
    assert.match(label('blocked'), /blocked by shop\/deny-from-other-ns/);
    assert.equal(find(tree, (n) => n.attrs['data-node-id'] === 'svc80')[0]?.attrs.class?.includes('has-blocked'), true);
  });

  test('unknown: grey dashed class with the reason', () => {
    const [u] = edge('unknown');
    assert.match(titleOf(u!), /outside the workspace/);
    assert.match(label('unknown'), /Gateway shop-gw is not/);
  });

  test('the standalone stylesheet draws broken red dashed and unknown grey dashed', () => {
    const css = renderSvg(graphs.sampleGraph());
    assert.match(css, /\.pp-edge\.broken \.pp-edge-line\{stroke:#cf222e;[^}]*stroke-dasharray/);
    assert.match(css, /\.pp-edge\.unknown \.pp-edge-line\{stroke:#8c959f;stroke-dasharray/);
    assert.doesNotMatch(css, /var\(--vscode/, 'a file outside VS Code gets literal colours');
  });
});

describe('render: tooltips explain each hop', () => {
  const tip = (g: TrafficGraph, id: string): string => {
    const { tree } = drawGraph(g);
    return titleOf(find(tree, (n) => n.attrs['data-node-id'] === id)[0]!);
  };
  test('ClusterIP, NodePort, LoadBalancer with externalTrafficPolicy: Local', () => {
    const g = graphs.sampleGraph();
    assert.match(tip(g, 'svc80'), /virtual ClusterIP allocated by the API server.*kube-proxy/s);
    assert.match(tip(g, 'np'), /opens this port on every node/);
    assert.match(tip(g, 'lb'), /keeps the client source IP.*only nodes that run a ready Pod/s);
    assert.match(tip(g, 'np'), /web\.yaml:12 \(click to open\)/);
  });
  test('headless and ExternalName', () => {
    assert.match(tip(graphs.headlessGraph(), 'h'), /DNS returns the Pod IPs/);
    assert.match(tip(graphs.externalNameGraph(), 'x'), /DNS CNAME/);
  });
  test('interactive nodes are focusable buttons; the file has no tabindex', () => {
    const node = (interactive: boolean): VNode =>
      find(drawGraph(graphs.sampleGraph(), { interactive }).tree, (n) => n.attrs['data-node-id'] === 'np')[0]!;
    assert.equal(node(true).attrs.tabindex, '0');
    assert.equal(node(true).attrs.role, 'button');
    assert.equal(node(false).attrs.tabindex, undefined);
  });
});

describe('render: text measuring', () => {
  test('wide characters count double; truncate and wrap respect the limits', () => {
    assert.equal(cells('abc'), 3);
    assert.equal(cells('日本'), 4);
    assert.equal(truncate('abcdefghij', 5), 'abcd…');
    assert.equal(truncate('abc', 5), 'abc');
    assert.deepEqual(wrap('one two three four five six', 9, 2), ['one two', 'three fo…']);
    assert.deepEqual(wrap('⊘ blocked by shop/deny-from-other-ns', 40, 1), ['⊘ blocked by shop/deny-from-other-ns']);
  });
});

describe('webview message and state checks', () => {
  test('a graph message is accepted only with the protocol shape', () => {
    const g = graphs.sampleGraph();
    assert.deepEqual(parseHostMessage({ type: 'graph', graph: g }), { type: 'graph', graph: g });
    assert.deepEqual(parseHostMessage({ type: 'graph', graph: null, message: 'none' }), { type: 'graph', graph: null, message: 'none' });
    assert.equal(parseHostMessage({ type: 'graph', graph: { ...g, nodes: [{ id: 1 }] } }), undefined);
    assert.equal(parseHostMessage({ type: 'graph', graph: { ...g, edges: [{ from: 'a', to: 'b', status: 'fine' }] } }), undefined);
    assert.equal(parseHostMessage({ type: 'graph', graph: g, target: { name: 3 } }), undefined);
    assert.equal(parseHostMessage({ type: 'requestSvg', action: 'print' }), undefined);
    assert.equal(parseHostMessage('graph'), undefined);
  });
  test('saved state is checked before use', () => {
    const g = graphs.brokenGraph();
    assert.deepEqual(parseState({ v: 1, graph: g, expanded: ['pod', 3], transform: { k: 2, x: 1, y: 0 } }), {
      v: 1,
      graph: g,
      expanded: ['pod'],
      transform: { k: 2, x: 1, y: 0 },
    });
    assert.equal(parseState({ v: 2, graph: g }), undefined);
    assert.equal(parseState({ v: 1, graph: 'x' }), undefined);
  });
  test('the panel HTML has a nonce-only CSP and escapes what it embeds', () => {
    const html = panelHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/webview.js?a="b"' });
    assert.equal(panelCsp('S', 'N'), "default-src 'none'; script-src 'nonce-N'; style-src S 'nonce-N'; img-src S data:; font-src S");
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/webview\.js\?a=&quot;b&quot;"><\/script>/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|style=/);
    assert.throws(() => panelHtml({ cspSource: 's', nonce: "a' 'unsafe-inline", scriptUri: 'u' }));
  });
});
