/**
 * End-to-end harness: the packaged podpath extension in real VS Code (code-server), driven
 * through Debian's Chromium with playwright-core.
 *
 * - `ensureProvisioned()` finds code-server and its Node 24 in the cache that
 *   scripts/provision-e2e.sh fills (and runs that script when the cache is missing).
 * - `buildVsix()` bundles the extension for production and packages it with vsce.
 * - `launchWorkbench()` installs the VSIX into fresh extensions/user-data folders, copies the
 *   fixture workspace to a temporary folder, starts code-server on a free 127.0.0.1 port and
 *   opens it in Chromium. `Workbench.close()` stops both (and a process 'exit' hook kills
 *   code-server should the test process end any other way).
 * - `Workbench` has the workbench moves the tests need (Quick Open, command palette, hover,
 *   Problems, quick fixes, code lenses, webviews, status bar) and waits only on DOM state,
 *   never on time.
 * - `step(name, fn)` runs one step; on failure it saves a screenshot under
 *   test-results/e2e/ and throws a message naming the step and the screenshot.
 *
 * Environment knobs:
 *   PODPATH_E2E_VSIX      use this .vsix instead of building one
 *   PODPATH_E2E_CACHE     cache root (default ${XDG_CACHE_HOME:-~/.cache}/podpath-e2e)
 *   PODPATH_E2E_CHROMIUM  browser binary (default /usr/bin/chromium)
 *   PODPATH_E2E_KEEP=1    keep the temporary folders (workspace, user data, logs)
 *   PODPATH_E2E_HEADED=1  show the browser (needs a display)
 *   PODPATH_E2E_SCREENSHOTS=all  also screenshot every passing step (test-results/e2e/passed/)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync, createWriteStream } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';

export const repoRoot = resolve(__dirname, '..', '..');
export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'e2e-workspace');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

export const CODE_SERVER_VERSION = process.env.PODPATH_CODE_SERVER_VERSION ?? '4.139.1';
const NODE_MAJOR = process.env.PODPATH_E2E_NODE_VERSION ?? '24';
const cacheRoot =
  process.env.PODPATH_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'podpath-e2e');

/** How long one wait for a workbench state may take before the step fails. */
export const STATE_TIMEOUT = Number(process.env.PODPATH_E2E_STATE_TIMEOUT ?? 30_000);
/** Startup waits (first workbench load, extension activation, first indexing) get longer. */
export const STARTUP_TIMEOUT = Number(process.env.PODPATH_E2E_STARTUP_TIMEOUT ?? 120_000);

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

// ------------------------------------------------------------------------------------------
// Provisioning and packaging

export interface Provisioned {
  /** code-server's launcher script (run with `nodeBinDir` first on PATH). */
  codeServer: string;
  /** Folder holding the Node 24 binary code-server runs on. */
  nodeBinDir: string;
  chromium: string;
}

export function ensureProvisioned(): Provisioned {
  const csDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
  const nodeDir = join(cacheRoot, `node-${NODE_MAJOR}`);
  const chromiumPath = process.env.PODPATH_E2E_CHROMIUM ?? '/usr/bin/chromium';
  const ready = () =>
    existsSync(join(csDir, '.podpath-installed')) &&
    existsSync(join(nodeDir, '.podpath-installed')) &&
    existsSync(chromiumPath);
  if (!ready()) {
    log(`code-server ${CODE_SERVER_VERSION} or Chromium is not provisioned: running scripts/provision-e2e.sh (minutes)`);
    const r = spawnSync('bash', [join(repoRoot, 'scripts', 'provision-e2e.sh')], {
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

// ------------------------------------------------------------------------------------------
// code-server

/** Workbench settings that keep the UI quiet and predictable. */
export const workbenchSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'workbench.editor.enablePreviewFromQuickOpen': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'window.commandCenter': false,
  // The page title names the active editor's full path: a reliable "which file is open" probe.
  'window.title': '${activeEditorLong}${separator}podpath-e2e',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'npm.autoDetect': 'off',
  'editor.minimap.enabled': false,
  'editor.codeLens': true,
  // Inlay hints are drawn inside the text lines (`targetPort: http → nginx:8080`) and would
  // shift what the steps read and click; no step is about them.
  'editor.inlayHints.enabled': 'off',
  'editor.lightbulb.enabled': 'on',
  'editor.hover.enabled': true,
  'editor.hover.delay': 200,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
  'editor.inlineSuggest.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.formatOnType': false,
  'editor.formatOnSave': false,
  'editor.occurrencesHighlight': 'off',
  'editor.gotoLocation.multipleDefinitions': 'goto',
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'problems.autoReveal': true,
  'problems.defaultViewMode': 'tree',
  'terminal.integrated.enablePersistentSessions': false,
  'workbench.remoteIndicator.showExtensionRecommendations': false,
};

export interface CodeServer {
  url: string;
  folder: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  provisioned: Provisioned;
  vsix: string;
  /** Folder opened in the workbench (the copied fixture). */
  folder: string;
  /** Temporary folder that will hold user data, extensions and logs. */
  tempDir: string;
}

function codeServerEnv(p: Provisioned): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${p.nodeBinDir}:${process.env.PATH ?? ''}` };
  // Nothing of the test runner's own Node settings may leak into code-server's Node 24.
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/** Runs the code-server CLI to completion (extension management), returning stdout. */
function codeServerCli(p: Provisioned, args: string[]): string {
  const r = spawnSync(p.codeServer, args, { env: codeServerEnv(p), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`code-server ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`.trimEnd());
  }
  return r.stdout;
}

export function listExtensions(p: Provisioned, extensionsDir: string): string[] {
  return codeServerCli(p, ['--list-extensions', '--extensions-dir', extensionsDir])
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l.length > 0);
}

const liveServers = new Set<ChildProcess>();
process.on('exit', () => {
  // Last resort, synchronous: a code-server left behind by an aborted run dies with us.
  for (const child of liveServers) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const userDataDir = join(o.tempDir, 'user-data');
  const extensionsDir = join(o.tempDir, 'extensions');
  const logFile = join(o.tempDir, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(workbenchSettings, null, 2));
  // Our own config file, so a developer's ~/.config/code-server/config.yaml (password, cert) never applies.
  const configFile = join(o.tempDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  log(`installing ${o.vsix} into ${extensionsDir}`);
  codeServerCli(o.provisioned, [
    '--config',
    configFile,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--install-extension',
    o.vsix,
  ]);

  const args = [
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
    '--disable-proxy',
    // Safety net: should this process die without stopping it, code-server exits once idle.
    '--idle-timeout-seconds',
    '900',
    o.folder,
  ];
  log(`starting code-server ${args.join(' ')}`);
  const child = spawn(o.provisioned.codeServer, args, {
    env: codeServerEnv(o.provisioned),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() also ends its extension host and language server
  });
  liveServers.add(child);
  const logStream = createWriteStream(logFile);
  child.stdout?.pipe(logStream, { end: false });
  child.stderr?.pipe(logStream, { end: false });

  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const url = await new Promise<string>((res, rej) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(seen);
      if (m?.[1]) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        res(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) =>
      rej(new Error(`code-server exited (${code ?? signal}) before listening; log: ${logFile}\n${seen}`)),
    );
    child.once('error', rej);
  });
  log(`code-server is listening on ${url} (log: ${logFile})`);

  let stopped = false;
  return {
    url,
    folder: o.folder,
    userDataDir,
    extensionsDir,
    logFile,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        // Give it a moment to exit cleanly; then make sure the whole group is gone.
        const escalate = setTimeout(() => {
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 5_000);
        await exited;
        clearTimeout(escalate);
      }
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL'); // stragglers of the group (extension host, server)
      } catch {
        /* none left */
      }
      liveServers.delete(child);
      logStream.end();
    },
  };
}

// ------------------------------------------------------------------------------------------
// Steps and failure evidence

let currentPage: Page | undefined;
let stepCounter = 0;

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * Runs one named step of a scenario. On failure: a screenshot of the workbench goes to
 * test-results/e2e/, and the error is rethrown naming the step and the screenshot.
 */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const n = ++stepCounter;
  const started = Date.now();
  log(`step ${n}: ${name}`);
  try {
    const result = await fn();
    log(`step ${n} passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    if (process.env.PODPATH_E2E_SCREENSHOTS === 'all' && currentPage && !currentPage.isClosed()) {
      mkdirSync(join(resultsDir, 'passed'), { recursive: true });
      await currentPage.screenshot({ path: join(resultsDir, 'passed', `${String(n).padStart(2, '0')}-${slug(name)}.png`) });
    }
    return result;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    let evidence = 'no page to screenshot';
    if (currentPage && !currentPage.isClosed()) {
      mkdirSync(resultsDir, { recursive: true });
      const file = join(resultsDir, `${String(n).padStart(2, '0')}-${slug(name)}.png`);
      try {
        await currentPage.screenshot({ path: file, timeout: 15_000 });
        evidence = `screenshot: ${file}`;
      } catch (shotErr) {
        evidence = `screenshot failed: ${shotErr instanceof Error ? shotErr.message : String(shotErr)}`;
      }
    }
    const wrapped = new Error(`e2e step "${name}" failed: ${reason}\n  ${evidence}`);
    if (err instanceof Error && err.stack) wrapped.stack = `${wrapped.message}\n  caused by: ${err.stack}`;
    throw wrapped;
  }
}

/** `cond` or throw `message` (with `detail` appended when given). */
export function check(cond: unknown, message: string, detail?: unknown): asserts cond {
  if (!cond) throw new Error(detail === undefined ? message : `${message}\n  got: ${JSON.stringify(detail)}`);
}

/** Waits for `probe` to return a value (not undefined/false); on timeout says what was awaited and last seen. */
export async function waitUntil<T>(
  page: Page,
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeout = STATE_TIMEOUT,
): Promise<T> {
  // Polls the DOM-derived probe on the browser's animation frames: no fixed sleeps.
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout / 1000}s waiting for ${what}${last === undefined ? '' : ` (last: ${JSON.stringify(last)})`}`);
    }
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
  }
}

// ------------------------------------------------------------------------------------------
// The workbench in Chromium

export interface WorkbenchOptions {
  /** Fixture folder to copy and open (default: test/fixtures/e2e-workspace). */
  fixture?: string;
}

export interface Launched {
  workbench: Workbench;
  provisioned: Provisioned;
  server: CodeServer;
  tempDir: string;
}

/** Text as Monaco renders it (non-breaking spaces) back to plain text. */
function plain(s: string | null | undefined): string {
  return (s ?? '').replace(/\u00a0/g, ' ');
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    readonly server: CodeServer,
    readonly workspace: string,
    private readonly tempDir: string,
  ) {}

  static async launch(options: WorkbenchOptions = {}): Promise<Launched> {
    const provisioned = ensureProvisioned();
    rmSync(resultsDir, { recursive: true, force: true }); // evidence of an earlier run would mislead
    const tempDir = mkdtempSync(join(tmpdir(), 'podpath-e2e-'));
    const workspace = join(tempDir, 'e2e-workspace');
    cpSync(options.fixture ?? fixtureWorkspace, workspace, { recursive: true });
    const vsix = buildVsix(tempDir);
    const server = await startCodeServer({ provisioned, vsix, folder: workspace, tempDir });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: provisioned.chromium,
        headless: process.env.PODPATH_E2E_HEADED !== '1',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ].filter((a) => a !== '--headless' || process.env.PODPATH_E2E_HEADED !== '1'),
      });
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      page.setDefaultTimeout(STATE_TIMEOUT);
      page.on('pageerror', (e) => log(`page error: ${e.message}`));
      currentPage = page;
      const wb = new Workbench(page, browser, context, server, workspace, tempDir);
      await wb.open();
      return { workbench: wb, provisioned, server, tempDir };
    } catch (err) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      throw err;
    }
  }

  private async open(): Promise<void> {
    const url = `${this.server.url}/?folder=${encodeURIComponent(this.workspace)}`;
    log(`opening ${url}`);
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: STARTUP_TIMEOUT });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: STARTUP_TIMEOUT });
    // The explorer lists the workspace once the file service answered.
    await this.page
      .locator('.explorer-folders-view .monaco-list-row')
      .first()
      .waitFor({ state: 'visible', timeout: STARTUP_TIMEOUT });
    await this.dismissNotifications();
  }

  /**
   * Stops the browser and code-server. With `saveLogs`, the workbench logs (extension host,
   * output channels, code-server) are copied to test-results/e2e/logs/ first. The temporary
   * folder is removed unless PODPATH_E2E_KEEP=1.
   */
  async close(opts: { saveLogs?: boolean } = {}): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    if (currentPage === this.page) currentPage = undefined;
    if (opts.saveLogs) {
      const dest = join(resultsDir, 'logs');
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest, { recursive: true });
      cpSync(this.server.logFile, join(dest, 'code-server.log'));
      const logs = join(this.server.userDataDir, 'logs');
      if (existsSync(logs)) cpSync(logs, join(dest, 'workbench'), { recursive: true });
      log(`workbench logs copied to ${dest}`);
    }
    if (process.env.PODPATH_E2E_KEEP === '1') log(`kept ${this.tempDir} (workspace, user data, code-server.log)`);
    else rmSync(this.tempDir, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- general

  /** Closes what a previous (maybe failed) step left open: menus, pickers, hovers. */
  async closeTransientUi(): Promise<void> {
    const transient = this.page.locator(
      '.quick-input-widget:visible, .action-widget:visible, .monaco-hover:not(.hidden):visible, .context-view .monaco-menu:visible',
    );
    for (let i = 0; i < 3 && (await transient.count()) > 0; i++) await this.page.keyboard.press('Escape');
  }

  /** Closes every notification toast (code-server's own, trust, recommendations). */
  async dismissNotifications(): Promise<void> {
    const toasts = this.page.locator('.notification-toast');
    for (let i = 0; i < 10 && (await toasts.count()) > 0; i++) {
      const close = toasts.first().locator('.codicon-notifications-clear, .codicon-close').first();
      if (await close.isVisible()) await close.click();
      else break;
    }
  }

  /** The page title: `window.title` is set to the active editor's full path. */
  async activeEditorPath(): Promise<string> {
    const title = await this.page.title();
    return title.replace(/ [-—] podpath-e2e.*$/, '').trim();
  }

  async waitForActiveEditor(relativePath: string, timeout = STATE_TIMEOUT): Promise<void> {
    const want = join(this.workspace, relativePath);
    await waitUntil(
      this.page,
      `the active editor to be ${relativePath}`,
      async () => {
        const p = await this.activeEditorPath();
        return p.endsWith(want) || p.endsWith(relativePath) ? p : false;
      },
      timeout,
    );
    await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible' });
  }

  /** The editor of the focused editor group. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** The label of the focused group's active tab. */
  async activeTabLabel(): Promise<string> {
    const tab = this.page.locator('.editor-group-container.active .tab.active .label-name').first();
    return plain(await tab.textContent()).trim();
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), typing its relative path. */
  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    const base = relativePath.split('/').pop() ?? relativePath;
    // Wait until the picker shows this file as its first (focused) match before accepting it.
    const dir = relativePath.includes('/') ? relativePath.slice(0, relativePath.lastIndexOf('/')) : '';
    await waitUntil(this.page, `Quick Open to offer ${relativePath}`, async () => {
      const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').first();
      if (!(await row.isVisible())) return false;
      const label = plain(await row.getAttribute('aria-label')) || plain(await row.textContent());
      return label.includes(base) && (dir === '' || label.includes(dir)) ? label : false;
    });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await this.waitForActiveEditor(relativePath);
  }

  /** Runs a command by its palette title (F1, type, Enter on the matching entry). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ hasText: title })
      .first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    await input.waitFor({ state: 'hidden' });
  }

  // ---------------------------------------------------------------- editor text

  /** The text of the active editor, as rendered (the fixture files fit in the viewport). */
  async editorText(): Promise<string> {
    const lines = await this.activeEditor()
      .locator('.view-lines .view-line')
      .evaluateAll((els) =>
        els
          .map((el) => ({ top: parseFloat((el as HTMLElement).style.top || '0'), text: el.textContent ?? '' }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    return plain(lines.join('\n'));
  }

  async waitForEditorText(what: string, pred: (text: string) => boolean, timeout = STATE_TIMEOUT): Promise<string> {
    return waitUntil(this.page, what, async () => {
      const t = await this.editorText();
      return pred(t) ? t : false;
    }, timeout);
  }

  /**
   * Screen box of the `occurrence`-th `needle` on the first rendered line matching `line`
   * (searching from the first line matching `after`, when given).
   */
  async textBox(
    line: RegExp,
    needle: string,
    opts: { after?: RegExp } = {},
  ): Promise<{ x: number; y: number; width: number; height: number }> {
    const editor = this.activeEditor();
    await editor.locator('.view-lines').waitFor({ state: 'visible' });
    const box = await editor.locator('.view-lines').evaluate(
      (root, a: { line: string; needle: string; after: string | null }) => {
        const lineRe = new RegExp(a.line);
        const afterRe = a.after ? new RegExp(a.after) : null;
        const lines = Array.from(root.querySelectorAll<HTMLElement>('.view-line')).sort(
          (x, y) => parseFloat(x.style.top || '0') - parseFloat(y.style.top || '0'),
        );
        let armed = afterRe === null;
        for (const el of lines) {
          const text = (el.textContent ?? '').replace(/\u00a0/g, ' ');
          if (!armed) {
            if (afterRe?.test(text)) armed = true;
            continue;
          }
          if (!lineRe.test(text)) continue;
          // Find the needle inside the line's text nodes and measure it with a DOM Range.
          const nodes: Text[] = [];
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
          const full = nodes.map((n) => (n.data ?? '').replace(/\u00a0/g, ' ')).join('');
          const at = full.lastIndexOf(a.needle);
          if (at < 0) return null;
          let offset = 0;
          const range = document.createRange();
          let startSet = false;
          for (const n of nodes) {
            const len = n.data.length;
            if (!startSet && at < offset + len) {
              range.setStart(n, at - offset);
              startSet = true;
            }
            if (startSet && at + a.needle.length <= offset + len) {
              range.setEnd(n, at + a.needle.length - offset);
              break;
            }
            offset += len;
          }
          const r = range.getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height };
        }
        return null;
      },
      { line: line.source, needle, after: opts.after?.source ?? null },
    );
    check(box, `the active editor has no rendered line matching ${line} containing "${needle}"`, await this.editorText());
    return box;
  }

  /** Clicks in the middle of `needle` on the line matching `line` (cursor goes there). */
  async clickText(line: RegExp, needle: string, opts: { after?: RegExp; clickCount?: number } = {}): Promise<void> {
    const b = await this.textBox(line, needle, opts);
    await this.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2, { clickCount: opts.clickCount ?? 1 });
  }

  /** Selects the word `needle` on the line matching `line` (double-click), checked by the status bar. */
  async selectWord(line: RegExp, needle: string, opts: { after?: RegExp } = {}): Promise<void> {
    await this.clickText(line, needle, { ...opts, clickCount: 2 });
    await waitUntil(this.page, `"${needle}" to be selected (status bar "(${needle.length} selected)")`, async () => {
      const s = await this.statusBarSelection();
      return s.selected === needle.length ? s : false;
    });
  }

  /** Cursor from the status bar: `Ln N, Col M` (1-based), and `(K selected)` when a selection exists. */
  async statusBarSelection(): Promise<{ line: number; column: number; selected: number }> {
    const item = this.page.locator('.statusbar-item').filter({ hasText: /Ln \d+, Col \d+/ }).first();
    await item.waitFor({ state: 'visible' });
    const text = plain(await item.textContent());
    const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
    check(m, 'the status bar shows no "Ln N, Col M"', text);
    return { line: Number(m[1]), column: Number(m[2]), selected: Number(m[3] ?? 0) };
  }

  async waitForCursorLine(what: string, ok: (line: number) => boolean): Promise<number> {
    return waitUntil(this.page, what, async () => {
      const s = await this.statusBarSelection();
      return ok(s.line) ? s.line : false;
    });
  }

  // ---------------------------------------------------------------- hover, quick fix, lens

  /**
   * Hovers `needle` on the line matching `line` and returns the hover widget's text once
   * `pred` holds. A hover asked before the language server is ready comes back empty and
   * VS Code does not ask again while the mouse rests, so each attempt moves the mouse away
   * and back, then waits (on the DOM) for the widget; attempts go on until `timeout`.
   */
  async hover(line: RegExp, needle: string, pred: (text: string) => boolean, what: string, timeout = STARTUP_TIMEOUT): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
    const deadline = Date.now() + timeout;
    let seen = '';
    for (;;) {
      const b = await this.textBox(line, needle);
      const editorBox = await this.activeEditor().boundingBox();
      check(editorBox, 'the active editor has no box');
      // Away: the editor's empty lower right corner; then onto the token.
      await this.page.mouse.move(editorBox.x + editorBox.width - 40, editorBox.y + editorBox.height - 40);
      await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
      try {
        return await waitUntil(this.page, what, async () => {
          seen = plain((await hover.allTextContents()).join('\n'));
          return pred(seen) ? seen : false;
        }, Math.min(5_000, Math.max(1_000, deadline - Date.now())));
      } catch {
        if (Date.now() >= deadline) {
          throw new Error(`timed out after ${timeout / 1000}s waiting for ${what}; last hover text: ${JSON.stringify(seen)}`);
        }
      }
    }
  }

  /** Saves the active editor (Ctrl+S) and waits for its tab to be clean. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Opens the quick fix menu (Ctrl+.) at the cursor and picks the first action whose title contains `titlePart`. */
  async applyQuickFix(titlePart: string): Promise<string> {
    await this.page.keyboard.press('Control+.');
    // The action list (the widget also owns an empty submenu panel with the same class).
    const menu = this.page.locator('.action-widget').filter({ has: this.page.locator('.monaco-list-row') }).first();
    await menu.waitFor({ state: 'visible' });
    const item = menu.locator('.monaco-list-row.action').filter({ hasText: titlePart }).first();
    await waitUntil(this.page, `a quick fix containing "${titlePart}"`, async () => (await item.isVisible()) || false, STATE_TIMEOUT).catch(
      async (err: unknown) => {
        const offered = plain((await menu.locator('.monaco-list-row').allTextContents()).join(' | '));
        throw new Error(`${err instanceof Error ? err.message : String(err)}; the menu offers: ${offered || '(nothing)'}`);
      },
    );
    const title = plain(await item.textContent()).trim();
    await item.click();
    await menu.waitFor({ state: 'hidden' });
    return title;
  }

  /** Code lenses rendered in the active editor. */
  codeLens(titleStart: string): Locator {
    return this.activeEditor()
      .locator('.codelens-decoration a')
      .filter({ hasText: new RegExp(`^\\s*${titleStart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      .first();
  }

  // ---------------------------------------------------------------- problems panel

  /** Shows the Problems panel (Ctrl+Shift+M) and waits for its tree. */
  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
  }

  /**
   * The Problems tree as groups: each file row with the marker rows under it. Rows are read
   * from their ARIA attributes (level 1: a file, level 2+: its problems).
   */
  async problems(): Promise<Array<{ file: string; markers: string[] }>> {
    const rows = await this.page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((els) =>
        els
          .map((el) => ({
            index: Number(el.getAttribute('data-index') ?? '0'),
            level: Number(el.getAttribute('aria-level') ?? '0'),
            label: el.getAttribute('aria-label') ?? '',
            text: el.textContent ?? '',
          }))
          .sort((a, b) => a.index - b.index),
      );
    const groups: Array<{ file: string; markers: string[] }> = [];
    for (const r of rows) {
      const text = plain(`${r.label} ${r.text}`);
      if (r.level <= 1) groups.push({ file: text, markers: [] });
      else groups[groups.length - 1]?.markers.push(text);
    }
    return groups;
  }

  async waitForProblems<T>(
    what: string,
    pred: (groups: Array<{ file: string; markers: string[] }>) => T | undefined | false,
    timeout = STATE_TIMEOUT,
  ): Promise<T> {
    await this.showProblems();
    let last: Array<{ file: string; markers: string[] }> = [];
    try {
      return await waitUntil(this.page, what, async () => {
        last = await this.problems();
        return pred(last);
      }, timeout);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n  Problems panel: ${JSON.stringify(last, null, 1)}`);
    }
  }

  // ---------------------------------------------------------------- webviews

  /**
   * The content frame of the visible webview, or undefined when none is shown yet. VS Code
   * nests a webview twice: an `iframe.webview` in the workbench, whose document holds the
   * `#active-frame` iframe with the extension's HTML (replaced when the extension sets new HTML).
   */
  async findWebviewFrame(): Promise<Frame | undefined> {
    for (const outer of this.page.frames()) {
      if (outer === this.page.mainFrame() || !outer.url().includes('webview')) continue;
      const host = await outer.frameElement().catch(() => undefined);
      if (!host || !(await host.isVisible().catch(() => false))) continue;
      for (const inner of outer.childFrames()) {
        if (inner.isDetached()) continue;
        const el = await inner.frameElement().catch(() => undefined);
        if (el && (await el.getAttribute('id').catch(() => null)) === 'active-frame') return inner;
      }
    }
    return undefined;
  }

  /** Waits for the webview panel whose tab is titled `title` to be shown, and returns its content frame. */
  async webviewFrame(title: string, timeout = STATE_TIMEOUT): Promise<Frame> {
    const tab = this.page.locator('.tab').filter({ hasText: title }).first();
    await tab.waitFor({ state: 'visible', timeout }).catch(async () => {
      const tabs = (await this.page.locator('.tab .label-name').allTextContents()).map((t) => plain(t).trim());
      throw new Error(`no editor tab titled "${title}" appeared within ${timeout / 1000}s; open tabs: ${JSON.stringify(tabs)}`);
    });
    return waitUntil(this.page, `the content frame of the "${title}" webview`, async () => (await this.findWebviewFrame()) ?? false, timeout);
  }
}
