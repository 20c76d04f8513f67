// The installable, offline page: the generated service worker precaches the
// build, the page works offline after one visit, from / and from a
// sub-path, and a new build is offered with "reload to update".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist, serve, launch, open, output, parseShown, slide, until } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await until(page, () => navigator.serviceWorker.controller !== null, undefined, 15000);
}

/** Halves the thickness and checks the areal capacity q_c·L halves too. */
async function useCalculator(page) {
  await until(page, () => document.querySelector('#o-areal .value')?.textContent.length > 0);
  const shown = await output(page, 'areal');
  const areal = parseShown(shown);
  const th = Number(await page.inputValue('#in-th'));
  await slide(page, 'th', th / 2);
  await until(page, (a) => document.querySelector('#o-areal .value').textContent.trim() !== a, shown);
  assert.ok(Math.abs(parseShown(await output(page, 'areal')) - areal / 2) < 0.02 * areal);
}

test('the precache list is every built file, generated at build time', () => {
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
  const list = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
  const built = fs.readdirSync(dist, { recursive: true })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => fs.statSync(path.join(dist, f)).isFile() && f !== 'sw.js' && f !== 'index.html')
    .map((f) => `./${f}`);
  assert.deepEqual(new Set(list), new Set(['./', ...built]));
  // Hashed names (trunk drops leading zeros of the hash): the wasm and the stylesheet.
  assert.ok(list.some((f) => /^\.\/ionpath-[0-9a-f]+_bg\.wasm$/.test(f)), list.join(' '));
  assert.ok(list.some((f) => /^\.\/style-[0-9a-f]+\.css$/.test(f)));
});

test('the manifest names the app and its icons are PNGs of the stated sizes', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.short_name, 'ionpath');
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512'));
  for (const icon of manifest.icons) {
    const png = fs.readFileSync(path.join(dist, icon.src));
    // PNG signature, then IHDR: width and height as big-endian u32 at 16 and 20.
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes, icon.src);
  }
});

test('after one visit the page reloads and computes with the network off', async () => {
  const server = await serve();
  const { context, page, problems } = await open(browser, server.url);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await useCalculator(page);
  // A permalink (another query) opens offline too.
  await page.goto(`${server.url}?th=200`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  assert.equal(await page.inputValue('#in-th'), '200');
  // Other pages of the site are not answered with ionpath's page.
  await assert.rejects(page.goto(`${server.url}elsewhere/page.html`), /ERR_INTERNET_DISCONNECTED/);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
  await server.close();
});

test('the same dist works under a sub-path, online and offline', async () => {
  const server = await serve(dist, { base: '/suppl/ionpath/' });
  assert.match(server.url, /\/suppl\/ionpath\/$/);
  const { context, page, problems } = await open(browser, server.url);
  await useCalculator(page);
  await controlled(page);
  const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope));
  assert.equal(scope, server.url);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await useCalculator(page);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('a new build is announced, and reloading onto it drops the old cache', async () => {
  let next = false;
  // The "new build": the same files with another version in sw.js.
  const server = await serve(dist, {
    rewrite: (name, bytes) => (next && name === 'sw.js'
      ? Buffer.from(bytes.toString().replace(/const VERSION = '[0-9a-f]+'/, "const VERSION = 'next'"))
      : bytes),
  });
  const { context, page, problems } = await open(browser, server.url);
  await controlled(page);
  const first = await page.evaluate(() => caches.keys());
  assert.equal(first.length, 1);
  assert.equal(await page.$('#update'), null);
  next = true;
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForSelector('#update button', { timeout: 15000 });
  assert.match(await page.textContent('#update'), /new version/);
  await Promise.all([page.waitForEvent('load', { timeout: 15000 }), page.click('#update button')]);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await until(page, () => caches.keys().then((k) => k.length === 1 && k[0] === 'ionpath-next'), undefined, 10000);
  assert.equal(await page.$('#update'), null);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});
