/**
 * A graph the core really computes from a hostile workspace — names, labels, hosts, port
 * names and folder names that are markup (`<img src=x onerror=…>`, `</svg><script>…`) — in
 * the panel under its CSP: nothing executes, no element is made from the text, every label
 * reads as written, a click posts the hostile path back verbatim (for the host's checks),
 * and the exported SVG holds the same text as text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createIndex } from '../../server/src/core/api';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import { openPanel, showGraph } from './harness';

const img = '<img src=x onerror="window.__pwned=1">';
const script = '</svg><script>window.__pwned=2</script>';
const folder = `/ws/${img}/${script.replace(/\//g, '_')}`;
const q = (s: string): string => JSON.stringify(s);

function hostileGraph(): ReturnType<typeof buildTrafficGraph> {
  const index = createIndex();
  const file = (name: string, text: string): void => void index.setFile(pathToFileURL(`${folder}/${name}`).href, `${img}/${name}`, text, 0);
  file(
    'svc.yaml',
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${q(img)}\n  namespace: ${q(script)}\nspec:\n  type: NodePort\n  selector:\n    app: ${q(script)}\n  ports:\n    - name: ${q(img)}\n      port: 80\n      targetPort: ${q(script)}\n`,
  );
  file(
    'deploy.yaml',
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${q(script)}\n  namespace: ${q(script)}\nspec:\n  selector:\n    matchLabels:\n      app: ${q(script)}\n  template:\n    metadata:\n      labels:\n        app: ${q(script)}\n    spec:\n      containers:\n        - name: ${q(img)}\n          image: ${q(img)}\n          ports:\n            - name: ${q(script)}\n              containerPort: 8080\n`,
  );
  file(
    'ingress.yaml',
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${q(img)}\n  namespace: ${q(script)}\nspec:\n  rules:\n    - host: ${q(img)}\n      http:\n        paths:\n          - path: ${q(`/${script}`)}\n            pathType: Prefix\n            backend:\n              service:\n                name: ${q(img)}\n                port:\n                  number: 80\n`,
  );
  index.check();
  return buildTrafficGraph(index, { namespace: script, name: img });
}

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('traffic-path panel with a graph from a hostile workspace', { timeout: 300_000 }, () => {
  test('markup in names, labels, hosts and paths stays text, and nothing runs', async () => {
    const graph = hostileGraph();
    assert.ok(graph, 'the core draws the hostile Service');
    assert.ok(
      graph.nodes.some((n) => n.label.includes(img)),
      'hostile text reaches the labels',
    );
    assert.ok(
      graph.nodes.some((n) => n.source?.uri.includes('%3Cimg%20src=x%20onerror=')),
      'hostile folder names reach the sources',
    );
    const p = await openPanel();
    const first = graph.nodes.find((n) => n.source)!;
    await showGraph(p, graph, first.id);
    const dom = await p.page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      foreign: document.querySelectorAll('svg script, svg foreignObject, iframe, object, embed').length,
      nodes: [...document.querySelectorAll('.pp-nodes > .pp-node')].map((e) => ({
        id: e.getAttribute('data-node-id'),
        label: e.querySelector('.pp-label')?.textContent ?? '',
        aria: e.getAttribute('aria-label') ?? '',
        title: e.querySelector('title')?.textContent ?? '',
      })),
    }));
    assert.deepEqual(
      { pwned: dom.pwned, imgs: dom.imgs, scripts: dom.scripts, foreign: dom.foreign },
      { pwned: undefined, imgs: 0, scripts: 1, foreign: 0 },
    );
    // Each label reads as written: shortened with "…" on the node, whole in its tooltip.
    assert.equal(dom.nodes.length, graph.nodes.length);
    for (const n of dom.nodes) {
      const label = graph.nodes.find((g) => g.id === n.id)!.label;
      assert.ok(label.startsWith(n.label.replace(/…$/, '')), `${n.label} is the start of ${label}`);
      assert.ok(n.title.includes(label) || n.aria.includes(label), `the whole label ${label} is in the tooltip: ${n.title} / ${n.aria}`);
    }
    // A click posts the node's source back exactly: the host decides what may open (revealTarget).
    await p.page.click(`[data-node-id="${first.id}"] .pp-box`);
    const posted = await p.posted<{ uri: string; range: unknown }>('reveal');
    assert.deepEqual({ uri: posted.uri, range: posted.range }, first.source);
    await p.page.click('#pp-export');
    const { svg } = await p.posted<{ svg: string }>('exportSvg');
    const parsed = await p.parseSvg(svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.foreign, 0);
    await p.close();
  });
});
