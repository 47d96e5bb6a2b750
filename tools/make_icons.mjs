// Renders the web app manifest's PNG icons from assets/icon.svg with the project's own headless
// Chromium (no image tools needed). The PNGs are committed; run this again after changing the SVG.
//   node tools/make_icons.mjs
//     assets/icon-192.png, assets/icon-512.png   the icon as drawn (transparent corners)
//     assets/icon-maskable-512.png              full-bleed background, icon inside the 80% safe zone
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const assets = fileURLToPath(new URL('../assets/', import.meta.url));
const svg = readFileSync(join(assets, 'icon.svg'), 'utf8');
const svgUrl = 'data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64');
const BACKGROUND = '#1d2330';  // the SVG's own background square

const icons = [
  { file: 'icon-192.png', size: 192, inset: 0, background: 'transparent' },
  { file: 'icon-512.png', size: 512, inset: 0, background: 'transparent' },
  { file: 'icon-maskable-512.png', size: 512, inset: 0.1, background: BACKGROUND },
];

const userDataDir = mkdtempSync(join(tmpdir(), 'attune-icons-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.ATTUNE_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--force-device-scale-factor=1'],
});
try {
  const page = await context.newPage();
  for (const { file, size, inset, background } of icons) {
    await page.setViewportSize({ width: size, height: size });
    const pad = Math.round(size * inset);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:${background}">
      <img src="${svgUrl}" width="${size - 2 * pad}" height="${size - 2 * pad}" style="display:block;margin:${pad}px"></body></html>`);
    await page.waitForFunction(() => document.images[0].complete);
    await page.screenshot({ path: join(assets, file), omitBackground: background === 'transparent' });
    console.log(`assets/${file} (${size}x${size})`);
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
