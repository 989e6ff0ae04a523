/**
 * The CLI's output through a pipe, as CI pipelines read it: a report of megabytes arrives
 * whole (a pipe takes 64 KB at a time; a short write once cut the JSON), and a reader that
 * leaves early (`| head`) ends the output without an error or a changed exit status.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliPath, ensureBuilt } from '../hostile/run';
import { removeDir } from '../lsp/client';

let dir = '';
const services = 3000;

before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'podpath-output-'));
  writeFileSync(
    join(dir, 'd.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      app: d\n  template:\n    metadata:\n      labels:\n        app: d\n    spec:\n      containers:\n        - name: c\n          image: x\n',
  );
  // Each Service selects nothing: one warning each, a report of megabytes.
  for (let i = 0; i < services; i++)
    writeFileSync(
      join(dir, `s${i}.yaml`),
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  selector:\n    app: nothing\n  ports:\n    - port: 80\n`,
    );
});

after(() => removeDir(dir));

/** Run the CLI; `onFirstChunk` may close our end of its stdout. */
function run(args: string[], onFirstChunk?: (close: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      if (onFirstChunk && stdout === '') onFirstChunk(() => child.stdout.destroy());
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('podpath output through a pipe', { timeout: 300_000 }, () => {
  test('a JSON report of megabytes arrives whole', async () => {
    const r = await run(['check', '.', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.length > 1_000_000, `${r.stdout.length} characters`);
    const report = JSON.parse(r.stdout) as { diagnostics: unknown[] };
    assert.equal(report.diagnostics.length, services);
  });

  test('a reader that leaves early (| head) ends the output, not the run', async () => {
    const r = await run(['check', '.'], (close) => close());
    assert.equal(r.code, 0, `warnings only: exit 0; stderr: ${r.stderr}`);
    assert.equal(r.stderr, '');
  });
});
