// Renders media/icon.svg to media/icon.png (256×256) with Debian's Chromium, headless:
//   node scripts/render-icon.mjs        (PODPATH_CHROMIUM overrides /usr/bin/chromium)
// The PNG is committed; run this only after changing the SVG.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const media = join(dirname(fileURLToPath(import.meta.url)), '..', 'media');
const svg = readFileSync(join(media, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.PODPATH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  await page.screenshot({ path: join(media, 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 256, height: 256 } });
} finally {
  await browser.close();
}
