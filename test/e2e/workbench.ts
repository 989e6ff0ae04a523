/**
 * The VS Code workbench in Chromium: `Workbench.launch()` builds and installs the VSIX,
 * copies the fixture workspace to a temporary folder, starts code-server and opens it in
 * Debian's Chromium (playwright-core); its methods are the moves the tests need (Quick Open,
 * command palette, hover, Problems, quick fixes, code lenses, webviews, status bar), and
 * they wait only on DOM state, never on time.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import { plain, renderedText, textBoxIn, type Box } from './editorDom';
import {
  STARTUP_TIMEOUT,
  STATE_TIMEOUT,
  buildVsix,
  ensureProvisioned,
  fixtureWorkspace,
  log,
  resultsDir,
  type Provisioned,
} from './provision';
import { check, setScreenshotPage, waitUntil } from './steps';

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
    log(`a screenshot of every step goes to ${resultsDir}`);
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
      setScreenshotPage(page);
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
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: STARTUP_TIMEOUT });
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
    setScreenshotPage(undefined);
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
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    await input.waitFor({ state: 'hidden' });
  }

  /** Opens the Getting Started walkthrough titled `title` (Welcome: Open Walkthrough...) and returns its page. */
  async openWalkthrough(title: string): Promise<Locator> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Welcome: Open Walkthrough');
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Open Walkthrough' }).first().click();
    // A second pick lists the walkthroughs of every extension.
    await rows.filter({ hasText: title }).first().click();
    await input.waitFor({ state: 'hidden' });
    const walkthrough = this.page.locator('.gettingStartedContainer').first();
    await walkthrough.locator('.getting-started-step').first().waitFor({ state: 'visible' });
    return walkthrough;
  }

  // ---------------------------------------------------------------- editor text

  /** The text of the active editor, as rendered (the fixture files fit in the viewport). */
  async editorText(): Promise<string> {
    return renderedText(this.activeEditor());
  }

  async waitForEditorText(what: string, pred: (text: string) => boolean, timeout = STATE_TIMEOUT): Promise<string> {
    return waitUntil(
      this.page,
      what,
      async () => {
        const t = await this.editorText();
        return pred(t) ? t : false;
      },
      timeout,
    );
  }

  /**
   * Screen box of `needle` on the first rendered line matching `line` (searching from the
   * first line matching `after`, when given).
   */
  async textBox(line: RegExp, needle: string, opts: { after?: RegExp } = {}): Promise<Box> {
    const box = await textBoxIn(this.activeEditor(), line, needle, opts.after);
    check(box, `the active editor has no rendered line matching ${line} containing "${needle}"`, await this.editorText());
    return box;
  }

  /** Clicks in the middle of `needle` on the line matching `line` (cursor goes there). */
  async clickText(line: RegExp, needle: string, opts: { after?: RegExp; clickCount?: number } = {}): Promise<void> {
    // A code lens or a decoration rendered between measuring and clicking shifts the lines:
    // the click then lands elsewhere. Click again until the text stayed where it was clicked.
    for (let attempt = 1; ; attempt++) {
      const b = await this.textBox(line, needle, opts);
      await this.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2, { clickCount: opts.clickCount ?? 1 });
      const after = await this.textBox(line, needle, opts);
      if (Math.abs(after.y - b.y) < 1 && Math.abs(after.x - b.x) < 1) return;
      check(attempt < 5, `"${needle}" on the line matching ${line} kept moving while being clicked`, { before: b, after });
    }
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
    const item = this.page
      .locator('.statusbar-item')
      .filter({ hasText: /Ln \d+, Col \d+/ })
      .first();
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
   * `pred` holds. A hover asked before the language server has indexed the workspace answers
   * with what it knew then, and VS Code keeps that widget (it does not ask again) while the
   * mouse rests or comes back within the hover's hiding delay. So each attempt closes the
   * widget (Escape), waits on the DOM until it is gone, moves the mouse away and back, then
   * waits for the new widget; attempts go on until `timeout`.
   */
  async hover(line: RegExp, needle: string, pred: (text: string) => boolean, what: string, timeout = STARTUP_TIMEOUT): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
    const deadline = Date.now() + timeout;
    let seen = '';
    for (;;) {
      const b = await this.textBox(line, needle);
      const editorBox = await this.activeEditor().boundingBox();
      check(editorBox, 'the active editor has no box');
      if (await hover.count()) {
        await this.page.keyboard.press('Escape');
        await hover
          .first()
          .waitFor({ state: 'detached', timeout: 5_000 })
          .catch(() => undefined);
      }
      // Away: the editor's empty lower right corner; then onto the token.
      await this.page.mouse.move(editorBox.x + editorBox.width - 40, editorBox.y + editorBox.height - 40);
      await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
      try {
        return await waitUntil(
          this.page,
          what,
          async () => {
            seen = plain((await hover.allTextContents()).join('\n'));
            return pred(seen) ? seen : false;
          },
          Math.min(5_000, Math.max(1_000, deadline - Date.now())),
        );
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

  /** Opens the quick fix menu from the light bulb at the cursor and picks the first action whose title contains `titlePart`. */
  async applyQuickFix(titlePart: string): Promise<string> {
    // The action list (the widget also owns an empty submenu panel with the same class).
    const menu = this.page
      .locator('.action-widget')
      .filter({ has: this.page.locator('.monaco-list-row') })
      .first();
    // The light bulb appears once the server has answered with actions for the cursor's line;
    // a click on it opens the menu (a click made while it was being re-rendered can be lost:
    // click again until the menu shows).
    const bulb = this.activeEditor().locator('.lightBulbWidget').first();
    await waitUntil(
      this.page,
      'the light bulb of the quick fixes at the cursor',
      async () => {
        if (await menu.isVisible()) return true;
        if (!(await bulb.isVisible())) return false;
        await bulb.click({ timeout: 2_000 }).catch(() => undefined);
        return menu.waitFor({ state: 'visible', timeout: 3_000 }).then(
          () => true,
          () => false,
        );
      },
      STARTUP_TIMEOUT,
    );
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
    const rows = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
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
      return await waitUntil(
        this.page,
        what,
        async () => {
          last = await this.problems();
          return pred(last);
        },
        timeout,
      );
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n  Problems panel: ${JSON.stringify(last, null, 1)}`, {
        cause: err,
      });
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

  /** The screen box of the editor group that holds a tab titled `title`, or undefined when none does. */
  async groupOfTab(title: string): Promise<Box | undefined> {
    const groups = this.page.locator('.editor-group-container');
    for (let i = 0; i < (await groups.count()); i++) {
      const g = groups.nth(i);
      if ((await g.locator('.tab').filter({ hasText: title }).count()) > 0) return (await g.boundingBox()) ?? undefined;
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
    return waitUntil(
      this.page,
      `the content frame of the "${title}" webview`,
      async () => (await this.findWebviewFrame()) ?? false,
      timeout,
    );
  }
}
