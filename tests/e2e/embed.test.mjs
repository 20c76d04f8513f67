// Embedding: the page inside an iframe of another local origin (a second
// port) shows one figure with its controls and no site chrome, works without
// a service worker, and gives an embed code that reproduces it; the JS API
// (api.js) computes the models for a host page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { serve, launch, open, parseShown, until } from './harness.mjs';

let app, host, browser;
let hostHtml = '';
before(async () => {
  app = await serve();
  // The "other site": a page on a second port whose body the test sets.
  host = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostHtml);
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((r) => host?.close(r));
});

const hostUrl = () => `http://127.0.0.1:${host.address().port}/`;
const hostPage = (iframe) => `<!doctype html><html lang="en"><title>A review's supplement</title><h1>Supplement</h1>${iframe}</html>`;

/** Opens the host page and returns its ionpath frame once the page in it is ready. */
async function embedded(page) {
  await page.goto(hostUrl());
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return frame;
}

test('an embedded figure shows its controls, no chrome, fits its iframe and works', async () => {
  hostHtml = hostPage(`<iframe src="${app.url}?embed=capacity-plot&th=300" title="ionpath" width="640" height="600"></iframe>`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1')) problems.push(`request to ${r.url()}`); });
  const frame = await embedded(page);
  assert.notEqual(new URL(frame.url()).origin, new URL(hostUrl()).origin);
  assert.equal(await frame.isVisible('header.top'), false);
  assert.equal(await frame.isVisible('#models'), false);
  assert.equal(await frame.isVisible('#in-th'), true);
  await frame.waitForSelector('#svg-capacity svg');
  assert.equal(await frame.isVisible('#p-capacity'), true);
  assert.equal(await frame.isVisible('#p-tau'), false);
  assert.equal(await frame.inputValue('#in-th'), '300');
  // Sized to the iframe: nothing wider than its 640 px.
  assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  // No service worker in a cross-origin frame.
  assert.equal(await frame.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
  assert.equal(await frame.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
  // Using it: a thinner cathode redraws the figure; the frame's URL keeps the view.
  const svg = await frame.innerHTML('#svg-capacity');
  await frame.fill('#in-th', '150');
  await until(frame, (s) => document.querySelector('#svg-capacity').innerHTML !== s, svg);
  await until(frame, () => location.search.includes('th=150'));
  assert.match(frame.url(), /[?&]embed=capacity-plot&/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed code reproduces the view and inputs in another site', async () => {
  const { context, page } = await open(browser, `${app.url}?th=250&sig=2`);
  await page.selectOption('#embed-view', 'tau-plot');
  await page.click('#copy-embed');
  await until(page, () => document.querySelector('#embed-snippet').value.startsWith('<iframe'));
  const snippet = await page.inputValue('#embed-snippet');
  assert.match(snippet, new RegExp(`^<iframe src="${app.url.replace(/[.?]/g, '\\$&')}\\?embed=tau-plot&amp;`));
  assert.match(snippet, /&amp;th=250&amp;/);
  await context.close();

  hostHtml = hostPage(snippet);
  const other = await browser.newContext();
  const frame = await embedded(await other.newPage());
  assert.equal(await frame.getAttribute('body', 'data-embed'), 'tau-plot');
  assert.equal(await frame.inputValue('#in-th'), '250');
  assert.equal(await frame.inputValue('#in-sig'), '2');
  await frame.waitForSelector('#svg-tau svg');
  assert.equal(await frame.isVisible('#p-capacity'), false);
  await other.close();
});

test('a bad embed value is reported and the full page is shown', async () => {
  const { context, page, problems } = await open(browser, `${app.url}?embed=everything&th=200`);
  await until(page, () => document.querySelector('#notices')?.textContent.includes('embed'));
  assert.match(await page.textContent('#notices'), /ignored embed="everything"/);
  assert.equal(await page.isVisible('header.top'), true);
  assert.equal(await page.inputValue('#in-th'), '200');
  assert.deepEqual(problems, []);
  await context.close();
});

test('api.js computes the models for a host page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A host page on ionpath's origin (a cross-origin import needs CORS, see docs/EMBEDDING.md).
  await page.route(`${app.url}host.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><title>host</title><script type="module">
      import * as ionpath from './api.js';
      const out = {};
      out.ionIon = await ionpath.simulateTlm({ layout: 'ion-ion', r_ion_ohm: 80, r_e_ohm: 0, r_bulk_ohm: 20,
        c_dl_f: 1e-5, freq_hz: new Float64Array([1e-7, 1e9]) });
      out.ionElectron = await ionpath.simulateTlm({ layout: 'ion-electron', r_ion_ohm: 80, r_e_ohm: 0,
        c_dl_f: 1e-5, freq_hz: [0.001] });
      out.capacity = await ionpath.capacity({ cathode: { capacity_c_per_cm3: 360, sigma_eff_s_per_cm: 1e-4,
        thickness_cm: 0.1 }, u_c_v: 3.7, v_cutoff_v: 3.0, r0_ohm_cm2: 10, currents_a_per_cm2: [1e-3, 0.1] });
      try { await ionpath.simulateTlm({ layout: 'ion-ion', r_ion_ohm: 1, r_e_ohm: 0, c_dl: 1, freq_hz: [1] }); }
      catch (e) { out.error = e.message; }
      window.out = out;
    </script>`,
  }));
  await page.goto(`${app.url}host.html`);
  await until(page, () => window.out !== undefined, undefined, 15000);
  const out = await page.evaluate(() => window.out);
  // Electron blocking, R_e = 0: Z → R_bulk + R_ion at low f; at high f the
  // interface shorts the line and Z → R_bulk.
  assert.ok(Math.abs(out.ionIon.re_ohm[0] - 100) < 0.01, JSON.stringify(out.ionIon));
  assert.ok(Math.abs(out.ionIon.re_ohm[1] - 20) < 0.1);
  // Ion–electron (Eq. 8): Z ≈ R_ion/3 − i/(ωC) at low f: ω = 2π·1e-3, 1/(ωC) = 15915.5 Ω.
  assert.ok(Math.abs(out.ionElectron.re_ohm[0] - 80 / 3) < 0.01);
  assert.ok(Math.abs(out.ionElectron.im_ohm[0] + 1 / (2 * Math.PI * 1e-3 * 1e-5)) < 0.1);
  // Eq. 19 by hand: 360·1e-4·(0.7 − 10·1e-3)/1e-3 = 24.84 C/cm²; at 0.1 A/cm² R_0·i = 1 V > 0.7 V.
  assert.ok(Math.abs(out.capacity[0].capacity_c_per_cm2 - 24.84) < 1e-9);
  assert.equal(out.capacity[1].limit, 'none-delivered');
  assert.match(out.error, /c_dl/);
  await context.close();
});
