/**
 * `npm install podpath` then `npx podpath`: the packed tarball holds the bundles and needs
 * nothing but its declared dependencies (from npm's cache where it has them), so it
 * installs into a fresh project and its bins run there.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'podpath-npm-'));
const project = join(tmp, 'project');

function npm(args: string[], cwd: string) {
  // No audit, funding or update checks: the only requests are for the declared dependencies.
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let tarball = '';
let packed: string[] = [];

describe('the npm package', () => {
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) {
      const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
    // --ignore-scripts: the bundles are built already; prepack would rebuild them for production.
    const out = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root)) as { filename: string; files: { path: string }[] }[];
    tarball = join(tmp, out[0]!.filename);
    packed = out[0]!.files.map((f) => f.path).sort();
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ci-project', version: '1.0.0', private: true }));
    cpSync(join(root, 'examples'), join(project, 'k8s'), { recursive: true });
    npm(['install', '--prefer-offline', '--no-save', tarball], project);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('packs only the bundles, the manifest, README, CHANGELOG and LICENSE', () => {
    assert.deepEqual(packed, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/client.js', 'dist/server.js', 'package.json']);
  });

  it('declares the libraries its bundles are built from, and builds the bundles before packing', () => {
    for (const dep of ['yaml', 'vscode-languageserver', 'vscode-languageclient', 'd3']) assert.ok(pkg.dependencies[dep], `dependencies.${dep}`);
    assert.match(pkg.scripts.prepack, /esbuild\.mjs --production/);
    assert.deepEqual(pkg.bin, { podpath: './dist/cli.js', 'podpath-language-server': './dist/server.js' });
    for (const bin of Object.values(pkg.bin as Record<string, string>)) assert.ok(readFileSync(join(root, bin), 'utf8').startsWith('#!/usr/bin/env node\n'), bin);
  });

  it('runs as npx podpath after install: --version, and check exiting 1 on the examples', () => {
    const version = spawnSync('npx', ['--offline', 'podpath', '--version'], { cwd: project, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${pkg.version}\n`);
    const check = spawnSync('npx', ['--offline', 'podpath', 'check', 'k8s'], { cwd: project, encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^k8s\/shop\/admin\.yaml:33:19 {2}error/m);
  });

  it('installs the language server as podpath-language-server', () => {
    assert.ok(existsSync(join(project, 'node_modules', '.bin', 'podpath-language-server')));
  });
});
