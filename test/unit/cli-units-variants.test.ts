/**
 * `podpath units` on a chart with `ci/*-values.yaml` files (test/fixtures/ws-helm): each variant
 * no unit checks yet is listed under its chart with the `.podpath.yaml` entry that would check
 * it; the entry, pasted in, is a valid config and the variant leaves the list.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'podpath-units-variants-'));
const cli = join(tmp, 'cli.js');

function podpath(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(config?: string): string {
  const dir = mkdtempSync(join(tmp, 'ws-'));
  cpSync(join(root, 'test', 'fixtures', 'ws-helm', 'workspace'), dir, { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, '.podpath.yaml'), config);
  return dir;
}

describe('podpath units: ci/*-values.yaml variants', () => {
  before(async () => {
    await esbuild.build({
      entryPoints: [join(root, 'server/src/cli/main.ts')],
      outfile: cli,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists a variant no unit checks, with the .podpath.yaml entry that checks it (text and json)', () => {
    const dir = workspace();
    const r = podpath(['units', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^shop {2}\(\d+ files\)\n {2}from Helm chart shop\/Chart\.yaml \(installed on its own\)\n {2}variant shop\/ci\/fixed-values\.yaml not checked yet; add under units: in \.podpath\.yaml:\n {4}- \{ name: shop-fixed, chart: shop, values: \[ shop\/ci\/fixed-values\.yaml \] \}\n1 units\n$/,
    );
    const json = JSON.parse(podpath(['units', '.', '--format', 'json'], dir).stdout) as {
      units: { name: string; variants?: { values: string; entry: unknown }[] }[];
    };
    assert.deepEqual(json.units[0]!.variants, [
      { values: 'shop/ci/fixed-values.yaml', entry: { name: 'shop-fixed', chart: 'shop', values: ['shop/ci/fixed-values.yaml'] } },
    ]);
  });

  it("in place of the chart's unit (one per chart), keeping its release and namespace; pasted in, the variant is checked", () => {
    const dir = workspace(
      'units:\n  - { name: shop-prod, chart: shop, values: [shop/values-prod.yaml], release: shop, namespace: prod }\n',
    );
    const r = podpath(['units', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  variant '));
    assert.equal(
      lines[at],
      '  variant shop/ci/fixed-values.yaml not checked yet; add under units: in .podpath.yaml (in place of unit shop-prod: one unit per chart):',
    );
    const entry = lines[at + 1]!.trim();
    assert.equal(entry, '- { name: shop-fixed, chart: shop, values: [ shop/ci/fixed-values.yaml ], release: shop, namespace: prod }');
    writeFileSync(join(dir, '.podpath.yaml'), `units:\n  ${entry}\n`);
    const after = podpath(['units', '.'], dir);
    assert.equal(after.status, 0, after.stderr);
    assert.doesNotMatch(after.stdout, /variant/);
    // Checked with it, the Service targets the port the Pods listen on: only the literal metrics port 9090 is left.
    const check = podpath(['check', '.'], dir).stdout;
    assert.deepEqual(
      check
        .split('\n')
        .filter((l) => l.includes('service-target-port-not-found'))
        .map((l) => l.split('  ')[0]),
      ['shop/templates/service.yaml:15:19'],
    );
  });
});
