// Shared helpers for the browser tests: a static server for dist/ on
// 127.0.0.1 (free port) and Debian's Chromium driven by playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
export const fixtures = fs.existsSync(path.join(root, '../shared/fixtures/eis'))
  ? path.join(root, '../shared/fixtures/eis')
  : '/work/shared/fixtures/eis';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves dist/ on a free port; resolves to { url, close }. Options: `base`
 * serves it under a sub-path (e.g. '/suppl/ionpath/'; anything outside is
 * 404); `rewrite(name, buffer)` may replace a file's bytes (e.g. a new sw.js).
 */
export function serve(dir = dist, { base = '/', rewrite } = {}) {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!pathname.startsWith(base)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const inner = pathname.slice(base.length - 1);
    let file = path.join(dir, inner === '/' ? 'index.html' : inner);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(dir, 'index.html');
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    if (rewrite) {
      res.end(rewrite(path.relative(dir, file), fs.readFileSync(file)));
    } else {
      fs.createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${base}`, port, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Launches headless Chromium (Debian's, never a downloaded one). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-gpu'],
  });
}

/**
 * Opens the page at `url` in a fresh context; collects console errors,
 * page errors and requests to other hosts in `problems`.
 */
export async function open(browser, url) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request to ${r.url()}`); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { context, page, problems };
}

/** Text of output row `id` (the value only). */
export async function output(page, id) {
  return (await page.textContent(`#o-${id} .value`))?.trim();
}

/** Parses a number as the page prints it ("1.5 × 10⁻⁵", "−2", "13.2 mAh/cm²"). */
export function parseShown(text) {
  const sup = { '⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9 };
  const t = text.replace(/\u202f.*$/, '').replace(/−/g, '-').trim();
  const m = t.match(/^(-?[\d.]+)(?: × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?/);
  if (!m) return NaN;
  let value = Number(m[1]);
  if (m[2]) {
    const neg = m[2].startsWith('⁻');
    const digits = [...m[2].replace('⁻', '')].map((c) => sup[c]).join('');
    value *= 10 ** ((neg ? -1 : 1) * Number(digits));
  }
  return value;
}

/** Sets a range input to `value` the way a user's drag does (input event). */
export async function slide(page, key, value) {
  await page.$eval(`#sl-${key}`, (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** Ends a drag of a range input: the user lets go (change event). */
export async function release(page, key) {
  await page.$eval(`#sl-${key}`, (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
}

/** Waits until `fn` (run in the page) returns truthy. */
export async function until(page, fn, arg, timeout = 5000) {
  await page.waitForFunction(fn, arg, { timeout });
}

/** Waits for "Fitted n of n" and the complete answer's table: the status is
 * written as the answer arrives, the table at the next frame. */
export async function untilFitted(page, n) {
  await until(page, (re) => new RegExp(re).test(document.querySelector('#file-status').textContent)
    && document.querySelectorAll('#ptable tr').length > 1
    && !document.querySelector('#ptable').textContent.includes('being computed'), `Fitted ${n} of ${n}\\.`, 60000);
}

/** Resolves once the page has rendered what it was asked to: two animation frames, then a task. */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }));
}

/**
 * Waits until the discharge model's results are up to date with the
 * inputs (computed in the page worker after any change) and on screen, or
 * the model has said why it cannot run for them, or is not shown.
 */
export async function settled(page, timeout = 60000) {
  await page.waitForFunction(() => {
    const row = document.querySelector('#o-dstate');
    const state = row?.querySelector('.value')?.textContent ?? '';
    // A design the workspace refuses has no model rows (the row is hidden).
    const shown = row && !row.hidden;
    // Plots drawn for the first time get a frame each after the render.
    const drawn = !document.body.hasAttribute('data-plots-pending');
    return drawn && document.body.dataset.discharge === 'idle' && (!shown || (state !== '' && !state.startsWith('computing')));
  }, undefined, { timeout });
}
