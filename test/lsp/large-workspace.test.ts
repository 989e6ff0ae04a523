/**
 * A workspace of 50,000 files (generated once into a temporary folder), through the built
 * CLI and the built server: both finish, report exactly the planted problems — one broken
 * file in a thousand, and the good file's real finding — and the server answers requests
 * while it indexes. No time is asserted; memory is bounded by the audit's peak RSS.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { goodFile } from '../hostile/workspace';
import { ensureBuilt, peakRssMb, runCli } from '../hostile/run';
import { removeDir, TestClient, uriOf } from './client';
import { ServicesRequest } from '../../server/src/protocol';

const folders = 500;
const perFolder = 100;
let root = '';

/** File j of folder i: mostly ordinary objects, every 1,000th a broken one. */
function content(i: number, j: number): string {
  const n = i * perFolder + j;
  if (n % 1000 === 999) return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken-${n}\ndata:\n\tkey: value\n`;
  switch (n % 4) {
    case 0:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${n}\n  namespace: ns${i}\ndata:\n  key: "value ${n}"\n`;
    case 1:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${n}\n  namespace: ns${i}\nspec:\n  selector:\n    app: app-${n}\n  ports:\n    - port: 80\n      targetPort: 8080\n`;
    case 2:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${n}\n  namespace: ns${i}\nspec:\n  selector:\n    matchLabels:\n      app: app-${n - 1}\n  template:\n    metadata:\n      labels:\n        app: app-${n - 1}\n    spec:\n      containers:\n        - name: c\n          image: x\n          ports:\n            - containerPort: 8080\n`;
    default:
      return `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w-${n}\n  namespace: ns${i}\nspec:\n  size: ${n}\n`;
  }
}

const broken = Math.floor((folders * perFolder) / 1000);

before(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), 'podpath-50k-'));
  for (let i = 0; i < folders; i++) {
    mkdirSync(join(root, `d${i}`));
    for (let j = 0; j < perFolder; j++) writeFileSync(join(root, `d${i}`, `f${j}.yaml`), content(i, j));
  }
  mkdirSync(join(root, 'good'));
  writeFileSync(join(root, 'good', 'web.yaml'), goodFile);
});

after(() => removeDir(root));

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('a workspace of 50,000 files', { timeout: 300_000 }, () => {
  test('the CLI reports exactly the planted problems, in bounded memory', async () => {
    const r = await runCli(['check', '.', '--format', 'json'], root);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { files: number; resources: number; diagnostics: { rule: string; file: string }[] };
    assert.equal(report.files, folders * perFolder + 1);
    const byRule = new Map<string, number>();
    for (const d of report.diagnostics) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byRule), { 'yaml-syntax': broken, 'service-target-port-not-found': 1 });
    assert.ok(report.diagnostics.some((d) => d.file === 'good/web.yaml'));
    const rss = peakRssMb(r.audit)!;
    assert.ok(rss < 600, `peak RSS ${rss.toFixed(0)} MB`);
  });

  test('the server indexes it, answers while it does, and reports the same problems', async () => {
    const c = await TestClient.start({ folders: [root] });
    try {
      const probe = uriOf(join(root, 'good', 'web.yaml'));
      await c.until(() => c.statuses.some((s) => s.state === 'indexing' && s.files > 0));
      // Mid-index: requests are answered, not queued behind 50,000 files.
      const services = await c.send(ServicesRequest, {});
      assert.ok(Array.isArray(services));
      assert.equal(await c.hover(probe, { line: 0, character: 0 }).then(() => 'answered'), 'answered');
      await c.ready();
      await c.hover(probe, { line: 0, character: 0 });
      let syntax = 0;
      for (const p of c.published.values()) syntax += p.diagnostics.filter((d) => d.code === 'yaml-syntax').length;
      assert.equal(syntax, broken);
      const web = c.published.get(probe)?.diagnostics ?? [];
      assert.ok(web.some((d) => d.code === 'service-target-port-not-found'));
      assert.equal(c.statuses.at(-1)?.files, folders * perFolder + 1);
      assert.deepEqual(
        c.logs.filter((l) => l.type === 1),
        [],
      );
    } finally {
      await c.stop();
    }
  });
});
