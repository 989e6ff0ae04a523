/**
 * The README's screenshots, taken from the end-to-end run: the e2e harness
 * (test/e2e/workbench.ts and its helpers, used as they are) installs the packaged VSIX in code-server and opens
 * the e2e fixture workspace; this script walks the e2e scenario's first four steps and, at
 * the moment each step's assertion holds, saves a cropped PNG under media/screenshots/:
 *
 *   hover.png         step 1: the hover on `targetPort: http` (containerPort, Deployment)
 *   problems.png      step 2: the Problems panel with service-target-port-not-found
 *   quick-fix.png     step 3: the quick-fix menu on `targetPort: 9090` (not applied)
 *   traffic-path-light.png, traffic-path-dark.png
 *                     step 4: the traffic-path panel of Service web, opened by the code lens,
 *                     in VS Code's light and dark theme (Preferences: Toggle between Light/Dark
 *                     Themes switches from the one the workbench starts in to the other)
 *
 * The full-window pictures the e2e suite leaves in test-results/e2e/ are taken after each step ends, when hovers and menus are
 * closed again, hence this script. Run: npm run screenshots (needs scripts/provision-e2e.sh).
 * The PNGs are committed; .vscodeignore keeps them out of the VSIX.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot, resultsDir } from '../test/e2e/provision';
import { readPanel } from '../test/e2e/panelDom';
import { waitUntil } from '../test/e2e/steps';
import { Workbench } from '../test/e2e/workbench';

const out = join(repoRoot, 'media', 'screenshots');
type Box = { x: number; y: number; width: number; height: number };

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

/** The smallest rectangle around `boxes`, grown by `pad`, kept inside the page and below `top`. */
function around(page: Page, boxes: Box[], top = 0, pad = 12): Box {
  const vp = page.viewportSize() ?? { width: 1600, height: 1000 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(top, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(vp.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(vp.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

async function shoot(page: Page, name: string, clip: Box): Promise<void> {
  await page.screenshot({ path: join(out, name), clip });
  process.stderr.write(`[screenshots] ${join('media', 'screenshots', name)} (${Math.round(clip.width)}×${Math.round(clip.height)})\n`);
}

/** The first `lines` rendered lines of the active editor, from its left edge. */
async function editorTop(wb: Workbench, width: number, lines: number): Promise<Box> {
  const e = await box(wb.activeEditor());
  return { x: e.x, y: e.y, width, height: Math.min(e.height, lines * 19 + 40) };
}

/** 'light' or 'dark': the kind of colour theme the workbench shows (its `vs` / `vs-dark` class). */
async function themeKind(page: Page): Promise<'light' | 'dark'> {
  return (await page
    .locator('.monaco-workbench')
    .first()
    .evaluate((e) => e.classList.contains('vs-dark') || e.classList.contains('hc-black')))
    ? 'dark'
    : 'light';
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const { workbench: wb } = await Workbench.launch();
  const page = wb.page;
  try {
    await page.setViewportSize({ width: 1400, height: 860 });

    // 1. Hover.
    await wb.openFile('services/web-svc.yaml');
    await wb.hover(
      /^\s*targetPort:\s*http\s*$/,
      'http',
      (t) => t.includes('containerPort') && t.includes('Deployment web'),
      'the targetPort hover',
    );
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    const hoverEditor = await editorTop(wb, 640, 17);
    await shoot(page, 'hover.png', around(page, [hoverEditor, await box(hover)], hoverEditor.y));
    await page.keyboard.press('Escape');

    // 2. Problems, as wide as the window (no side bar), so messages are not cut.
    await page.keyboard.press('Control+B');
    await wb.waitForProblems(
      'the service-target-port-not-found problem of services/api-svc.yaml',
      (gs) =>
        gs.some((g) => g.file.includes('api-svc.yaml') && g.markers.some((m) => m.includes('service-target-port-not-found'))) || undefined,
    );
    const panel = page.locator('.part.panel').first();
    const p = await box(panel);
    await shoot(page, 'problems.png', { x: p.x, y: p.y, width: p.width, height: Math.min(p.height, 120) });

    // 3. The quick-fix menu, shown and left unapplied.
    await wb.openFile('services/api-svc.yaml');
    await wb.clickText(/^\s*targetPort:\s*9090\s*$/, '9090');
    await page.keyboard.press('Control+.');
    const menu = page
      .locator('.action-widget')
      .filter({ has: page.locator('.monaco-list-row') })
      .first();
    await menu.locator('.monaco-list-row.action').filter({ hasText: '8080' }).first().waitFor({ state: 'visible' });
    const fixEditor = await editorTop(wb, 560, 16);
    await shoot(page, 'quick-fix.png', around(page, [fixEditor, await box(menu)], fixEditor.y));
    await page.keyboard.press('Escape');

    // 4. The traffic-path panel, from the code lens, given the whole window.
    await wb.openFile('services/web-svc.yaml');
    const lens = wb.codeLens('Show traffic path');
    await lens.waitFor({ state: 'visible' });
    await lens.click();
    await wb.webviewFrame('podpath: web');
    await page.keyboard.press('Control+J'); // the bottom panel away
    await page.locator('.tab').filter({ hasText: 'podpath: web' }).first().click();
    await wb.runCommand('View: Toggle Maximize Editor Group');
    const frame = await wb.webviewFrame('podpath: web');
    await waitUntil(page, 'the path to show 30080 and nginx', async () => {
      const t = (await frame.locator('svg text').allTextContents()).join(' ');
      return t.includes('30080') && t.includes('nginx');
    });
    // The graph is wide, and the panel never shrinks labels below 11 px: a wide, low window
    // shows the whole path at a readable size without bands of empty space.
    await page.setViewportSize({ width: 2560, height: 640 });
    await frame.getByRole('button', { name: 'Fit' }).click();
    const fitted = await readPanel(await wb.webviewFrame('podpath: web'));
    if (fitted.hidden)
      throw new Error(`the picture would cut the path: the panel (${fitted.width}×${fitted.height} px) says "${fitted.hint}"`);
    const group = page.locator('.editor-group-container.active').first();
    const themes: string[] = [];
    const backgrounds: string[] = [];
    const panelBackground = async (): Promise<string> =>
      (await wb.webviewFrame('podpath: web')).evaluate(() => getComputedStyle(document.body).backgroundColor).catch(() => '');
    for (let i = 0; i < 2; i++) {
      const theme = await themeKind(page);
      // The panel takes the theme's colours as it changes: wait until it is drawn on another background.
      const background = await waitUntil(page, `the panel drawn in the ${theme} theme`, async () => {
        const b = await panelBackground();
        return b !== '' && !backgrounds.includes(b) ? b : false;
      });
      await shoot(page, `traffic-path-${theme}.png`, await box(group));
      themes.push(theme);
      backgrounds.push(background);
      if (i === 0) {
        await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
        await waitUntil(page, 'the workbench in the other theme', async () => (await themeKind(page)) !== theme);
      }
    }
    if (themes.sort().join() !== 'dark,light') throw new Error(`expected a light and a dark picture, took ${themes.join(', ')}`);
  } catch (e) {
    // What the window showed when it went wrong, beside the e2e suite's step pictures.
    await page.screenshot({ path: join(resultsDir, 'screenshots-failed.png') }).catch(() => undefined);
    throw e;
  } finally {
    await wb.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[screenshots] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
