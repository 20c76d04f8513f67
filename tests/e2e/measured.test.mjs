// Measured data on the design side: rate points fitted to Eq. 19 and (ε, τ)
// points to Bruggeman in the page, drawn on their plots, the fits handed to
// the inputs; the capacity's range over the given uncertainties; any input
// swept into a CSV table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, open, output, parseShown, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Eq. 19 by hand for Kato et al.'s default cell with the cathode's σ_eff = `sigma` S/cm, at `ma` mA/cm², mAh/cm². */
function eq19(sigma, ma) {
  const rhoC = 1 / (0.61 / 5.05 + 0.03 / 2 + 0.36 / 2);
  const qC = 0.61 * rhoC * 137 * 3.6;
  const rhoA = 1 / (0.46 / 2.27 + 0.54 / 2);
  const qA = 0.46 * rhoA * 370 * 3.6;
  const sigmaA = 0.54 / 2 * rhoA * 1.22e-3 / 3.32;
  const k = 1 / (1 / (qC * sigma) + 1 / (qA * sigmaA));
  const i = ma / 1000;
  return k * (4.1 - 0.1 - 2.5 - 8 * i) / i / 3.6;
}

test('rate points are fitted to Eq. 19, drawn, and their τ handed to the design', async () => {
  const { context, page, problems } = await open(browser, server.url);
  // Points made with σ_eff = 0.5 mS/cm at currents where the cathode is not full.
  const points = [8, 12, 20, 30].map((ma) => `${ma}, ${eq19(5e-4, ma).toFixed(6)}`);
  await page.fill('#m-rate', ['current (mA/cm²), capacity (mAh/cm²)', ...points].join('\n'));
  await until(page, () => document.querySelector('#o-rsig .value')?.textContent.length > 0);
  assert.ok(Math.abs(parseShown(await output(page, 'rsig')) - 0.5) < 0.001, await output(page, 'rsig'));
  assert.match(await output(page, 'rsig'), /95 %: [\d.]+ to [\d.]+/);
  // τ = ε·σ_i/σ_eff with the design's ε and σ_i.
  const eps = 18 / (61 / 5.05 + 18 + 1.5);
  const tau = eps * 3.16 / 0.5;
  assert.ok(Math.abs(parseShown(await output(page, 'rtau')) - tau) < 0.01, await output(page, 'rtau'));
  await until(page, () => /your data/.test(document.querySelector('#svg-capacity').innerHTML));
  assert.match(await page.innerHTML('#svg-capacity'), /Eq\. 19 fitted to your data/);
  await page.click('#use-rate');
  await until(page, () => Math.abs(Number(document.querySelector('#in-tau').value) - 3.602) < 0.01);
  assert.match(await page.textContent('#notices'), /from your rate data is now the cathode's measured τ/);
  // A bad line is named, and its points are dropped.
  await page.fill('#m-rate', '1, 2\n3; x\n');
  await until(page, () => /line 2/.test(document.querySelector('#m-rate-msg').textContent));
  // The message is written at once, the rows at the next render.
  await until(page, () => document.querySelector('#o-rsig:not([hidden])') === null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('(ε, τ) points are fitted to Bruggeman from a file and drawn on the τ plot', async () => {
  const { context, page, problems } = await open(browser, server.url);
  // In memory: Chromium reads a file given by path only when the page reads it.
  const text = 'epsilon;tau\n0,2;' + (1.2 * 0.2 ** -0.7).toFixed(8).replace('.', ',')
    + '\n0,4;' + (1.2 * 0.4 ** -0.7).toFixed(8).replace('.', ',')
    + '\n0,6;' + (1.2 * 0.6 ** -0.7).toFixed(8).replace('.', ',') + '\n';
  await page.setInputFiles('#m-tau-file', { name: 'tau.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await until(page, () => document.querySelector('#o-balpha .value')?.textContent.length > 0);
  assert.ok(Math.abs(parseShown(await output(page, 'balpha')) - 0.7) < 1e-3);
  assert.ok(Math.abs(parseShown(await output(page, 'bk')) - 1.2) < 1e-3);
  assert.match(await page.inputValue('#m-tau'), /^epsilon;tau/);
  await until(page, () => /your \(ε, τ\) points/.test(document.querySelector('#svg-tau').innerHTML));
  await page.click('#use-tau');
  await until(page, () => document.querySelector('#ch-taum').value === 'bruggeman');
  assert.equal(await page.inputValue('#in-alpha'), '0.7');
  assert.deepEqual(problems, []);
  await context.close();
});

test('uncertainties give the delivered capacity a range, and ε is an input', async () => {
  const { context, page, problems } = await open(browser, server.url + '?anode=li&th=2000&sig=1');
  await until(page, () => document.querySelector('#o-cap .value')?.textContent.length > 0);
  const c = parseShown(await output(page, 'cap'));
  await page.fill('#in-usig', '10');
  await until(page, () => document.querySelector('#o-capint .value')?.textContent.length > 0);
  // Half cell, ohmic: C ∝ σ_i, so ±10 % on σ_i is ±10 % on C.
  const [lo, hi] = (await output(page, 'capint')).split(' to ').map(parseShown);
  assert.ok(Math.abs(lo / c - 0.9) < 0.002 && Math.abs(hi / c - 1.1) < 0.002, `${lo} ${hi} ${c}`);
  assert.match(await page.textContent('#o-capint'), /σ_i ± 10/);
  await until(page, () => /ip-band/.test(document.querySelector('#svg-capacity').innerHTML));
  // ε typed: the SE's share follows, the porosity stays.
  await page.fill('#in-eps', '0.4');
  await until(page, () => Math.abs(parseFloat(document.querySelector('#o-eps .value').textContent) - 0.4) < 1e-6);
  assert.notEqual(await page.inputValue('#in-se'), '36');
  assert.equal(await page.inputValue('#in-por'), '0');
  assert.deepEqual(problems, []);
  await context.close();
});

test('any input is swept into a CSV table', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await page.click('#sweep summary');
  await page.selectOption('#sweep-input', 'th');
  await page.fill('#sweep-from', '100');
  await page.fill('#sweep-to', '600');
  await page.fill('#sweep-n', '6');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sweep-csv')]);
  assert.equal(download.suggestedFilename(), 'ionpath-sweep-th.csv');
  const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(lines.length, 7);
  assert.match(lines[0], /^th_µm,epsilon,/);
  const col = lines[0].split(',').indexOf('areal_capacity_mah_per_cm2');
  const areal = lines.slice(1).map((l) => Number(l.split(',')[col]));
  areal.forEach((a, k) => assert.ok(Math.abs(a / areal[0] - (k + 1)) < 1e-9, lines.join('\n')));
  // A bad end says why.
  await page.fill('#sweep-to', '1e9');
  await page.click('#sweep-csv');
  await until(page, () => /out of range/.test(document.querySelector('#sweep-msg').textContent));
  assert.deepEqual(problems, []);
  await context.close();
});
