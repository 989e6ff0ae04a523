/**
 * Faults from the editor's side, against the built server: 1,000 incremental edits a
 * second for ten seconds with requests in between (half of them cancelled at once), and
 * bursts of requests cancelled mid-flight. Every request settles — answered, or
 * RequestCancelled — and the diagnostics after the storm are exactly those a fresh server
 * gives for the final text. Waits are on messages, never on time (the timer only paces
 * the sending).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { rng } from '../bench/stats';
import { goodFile } from '../hostile/workspace';
import { CancellationTokenSource, removeDir, TestClient, uriOf } from './client';
import { ServicesRequest, TrafficPathRequest } from '../../server/src/protocol';

const other =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-named\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 81\n      targetPort: http\n';

let dir = '';
let c: TestClient;
const webUri = (): string => uriOf(join(dir, 'good/web.yaml'));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podpath-storm-'));
  mkdirSync(join(dir, 'good'));
  writeFileSync(join(dir, 'good/web.yaml'), goodFile);
  writeFileSync(join(dir, 'named.yaml'), other);
  c = await TestClient.start({ folders: [dir] });
  await c.ready();
});

after(async () => {
  await c?.stop();
  removeDir(dir);
});

/** One random edit of the text: a port number, a label value or a name, or a junk line added or dropped at the end. */
function randomEdit(text: string, rnd: () => number): { start: number; end: number; newText: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const values = [...text.matchAll(/(targetPort|containerPort|app|name): ([^\s}]*)/g)];
  const choice = rnd();
  if (choice < 0.8 && values.length) {
    const m = pick(values);
    const start = m.index! + m[1]!.length + 2;
    const newText = m[1]!.endsWith('Port')
      ? pick(['8080', '8081', 'http', '0', '"eighty"', '70000'])
      : pick(['web', 'web', 'web2', '"7"', '7', '~', '']);
    return { start, end: start + m[2]!.length, newText };
  }
  const last = text.lastIndexOf('\n', text.length - 2) + 1;
  const junk = /^(# note|junk: \[|)$/.test(text.slice(last, -1));
  // More often dropped than added: junk comes and goes, and rarely piles up.
  if (choice < 0.84 || !junk) return { start: text.length, end: text.length, newText: pick(['# note\n', '\n', 'junk: [\n']) };
  return { start: last, end: text.length, newText: '' };
}

/** The diagnostics as a user compares them: place, severity, rule and message. */
const shape = (ds: readonly Diagnostic[]): string[] =>
  ds
    .map(
      (d) =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${String(d.message)}`,
    )
    .sort();

/** The diagnostics a fresh server gives for `text` in place of good/web.yaml. */
async function freshDiagnostics(text: string): Promise<string[]> {
  const fresh = mkdtempSync(join(tmpdir(), 'podpath-fresh-'));
  cpSync(dir, fresh, { recursive: true });
  writeFileSync(join(fresh, 'good/web.yaml'), text);
  const f = await TestClient.start({ folders: [fresh] });
  try {
    await f.ready();
    const uri = uriOf(join(fresh, 'good/web.yaml'));
    // Pushed once the first index is done; the answer to a later request comes after every push.
    await f.hover(uri, { line: 0, character: 0 });
    return shape(f.published.get(uri)?.diagnostics ?? []);
  } finally {
    await f.stop();
    removeDir(fresh);
  }
}

type Settled = PromiseSettledResult<unknown>;

/** A request's outcome, caught at once (a cancelled one rejects before anyone awaits it). */
function settle(p: Promise<unknown>): Promise<Settled> {
  return p.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

/** Every request must have been answered or cancelled (-32800), nothing else. */
async function tally(requests: Promise<Settled>[]): Promise<{ answered: number; cancelled: number }> {
  let answered = 0;
  let cancelled = 0;
  for (const r of await Promise.all(requests)) {
    if (r.status === 'fulfilled') answered++;
    else {
      assert.equal((r.reason as { code?: number }).code, -32800, `a request failed: ${String(r.reason)}`);
      cancelled++;
    }
  }
  return { answered, cancelled };
}

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('faults from the editor', { timeout: 300_000 }, () => {
  test('1,000 edits a second for ten seconds: every request settles, and the end state equals a fresh index', async () => {
    // Seeded, so a failing storm can be replayed (STORM_SEED).
    const rnd = rng(Number(process.env.STORM_SEED ?? 7)).next;
    let text = goodFile;
    await c.open(webUri(), text);
    const requests: Promise<Settled>[] = [];
    for (let tick = 0; tick < 1000; tick++) {
      for (let i = 0; i < 10; i++) {
        const e = randomEdit(text, rnd);
        const range = { start: positionOf(text, e.start), end: positionOf(text, e.end) };
        text = text.slice(0, e.start) + e.newText + text.slice(e.end);
        void c.edit(webUri(), [{ range, text: e.newText }]);
      }
      const token = new CancellationTokenSource();
      requests.push(
        settle(c.request('textDocument/hover', { textDocument: { uri: webUri() }, position: { line: 26, character: 10 } }, token)),
      );
      requests.push(settle(c.request('textDocument/codeLens', { textDocument: { uri: webUri() } }, tick % 2 ? token : undefined)));
      if (tick % 2) token.cancel();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const settled = await tally(requests);
    assert.ok(settled.answered > 0, 'requests are answered during the storm');
    const version = c.versions.get(webUri());
    const pushed = await c.pushed(webUri(), () => c.published.get(webUri())?.version === version);
    const fresh = await freshDiagnostics(text);
    assert.ok(fresh.length > 0, 'the final text has findings to compare');
    assert.deepEqual(shape(pushed), fresh);
    assert.deepEqual(
      c.logs.filter((l) => l.type === 1),
      [],
      'no error logged',
    );
    assert.doesNotMatch(c.serverStderr, /Error|\n\s+at /);
    await c.close(webUri());
  });

  test('requests cancelled mid-flight settle as cancelled or answered, and the server answers the next one', async () => {
    const uri = webUri();
    const at = { textDocument: { uri }, position: { line: 27, character: 20 } };
    const kinds: [string, unknown][] = [
      ['textDocument/hover', at],
      ['textDocument/definition', at],
      ['textDocument/references', { ...at, context: { includeDeclaration: true } }],
      ['textDocument/completion', at],
      ['textDocument/codeLens', { textDocument: { uri } }],
      ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } }],
      [TrafficPathRequest.method, { namespace: 'default', name: 'web' }],
      [ServicesRequest.method, {}],
    ];
    const requests: Promise<Settled>[] = [];
    for (let round = 0; round < 25; round++) {
      for (const [method, params] of kinds) {
        const token = new CancellationTokenSource();
        requests.push(settle(c.request(method, params, token)));
        // Cancelled before it is read, right after, or while others are being answered.
        if (round % 3 === 0) token.cancel();
        else if (round % 3 === 1) queueMicrotask(() => token.cancel());
        else void Promise.resolve().then(() => setImmediate(() => token.cancel()));
      }
      // An edit between rounds, so some requests find work to flush.
      await c.change(uri, round % 2 ? goodFile : goodFile.replace('targetPort: 8081', 'targetPort: 8080'));
    }
    const settled = await tally(requests);
    assert.equal(settled.answered + settled.cancelled, kinds.length * 25);
    const graph = await c.send(TrafficPathRequest, { namespace: 'default', name: 'web' });
    assert.equal(graph?.service.name, 'web', JSON.stringify(graph));
    assert.deepEqual(
      c.logs.filter((l) => l.type === 1),
      [],
      'no error logged',
    );
  });
});

/** The LSP position of a text offset. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
