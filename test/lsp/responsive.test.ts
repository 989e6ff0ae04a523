/**
 * The server stays responsive on the hostile shapes of issue 16: while a workspace of
 * thousands of Services over the same Pods is checked, hover and completion are answered
 * before the check ends (it runs in slices, and the log says so); an edit in the
 * did-you-mean workspace gets its diagnostics, with the suggestion, and requests around it
 * are answered. Event order is compared, never time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ensureBuilt } from '../hostile/run';
import { shapes, typo } from '../hostile/shapes';
import { posOf, removeDir, TestClient, uriOf } from './client';

const dirs: string[] = [];
function shape(name: string, scale: number): string {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), `podpath-responsive-${name}-`));
  dirs.push(dir);
  shapes.find((s) => s.name === name)!.build(dir, scale);
  return dir;
}

after(() => dirs.forEach(removeDir));

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('responsive on hostile workspaces', { timeout: 300_000 }, () => {
  test('hover and completion are answered while 4,000 Ingresses naming missing 60-character Services are checked', async () => {
    // Large enough that the check outlasts the client's turn-around on a busy machine.
    const dir = shape('did-you-mean', 4);
    const c = await TestClient.start({ folders: [dir] });
    try {
      // The check has begun and is cut into slices.
      await c.until(() => c.logs.some((l) => /cut into slices/.test(l.message)));
      const file = join(dir, 'services', 'part-0000.yaml');
      const text = readFileSync(file, 'utf8');
      const uri = uriOf(file);
      const checked = (): boolean => c.logs.some((l) => /^re-check done/.test(l.message)) || c.statuses.some((s) => s.state === 'ready');
      const hover = c.hover(uri, posOf(text, 'targetPort: 8080', 13)).then((h) => ({ h, ready: checked() }));
      const completion = c.completion(uri, posOf(text, 'targetPort: 8080', 13)).then((items) => ({ items, ready: checked() }));
      const [h, comp] = await Promise.all([hover, completion]);
      assert.equal(h.ready, false, `the hover was answered before the check ended: ${c.logs.map((l) => l.message).join(' | ')}`);
      assert.equal(comp.ready, false, 'the completion was answered before the check ended');
      assert.ok(h.h !== null);
      await c.ready();
      assert.ok(
        c.logs.some((l) => /^re-check done in \d+ ms \(\d+ slices\)$/.test(l.message)),
        c.logs.map((l) => l.message).join('\n'),
      );
    } finally {
      await c.stop();
    }
  });

  test('an edit in the did-you-mean workspace gets its diagnostics with the suggestion', async () => {
    const dir = shape('did-you-mean', 0.5);
    const c = await TestClient.start({ folders: [dir] });
    try {
      await c.ready();
      const file = join(dir, 'ingresses', 'part-0000.yaml');
      const uri = uriOf(file);
      const text = readFileSync(file, 'utf8');
      const services = readFileSync(join(dir, 'services', 'part-0000.yaml'), 'utf8');
      const wanted = /name: (\S{60})/.exec(services.split('---\n')[7]!)![1]!;
      // Point the first backend at another Service, with another typo.
      const first = /name: (\S{60})/.exec(text)![1]!;
      const edited = text.replace(first, typo(wanted, 3));
      await c.open(uri, text);
      await c.change(uri, edited);
      const hover = c.hover(uri, posOf(edited, 'pathType'));
      const ds = await c.pushed(uri, (d) =>
        d.some((x) => (typeof x.message === 'string' ? x.message : x.message.value).includes(`did you mean "${wanted}"`)),
      );
      assert.ok(ds.length > 0);
      assert.notEqual(await hover, undefined);
    } finally {
      await c.stop();
    }
  });
});
