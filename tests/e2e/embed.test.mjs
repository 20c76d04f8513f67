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
  await page.click('#embed-code summary');
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

/**
 * Eq. 8 (ion–electron line, R_e = 0) in closed form, independent of ionpath:
 * with a = √(R_ion·ω·C/2) and b = √(R_ion/(2ω·C)),
 * Z = R_bulk + b·[(sinh 2a − sin 2a) − i·(sinh 2a + sin 2a)] / (cosh 2a − cos 2a).
 */
function eq8(rBulk, rIon, c, fHz) {
  const w = 2 * Math.PI * fHz;
  const a = Math.sqrt(rIon * w * c / 2);
  const b = Math.sqrt(rIon / (2 * w * c));
  const d = Math.cosh(2 * a) - Math.cos(2 * a);
  return [rBulk + b * (Math.sinh(2 * a) - Math.sin(2 * a)) / d, -b * (Math.sinh(2 * a) + Math.sin(2 * a)) / d];
}

test('api.js fits a spectrum for a host page on another origin', async () => {
  // 10 mHz – 1 MHz, 6 per decade, of R_bulk = 8 Ω, R_ion = 240 Ω, C_dl = 5 µF.
  const freq = Array.from({ length: 49 }, (_, k) => 10 ** (-2 + k / 6));
  const z = freq.map((f) => eq8(8, 240, 5e-6, f));
  const input = {
    freq_hz: freq, z_re_ohm: z.map((p) => p[0]), z_im_ohm: z.map((p) => p[1]),
    layout: 'ion-electron', fix: { r_e: 0 },
    geometry: { thickness_cm: 0.012, area_cm2: 0.785, epsilon: 0.35, sigma_i_s_per_cm: 2.5e-3 },
  };
  const apiUrl = `${app.url}api.js`;
  hostHtml = `<!doctype html><title>host</title><script type="module">
    import * as ionpath from '${apiUrl}';
    const out = {};
    out.fit = await ionpath.fit(${JSON.stringify(input)});
    try { await ionpath.fit({ ...${JSON.stringify(input)}, fixx: {} }); }
    catch (e) { out.unknown = e.message; }
    try { await ionpath.fit({ ...${JSON.stringify(input)}, geometry: { thickness_cm: 0.01 } }); }
    catch (e) { out.missing = e.message; }
    window.out = out;
  </script>`;
  const context = await browser.newContext();
  const page = await context.newPage();
  // ionpath's origin serves its files with CORS, as docs/EMBEDDING.md asks of a cross-origin host.
  await page.route(`${app.url}**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hostUrl());
  assert.notEqual(new URL(hostUrl()).origin, new URL(app.url).origin);
  await until(page, () => window.out !== undefined, undefined, 30000);
  const out = await page.evaluate(() => window.out);
  assert.deepEqual(errors, []);
  const p = Object.fromEntries(out.fit.params.map((q) => [q.name, q]));
  assert.ok(Math.abs(p.r_ion.value - 240) < 0.01 * 240, JSON.stringify(p.r_ion));
  assert.ok(Math.abs(p.r_bulk.value - 8) < 0.01 * 8, JSON.stringify(p.r_bulk));
  assert.ok(Math.abs(p.c_dl.value - 5e-6) < 0.01 * 5e-6, JSON.stringify(p.c_dl));
  assert.equal(p.r_e.fixed, true);
  assert.equal(p.r_ion.determined, true);
  assert.equal(p.r_ion.reason, null);
  assert.ok(p.r_ion.ci95[0] <= p.r_ion.value && p.r_ion.value <= p.r_ion.ci95[1]);
  assert.equal(out.fit.points, 49);
  assert.equal(out.fit.converged, true);
  assert.ok(out.fit.chi2 < 1e-8 && typeof out.fit.stop_reason === 'string');
  // Eq. 3: σ_eff = L/(R_ion·A) = 0.012/(240·0.785) = 6.369e-5 S/cm; Eq. 17: τ = ε·σ_i/σ_eff = 13.74.
  const sigma = 0.012 / (240 * 0.785);
  assert.ok(Math.abs(out.fit.derived.sigma_eff_s_per_cm.value - sigma) < 0.01 * sigma);
  assert.ok(Math.abs(out.fit.derived.tortuosity.value - 0.35 * 2.5e-3 / sigma) < 0.01 * 0.35 * 2.5e-3 / sigma);
  assert.match(out.unknown, /fixx/);
  assert.match(out.missing, /geometry: missing field `area_cm2`/);
  await context.close();
});

test('every embed shows its figure first, whole, in a 600×400 and a 400×300 frame', async () => {
  const views = ['design', 'capacity-plot', 'utilisation-plot', 'tau-plot', 'impedance', 'nyquist-plot', 'bode-plot'];
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  for (const [width, height] of [[600, 400], [400, 300]]) {
    for (const view of views) {
      hostHtml = hostPage(`<iframe src="${app.url}?embed=${view}" title="ionpath" width="${width}" height="${height}" style="border:0"></iframe>`);
      const frame = await embedded(page);
      const tab = view === 'impedance' || view.startsWith('nyquist') || view.startsWith('bode') ? 'impedance' : 'design';
      const plot = view.endsWith('-plot') ? `#svg-${view.replace('-plot', '')} svg` : `#dock-plot-${tab} svg`;
      await frame.waitForSelector(plot, { timeout: 10000 });
      // Laid out for its box, and the box inside the frame's first screen.
      await until(frame, (sel) => {
        const svg = document.querySelector(sel);
        return Math.abs(Number(svg.getAttribute('width')) - Math.max(160, svg.parentElement.clientWidth)) <= 1;
      }, plot);
      const box = await frame.$eval(plot, (svg) => {
        const r = svg.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: r.height, right: r.right, vh: innerHeight, vw: innerWidth,
          lines: svg.querySelectorAll('path.ip-line, path.ip-markers, canvas.ip-heatmap').length,
          scroll: document.documentElement.scrollWidth };
      });
      const where = `${view} at ${width}×${height}: ${JSON.stringify(box)}`;
      assert.ok(box.top >= 0 && box.bottom <= box.vh + 0.5, where);
      assert.ok(box.height >= 0.45 * box.vh, where);
      assert.ok(box.scroll <= box.vw, where);
      // A figure with something in it: the Nyquist plot draws the simulated line.
      assert.ok(box.lines > 0, where);
      // The inputs follow below it.
      if (view.endsWith('-plot')) {
        const inputs = await frame.$eval('main section:not([hidden]) .inputs', (e) => e.getBoundingClientRect().top);
        assert.ok(inputs >= box.bottom - 1, where);
      }
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
