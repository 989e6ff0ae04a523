/**
 * Steps and waits of the e2e suite: `step(name, fn)` runs one step and leaves a screenshot
 * of the workbench in test-results/e2e/ whether it passes or fails (a failure names the step
 * and the screenshot); `waitUntil` polls a DOM-derived state on the browser's animation
 * frames, never sleeping for time.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { STATE_TIMEOUT, log, resultsDir } from './provision';

/** The page that step screenshots show (set by the workbench when it opens and closes). */
let currentPage: Page | undefined;
let stepCounter = 0;

export function setScreenshotPage(page: Page | undefined): void {
  currentPage = page;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** Saves a screenshot of the workbench as test-results/e2e/NN-<slug>.png; says where, or why not. */
async function screenshot(n: number, name: string): Promise<string> {
  if (!currentPage || currentPage.isClosed()) return 'no page to screenshot';
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${String(n).padStart(2, '0')}-${slug(name)}.png`);
  try {
    await currentPage.screenshot({ path: file, timeout: 15_000 });
    return `screenshot: ${file}`;
  } catch (err) {
    return `screenshot failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * Runs one named step of a scenario and leaves a screenshot of the workbench in
 * test-results/e2e/ either way; a failure is rethrown naming the step and its screenshot.
 */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const n = ++stepCounter;
  const started = Date.now();
  log(`step ${n}: ${name}`);
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const wrapped = new Error(`e2e step "${name}" failed: ${reason}\n  ${await screenshot(n, name)}`);
    if (err instanceof Error && err.stack) wrapped.stack = `${wrapped.message}\n  caused by: ${err.stack}`;
    throw wrapped;
  }
  const evidence = await screenshot(n, name);
  log(`step ${n} passed in ${((Date.now() - started) / 1000).toFixed(1)}s (${evidence})`);
  return result;
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
      throw new Error(
        `timed out after ${timeout / 1000}s waiting for ${what}${last === undefined ? '' : ` (last: ${JSON.stringify(last)})`}`,
      );
    }
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
  }
}
