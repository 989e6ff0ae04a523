/**
 * Where the e2e suite finds its tools and puts its evidence, and how it packages the
 * extension: code-server and its Node 24 from the cache that scripts/provision-e2e.sh fills
 * (run automatically when the cache is missing), and the VSIX built with vsce.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'e2e-workspace');
/** Every step leaves its screenshot here (the suite prints the folder when it starts). */
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

export const CODE_SERVER_VERSION = process.env.PODPATH_CODE_SERVER_VERSION ?? '4.139.1';
const NODE_MAJOR = process.env.PODPATH_E2E_NODE_VERSION ?? '24';
const cacheRoot = process.env.PODPATH_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'podpath-e2e');

/** How long one wait for a workbench state may take before the step fails. */
export const STATE_TIMEOUT = Number(process.env.PODPATH_E2E_STATE_TIMEOUT ?? 30_000);
/** Startup waits (first workbench load, extension activation, first indexing) get longer. */
export const STARTUP_TIMEOUT = Number(process.env.PODPATH_E2E_STARTUP_TIMEOUT ?? 120_000);

/** Progress of the suite, on stderr so that it interleaves with the test reporter. */
export function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

export interface Provisioned {
  /** code-server's launcher script (run with `nodeBinDir` first on PATH). */
  codeServer: string;
  /** Folder holding the Node 24 binary code-server runs on. */
  nodeBinDir: string;
  chromium: string;
}

/**
 * The environment minus what npm exports to the scripts it runs (`npm_config_*`, `npm_package_*`,
 * `npm_lifecycle_*`, …): under `npm test`, npm_config_user_agent names npm's Node (v20), and
 * code-server's install script refuses to install for another Node than the one it needs.
 */
export function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

export function ensureProvisioned(): Provisioned {
  const csDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
  const nodeDir = join(cacheRoot, `node-${NODE_MAJOR}`);
  const chromiumPath = process.env.PODPATH_E2E_CHROMIUM ?? '/usr/bin/chromium';
  const ready = () =>
    existsSync(join(csDir, '.podpath-installed')) && existsSync(join(nodeDir, '.podpath-installed')) && existsSync(chromiumPath);
  if (!ready()) {
    log(`code-server ${CODE_SERVER_VERSION} or Chromium is not provisioned: running scripts/provision-e2e.sh (minutes)`);
    const r = spawnSync('bash', [join(repoRoot, 'scripts', 'provision-e2e.sh')], {
      env: withoutNpmVariables(process.env),
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`scripts/provision-e2e.sh failed (exit ${r.status ?? r.signal})`);
    if (!ready()) throw new Error('scripts/provision-e2e.sh succeeded but the cache is still incomplete');
  }
  return {
    codeServer: join(csDir, 'node_modules', '.bin', 'code-server'),
    nodeBinDir: join(nodeDir, 'node_modules', '.bin'),
    chromium: chromiumPath,
  };
}

/** Builds the production bundles and packages them into `<outDir>/podpath.vsix`. */
export function buildVsix(outDir: string): string {
  const given = process.env.PODPATH_E2E_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`PODPATH_E2E_VSIX=${given} does not exist`);
    log(`using prebuilt VSIX ${given}`);
    return resolve(given);
  }
  const out = join(outDir, 'podpath.vsix');
  const run = (what: string, args: string[]) => {
    log(what);
    const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`.trimEnd());
    }
  };
  run('bundling the extension: node esbuild.mjs --production', ['esbuild.mjs', '--production']);
  run('packaging: vsce package --no-dependencies', [
    join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package',
    '--no-dependencies',
    // Never prompt (CI has no stdin): a missing repository field or LICENSE is not our concern here.
    '--allow-missing-repository',
    '--skip-license',
    // Relative README links need a repository URL to rewrite; the local VSIX needs none.
    '--no-rewrite-relative-links',
    '--out',
    out,
  ]);
  return out;
}

/** The publisher.name of the packaged extension, from package.json. */
export function extensionId(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${pkg.publisher}.${pkg.name}`.toLowerCase();
}
