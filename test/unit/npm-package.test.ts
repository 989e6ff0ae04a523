/**
 * `npm install podpath` then `npx podpath`: the packed tarball holds self-contained bundles and
 * declares no runtime dependencies (what the bundles are built from is a devDependency), so it
 * installs offline into an empty project, nothing but itself, and both bins run there.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
let packedSize = 0;

/** One JSON-RPC message over stdio, framed as LSP frames it. */
function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('the npm package', () => {
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) {
      const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
    // --ignore-scripts: the bundles are built already; prepack would rebuild them for production.
    const out = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root)) as {
      filename: string;
      size: number;
      files: { path: string }[];
    }[];
    tarball = join(tmp, out[0]!.filename);
    packed = out[0]!.files.map((f) => f.path).sort();
    packedSize = out[0]!.size;
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ci-project', version: '1.0.0', private: true }));
    cpSync(join(root, 'examples'), join(project, 'k8s'), { recursive: true });
    // --offline: with no dependencies to fetch, installing the tarball needs no registry at all.
    npm(['install', '--offline', '--no-save', tarball], project);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('packs only the bundles, the manifest, README, CHANGELOG and LICENSE', (t) => {
    t.diagnostic(`npm pack: ${packed.length} files, ${(packedSize / 1024).toFixed(0)} KB`);
    assert.deepEqual(packed, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/client.js', 'dist/server.js', 'package.json']);
  });

  it('declares no runtime dependencies: the bundles carry what they are built from', () => {
    // `npm install podpath` used to fetch 52 packages (d3, vscode-languageclient, …) that no bundle loads.
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) assert.equal(pkg[field], undefined, field);
    for (const dep of ['yaml', 'vscode-languageserver', 'vscode-languageclient', 'd3'])
      assert.ok(pkg.devDependencies[dep], `devDependencies.${dep}`);
    const installed = readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'));
    assert.deepEqual(installed, ['podpath']);
  });

  it('builds the bundles before packing, and both bins are node scripts', () => {
    assert.match(pkg.scripts.prepack, /esbuild\.mjs --production/);
    assert.deepEqual(pkg.bin, { podpath: './dist/cli.js', 'podpath-language-server': './dist/server.js' });
    for (const bin of Object.values(pkg.bin as Record<string, string>))
      assert.ok(readFileSync(join(root, bin), 'utf8').startsWith('#!/usr/bin/env node\n'), bin);
  });

  it('runs as npx podpath after install: --version, and check exiting 1 on the examples', () => {
    const version = spawnSync('npx', ['--offline', 'podpath', '--version'], { cwd: project, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${pkg.version}\n`);
    const check = spawnSync('npx', ['--offline', 'podpath', 'check', 'k8s'], { cwd: project, encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^k8s\/shop\/admin\.yaml:33:19 {2}error/m);
  });

  it('runs the language server as podpath-language-server --stdio: it answers initialize', async () => {
    const bin = join(project, 'node_modules', '.bin', 'podpath-language-server');
    assert.ok(existsSync(bin));
    const server = spawn(bin, ['--stdio'], { cwd: project, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const answered = new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (out.includes('"id":1')) resolve(out);
      });
      server.on('exit', (code) => reject(new Error(`the server exited (${code}) before answering: ${out}`)));
    });
    server.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    const answer = await answered;
    server.stdin.write(frame({ id: 2, method: 'shutdown' }) + frame({ method: 'exit' }));
    await new Promise((resolve) => server.on('close', resolve));
    assert.match(answer, /"capabilities":\{/);
    assert.match(answer, /"name":"podpath"/);
  });
});
