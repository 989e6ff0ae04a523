/**
 * The panel page (dist/webview.js) in real headless Chromium, served with the same HTML
 * and CSP as the extension (webview/src/panelHtml.ts) and a stub acquireVsCodeApi that
 * records posted messages and keeps state in sessionStorage (so a reload restores it).
 * Shared by the webview tests; every wait is on DOM state or a recorded message, never on time.
 */
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TrafficGraph } from '../../server/src/protocol';
import { panelHtml } from '../../webview/src/panelHtml';

export const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/webview.js');
const CHROMIUM = '/usr/bin/chromium';

let browser: Browser;
let server: http.Server;
let origin = '';

function ensureBundle(): void {
  if (existsSync(BUNDLE)) return;
  try {
    execSync('node esbuild.mjs', { cwd: ROOT, stdio: 'inherit' });
  } catch {
    // Another bundle's entry may not exist yet; ours alone is enough here.
  }
  if (!existsSync(BUNDLE)) {
    execSync('npx esbuild webview/src/main.ts --bundle --format=iife --platform=browser --target=es2022 --outfile=dist/webview.js', {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
}

before(async () => {
  ensureBundle();
  if (!existsSync(CHROMIUM)) execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit' });
  server = http.createServer((req, res) => {
    if (req.url === '/webview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(BUNDLE));
      return;
    }
    if (req.url === '/') {
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, { 'content-type': 'text/html' }).end(panelHtml({ cspSource: origin, nonce, scriptUri: '/webview.js' }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/**
 * Runs in the page before our script: the VS Code API stub and a CSP-violation recorder.
 * A string, because tsx compiles functions with `__name(...)` helpers that do not exist in
 * the page; the `__name` shim covers the functions passed to evaluate/waitForFunction.
 */
const STUB = `
  window.__name = (f) => f;
  window.__posted = [];
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => JSON.parse(sessionStorage.getItem('pp-state') || 'null') ?? undefined,
    setState: (s) => sessionStorage.setItem('pp-state', JSON.stringify(s)),
  });
`;

export interface Panel {
  page: Page;
  context: BrowserContext;
  errors: string[];
  send(msg: unknown): Promise<void>;
  posted<T = Record<string, unknown>>(type: string): Promise<T>;
  /** Parses an exported SVG in a blank page (its <style> would trip the panel's own CSP). */
  parseSvg(svg: string): Promise<{ error: string | null; nodes: number; foreign: number; labels: (string | null)[] }>;
  close(): Promise<void>;
}

export async function openPanel(viewport = { width: 1400, height: 760 }): Promise<Panel> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript({ content: STUB });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return {
    page,
    context,
    errors,
    send: (msg) => page.evaluate((m) => window.postMessage(m, '*'), msg),
    async posted<T>(type: string): Promise<T> {
      const handle = await page.waitForFunction(
        (t) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === t).at(-1),
        type,
      );
      return (await handle.jsonValue()) as T;
    },
    async parseSvg(svg) {
      const blank = await context.newPage();
      await blank.addInitScript({ content: STUB });
      await blank.goto('about:blank');
      const result = await blank.evaluate((s) => {
        const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          nodes: doc.querySelectorAll('.pp-node').length,
          foreign: doc.querySelectorAll('script, img, b').length,
          labels: [...doc.querySelectorAll('.pp-label')].map((e) => e.textContent),
        };
      }, svg);
      await blank.close();
      return result;
    },
    async close() {
      const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      await context.close();
      assert.deepEqual(errors, [], 'no uncaught page errors');
      assert.deepEqual(csp, [], 'no CSP violations: the page works under the panel CSP');
    },
  };
}

export async function showGraph(p: Panel, graph: TrafficGraph, waitFor: string): Promise<void> {
  await p.send({ type: 'graph', graph, target: { namespace: graph.service.namespace, name: graph.service.name } });
  await p.page.waitForSelector(`[data-node-id="${waitFor}"]`);
}

export const zoomOf = (page: Page): Promise<string | null> => page.locator('g.pp-zoom').getAttribute('transform');
