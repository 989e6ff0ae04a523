/**
 * The VSIX holds what the extension runs and shows, nothing else: `vsce ls` (the list
 * `vsce package` zips) against the allowlist, and the manifest fields the marketplace and
 * VS Code read — icon, engines, extensionKind, capabilities.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundles = ['dist/client.js', 'dist/server.js', 'dist/webview.js', 'dist/cli.js'];

/** Files under `dir` (relative to the root, forward slashes). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

let listed: string[] = [];

describe('the VSIX', () => {
  before(() => {
    if (!bundles.every((b) => existsSync(join(root, b)))) {
      const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
    const r = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    listed = r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
  });

  it('holds exactly the bundles, the manifest, README, CHANGELOG, LICENSE, the icon, the walkthrough and the examples', () => {
    const expected = [
      ...bundles,
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'media/icon.png',
      ...filesUnder('media/walkthrough'),
      ...filesUnder('examples'),
    ].sort();
    assert.deepEqual(listed, expected);
  });

  it('ships no source, source map, test, node_modules, docs or screenshot', () => {
    // The development build leaves *.map files in dist/: the allowlist must keep them out.
    for (const f of listed) {
      assert.doesNotMatch(
        f,
        /\.(map|ts|mjs|vsix)$|^(node_modules|test|server|client|webview|scripts|docs|test-results)\/|^media\/screenshots\//,
        f,
      );
    }
  });

  it('adds under 150 kB to the four bundles', () => {
    const bytes = listed.reduce((n, f) => n + statSync(join(root, f)).size, 0);
    const other = bytes - bundles.reduce((n, b) => n + statSync(join(root, b)).size, 0);
    assert.ok(other < 150_000, `non-bundle files weigh ${other} bytes`);
  });

  it('ships every file the manifest points at', () => {
    const referenced: string[] = [pkg.main, pkg.icon, ...Object.values(pkg.bin as Record<string, string>)];
    for (const w of pkg.contributes.walkthroughs) for (const s of w.steps) referenced.push(s.media.markdown ?? s.media.image);
    for (const r of referenced) assert.ok(listed.includes(relative('.', r)), `${r} is referenced by package.json but not in the VSIX`);
  });

  it('has a square PNG icon of 128 or 256 pixels', () => {
    const png = readFileSync(join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(w, h);
    assert.ok(w === 128 || w === 256, `icon is ${w}×${h}`);
  });

  it('asks for the VS Code the end-to-end suite runs (code-server 4.x.y is VS Code 1.x.y), and no newer typings', () => {
    const harness = readFileSync(join(root, 'test', 'e2e', 'provision.ts'), 'utf8');
    const tested = /CODE_SERVER_VERSION = [^']*'4\.(\d+)\.\d+'/.exec(harness)?.[1];
    assert.ok(tested, 'the e2e harness names its code-server version');
    assert.equal(pkg.engines.vscode, `^1.${tested}.0`);
    const types = /(\d+)\.(\d+)/.exec(pkg.devDependencies['@types/vscode']);
    assert.ok(
      types && Number(types[1]) === 1 && Number(types[2]) <= Number(tested),
      'vsce refuses @types/vscode newer than engines.vscode',
    );
  });

  it('runs where the workspace is; lints and visualises (capabilities: untrusted.test.ts)', () => {
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    assert.deepEqual(pkg.categories, ['Linters', 'Visualization']);
    assert.ok(pkg.keywords.includes('kubernetes') && pkg.keywords.length <= 30);
    assert.match(pkg.repository.url, /^https:\/\/github\.com\/podpath\/podpath(\.git)?$/);
  });
});
