// Renders the page's icons (www/icons/*.png) from the SVG sources with
// Debian's Chromium (playwright-core); run by hand when an icon changes:
//   node scripts/gen-icons.mjs
// any: www/icon.svg (rounded, transparent corners); maskable and the
// apple-touch icon: www/icon-maskable.svg (full bleed, the mark inside the
// central 80 % safe zone).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const icons = [
  ['www/icon.svg', 192, 'icon-192.png'],
  ['www/icon.svg', 512, 'icon-512.png'],
  ['www/icon-maskable.svg', 192, 'maskable-192.png'],
  ['www/icon-maskable.svg', 512, 'maskable-512.png'],
  ['www/icon-maskable.svg', 180, 'apple-touch-icon.png'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  for (const [source, size, out] of icons) {
    const svg = fs.readFileSync(path.join(root, source), 'utf8')
      .replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
    await page.screenshot({ path: path.join(root, 'www/icons', out), omitBackground: true });
    console.log(`www/icons/${out} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
