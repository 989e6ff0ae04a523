/**
 * The extension-host side of the panel (client/src/trafficPanel.ts) against a small fake
 * of the `vscode` module: options and CSP, the message checks, reveal limited to
 * workspace files, export/copy, refresh ordering and restoring from saved state.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import type { TrafficGraph, TrafficPathParams, TrafficTarget } from '../../server/src/protocol';
import { brokenGraph, sampleGraph } from '../webview/graphs';

interface FakeUri {
  scheme: string;
  path: string;
  fsPath: string;
  toString(): string;
}
const uriFile = (p: string): FakeUri => ({ scheme: 'file', path: p, fsPath: p, toString: () => `file://${p}` });
// Like vscode.Uri.parse: no `..` normalisation (the panel must do that itself), throws without a scheme.
const uriParse = (s: string): FakeUri => {
  const m = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?([^?#]*)/i.exec(s);
  if (!m) throw new Error(`no scheme: ${s}`);
  const p = decodeURIComponent(m[2] ?? '');
  return { scheme: m[1]!.toLowerCase(), path: p, fsPath: p, toString: () => s };
};

type Handler = (m: unknown) => unknown;
interface FakePanel {
  title: string;
  viewColumn: number;
  disposed: boolean;
  options: Record<string, unknown>;
  posted: unknown[];
  handlers: Handler[];
  disposeHandlers: (() => void)[];
  webview: Record<string, unknown> & { html: string };
  send(m: unknown): Promise<void>;
}

// A real folder: reveal resolves symbolic links, so the workspace must exist on disk.
const shopDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'podpath-shop-')));
writeFileSync(path.join(shopDir, 'web.yaml'), 'kind: Service\n');
after(() => rmSync(shopDir, { recursive: true, force: true }));

const log: string[] = [];
const calls = {
  created: [] as FakePanel[],
  shown: [] as { uri: string; selection: unknown }[],
  saved: [] as { uri: string; text: string }[],
  clipboard: [] as string[],
};
let saveAnswer: FakeUri | undefined;
let serializer: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> } | undefined;

function fakePanel(title: string, options: Record<string, unknown>): FakePanel {
  const p: FakePanel = {
    title,
    viewColumn: 2,
    disposed: false,
    options,
    posted: [],
    handlers: [],
    disposeHandlers: [],
    webview: {
      html: '',
      options,
      cspSource: 'https://fake.vscode-cdn.net',
      asWebviewUri: (u: FakeUri) => ({ toString: () => `https://fake.vscode-cdn.net${u.path}` }),
      postMessage: async (m: unknown) => void p.posted.push(m),
      onDidReceiveMessage: (cb: Handler) => (p.handlers.push(cb), { dispose: () => undefined }),
    },
    send: async (m) => void (await Promise.all(p.handlers.map((h) => h(m)))),
  };
  Object.assign(p, {
    onDidDispose: (cb: () => void) => (p.disposeHandlers.push(cb), { dispose: () => undefined }),
    reveal: () => undefined,
    dispose: () => {
      if (p.disposed) return;
      p.disposed = true;
      p.disposeHandlers.forEach((cb) => cb());
    },
  });
  return p;
}

const fakeVscode = {
  Uri: { file: uriFile, parse: uriParse, joinPath: (b: FakeUri, ...s: string[]) => uriFile(path.posix.join(b.path, ...s)) },
  ViewColumn: { One: 1, Two: 2, Beside: -2 },
  Range: class {
    constructor(
      readonly sl: number,
      readonly sc: number,
      readonly el: number,
      readonly ec: number,
    ) {}
  },
  window: {
    createWebviewPanel: (_type: string, title: string, _show: unknown, options: Record<string, unknown>) => {
      const p = fakePanel(title, options);
      calls.created.push(p);
      return p;
    },
    registerWebviewPanelSerializer: (_type: string, s: typeof serializer) => ((serializer = s), { dispose: () => undefined }),
    showTextDocument: async (doc: { uri: FakeUri }, opts: { selection: unknown }) =>
      void calls.shown.push({ uri: doc.uri.toString(), selection: opts.selection }),
    showSaveDialog: async () => saveAnswer,
    showInformationMessage: async () => undefined,
  },
  workspace: {
    workspaceFolders: [{ uri: uriFile(shopDir) }],
    getWorkspaceFolder: (u: FakeUri) => (u.fsPath.startsWith(`${shopDir}/`) ? { uri: uriFile(shopDir) } : undefined),
    openTextDocument: async (u: FakeUri) => ({ uri: u, validateRange: (r: unknown) => r }),
    asRelativePath: (u: FakeUri) => u.path,
    fs: {
      writeFile: async (u: FakeUri, bytes: Uint8Array) =>
        void calls.saved.push({ uri: u.toString(), text: new TextDecoder().decode(bytes) }),
    },
  },
  env: { clipboard: { writeText: async (s: string) => void calls.clipboard.push(s) } },
};

// `vscode` exists only inside the editor: hand the module our fake before loading the panel.
const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const realLoad = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : realLoad.call(this, request, ...rest);
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TrafficPanel, parseWebviewMessage } = require('../../client/src/trafficPanel') as typeof import('../../client/src/trafficPanel');

const context = { extensionUri: uriFile('/ext') } as unknown as import('vscode').ExtensionContext;
const shop: TrafficTarget = { namespace: 'shop', name: 'web' };
const graphOf = (t: TrafficPathParams): Promise<TrafficGraph | null> =>
  Promise.resolve('name' in t && t.name === 'web' ? sampleGraph() : null);
const output = { appendLine: (s: string) => void log.push(s) };

beforeEach(() => {
  for (const p of TrafficPanel.panels) p.dispose();
  log.length = 0;
  calls.created.length = calls.shown.length = calls.saved.length = calls.clipboard.length = 0;
});

describe('TrafficPanel (extension host)', () => {
  test('webview options, CSP with a fresh nonce, script from dist/', () => {
    TrafficPanel.createOrShow(context, graphOf, shop, output);
    const p = calls.created[0]!;
    assert.equal(p.options.enableScripts, true);
    assert.equal(p.options.retainContextWhenHidden, false);
    assert.deepEqual(
      (p.options.localResourceRoots as FakeUri[]).map((u) => u.path),
      ['/ext/dist'],
    );
    assert.match(p.webview.html, /default-src 'none'; script-src 'nonce-([^']+)'; style-src https:\/\/fake\.vscode-cdn\.net 'nonce-\1'/);
    assert.match(p.webview.html, /<script nonce="[^"]+" src="https:\/\/fake\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/);
    const nonce = /nonce-([^']+)/.exec(p.webview.html)![1];
    TrafficPanel.currentPanel!.dispose();
    TrafficPanel.createOrShow(context, graphOf, shop, output);
    assert.notEqual(/nonce-([^']+)/.exec(calls.created[1]!.webview.html)![1], nonce);
  });

  test('ready → the graph for the target; a missing Service → null with a message', async () => {
    TrafficPanel.createOrShow(context, graphOf, shop, output);
    const p = calls.created[0]!;
    await p.send({ type: 'ready' });
    assert.deepEqual(p.posted.at(-1), { type: 'graph', graph: sampleGraph(), target: shop });
    // The same Service again: the same panel. Another Service: a panel of its own, beside it.
    TrafficPanel.createOrShow(context, graphOf, shop, output);
    assert.equal(calls.created.length, 1);
    TrafficPanel.createOrShow(context, graphOf, { namespace: 'shop', name: 'gone' }, output);
    assert.equal(calls.created.length, 2);
    assert.equal(TrafficPanel.panels.length, 2);
    await TrafficPanel.refresh();
    const last = calls.created[1]!.posted.at(-1) as { graph: unknown; message: string };
    assert.equal(last.graph, null);
    assert.match(last.message, /shop\/gone/);
    assert.equal((p.posted.at(-1) as { graph: TrafficGraph }).graph.service.name, 'web', 'the first panel still shows its Service');
  });

  test('a renamed Service keeps its panel: found again where its YAML is, and the title follows', async () => {
    let renamed = false;
    const asked: TrafficPathParams[] = [];
    const graphs = (t: TrafficPathParams): Promise<TrafficGraph | null> => {
      asked.push(t);
      if ('name' in t) return Promise.resolve(!renamed && t.name === 'web' ? sampleGraph() : null);
      const g = sampleGraph();
      g.service.name = 'storefront';
      return Promise.resolve(renamed ? g : null);
    };
    const panel = TrafficPanel.createOrShow(context, graphs, shop, output);
    const p = calls.created[0]!;
    await p.send({ type: 'ready' });
    renamed = true;
    await TrafficPanel.refresh();
    assert.deepEqual(
      asked.at(-1),
      { uri: 'file:///work/shop/web.yaml', position: { line: 12, character: 2 } },
      'asked by the place of its first port',
    );
    assert.deepEqual(panel.currentTarget, { namespace: 'shop', name: 'storefront' });
    assert.equal(p.title, 'podpath: storefront');
    assert.equal((p.posted.at(-1) as { graph: TrafficGraph }).graph.service.name, 'storefront');
  });

  test('the latest refresh wins when answers arrive out of order', async () => {
    const pending: ((g: TrafficGraph) => void)[] = [];
    const slow = (): Promise<TrafficGraph | null> => new Promise((resolve) => pending.push(resolve));
    const panel = TrafficPanel.createOrShow(context, slow, shop, output);
    const p = calls.created[0]!;
    const first = panel.refresh();
    const second = panel.refresh();
    pending[1]!(brokenGraph());
    pending[0]!(sampleGraph());
    await Promise.all([first, second]);
    assert.equal(p.posted.length, 1);
    assert.equal((p.posted[0] as { graph: TrafficGraph }).graph.service.name, 'api');
  });

  test('reveal opens only a file inside a workspace folder, with a sane range', async () => {
    TrafficPanel.createOrShow(context, graphOf, shop, output);
    const p = calls.created[0]!;
    const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
    await p.send({ type: 'reveal', uri: `file://${shopDir}/web.yaml`, range });
    assert.deepEqual(calls.shown, [{ uri: `file://${shopDir}/web.yaml`, selection: new fakeVscode.Range(3, 2, 3, 9) }]);
    for (const uri of [
      'file:///etc/passwd',
      `file://${shopDir}/../../etc/passwd`,
      'https://evil.example/x.yaml',
      'command:workbench.action.quit',
      'not a uri',
    ]) {
      await p.send({ type: 'reveal', uri, range });
    }
    await p.send({
      type: 'reveal',
      uri: `file://${shopDir}/web.yaml`,
      range: { start: { line: 5, character: 0 }, end: { line: 2, character: 0 } },
    });
    await p.send({
      type: 'reveal',
      uri: `file://${shopDir}/web.yaml`,
      range: { start: { line: -1, character: 0 }, end: { line: 2, character: 0.5 } },
    });
    assert.equal(calls.shown.length, 1);
    assert.equal(log.length, 7, log.join('\n'));
  });

  test('Export writes the chosen file; Copy fills the clipboard; a non-SVG is refused', async () => {
    TrafficPanel.createOrShow(context, graphOf, shop, output);
    const p = calls.created[0]!;
    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>';
    saveAnswer = uriFile('/work/shop/out.svg');
    await p.send({ type: 'exportSvg', svg });
    assert.deepEqual(calls.saved, [{ uri: 'file:///work/shop/out.svg', text: svg }]);
    saveAnswer = undefined; // the user cancelled
    await p.send({ type: 'exportSvg', svg });
    assert.equal(calls.saved.length, 1);
    await p.send({ type: 'copySvg', svg });
    assert.deepEqual(calls.clipboard, [svg]);
    await p.send({ type: 'copySvg', svg: '<html><script>x</script>' });
    await p.send({ type: 'copySvg', svg: 42 });
    assert.equal(calls.clipboard.length, 1);
  });

  test('the serializer restores the Service from the saved state', async () => {
    TrafficPanel.registerSerializer(context, graphOf, output);
    const restored = fakePanel('old', {});
    await serializer!.deserializeWebviewPanel(restored, { v: 1, graph: null, target: shop, expanded: [] });
    assert.deepEqual(TrafficPanel.currentPanel?.currentTarget, shop);
    assert.match(restored.webview.html, /default-src 'none'/);
    assert.equal((restored.webview.options as { enableScripts: boolean }).enableScripts, true);
    const broken = fakePanel('bad', {});
    await serializer!.deserializeWebviewPanel(broken, { v: 1, whatever: true });
    assert.equal(broken.disposed, true);
  });

  test('parseWebviewMessage accepts exactly the protocol shapes', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.equal(
      parseWebviewMessage({ type: 'reveal', uri: 'file:///a', range: { start: { line: 0 }, end: { line: 0, character: 0 } } }),
      undefined,
    );
    assert.equal(parseWebviewMessage({ type: 'open', uri: 'file:///a' }), undefined);
    assert.equal(parseWebviewMessage(null), undefined);
  });
});
