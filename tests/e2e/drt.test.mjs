// The DRT panel of the impedance workspace: computed in the page worker on
// demand for the shown spectrum (pyDRTtools' own example), drawn against τ
// with its peaks, λ and how it was chosen, the spectrum it implies drawn on
// the Nyquist plot, exported as CSV and SVG; a spectrum without relaxation
// says why in one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, until, fixtures } from './harness.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-drt-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const example = path.join(fixtures, 'pyDRTtools/data_1.csv');
const row = (page) => page.textContent('#o-zdrt .value');

test('the DRT of pyDRTtools’ example: peaks, λ by GCV or the L-curve, the implied spectrum, exports', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  await page.setInputFiles('#file', example);
  await until(page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  assert.equal(await page.$('#svg-drt svg'), null, 'the DRT waits to be asked for');
  await page.click('#drt-run');
  await until(page, () => document.querySelector('#svg-drt svg'), undefined, 30000);
  const text = await row(page);
  // The L-curve by default: on this example GCV sits at the bottom of its range.
  assert.match(text, /λ = [^b]+ by the L-curve corner/);
  const peaks = [...text.matchAll(/τ = ([\d.]+) (s|ms|µs) \(f = ([\d.e+-]+) Hz/g)];
  assert.ok(peaks.length >= 1, text);
  // Each peak's τ and f agree: f = 1/(2πτ).
  const scale = { s: 1, ms: 1e-3, 'µs': 1e-6 };
  for (const [, tau, unit, f] of peaks) {
    const t = Number(tau) * scale[unit];
    assert.ok(Math.abs(Math.log10(2 * Math.PI * t * Number(f))) < 0.01, `${tau} ${unit} vs ${f} Hz`);
  }
  const svg = await page.innerHTML('#svg-drt');
  assert.match(svg, /τ \/ s/);
  assert.match(svg, /R = [\d.]+ Ω/, 'peaks are marked with their resistance');
  assert.match(await page.innerHTML('#svg-nyquist'), /DRT’s spectrum/);
  // Exports: the curve as CSV, the figure as SVG.
  const grab = async (kind) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`#p-drt button[data-export=${kind}]`),
    ]);
    return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path()).toString() };
  };
  const csv = await grab('csv');
  assert.equal(csv.name, 'ionpath-drt.csv');
  const lines = csv.text.trim().split('\n');
  assert.match(lines[0], /τ/);
  assert.ok(lines.length > 100, `${lines.length} lines`);
  const exported = await grab('svg');
  assert.match(exported.text, /^<svg[\s\S]*<\/svg>$/);
  // GCV's λ.
  await page.selectOption('#ch-drtl', 'gcv');
  await page.click('#drt-run');
  await until(page, () => /by generalised cross-validation/.test(document.querySelector('#o-zdrt .value')?.textContent ?? ''), undefined, 30000);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a spectrum without relaxation gets no DRT and one line saying why', async () => {
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  for (let k = 0; k <= 30; k++) {
    const f = 10 ** (6 - k * 5 / 30);
    lines.push(`${f},5,${2 * Math.PI * f * 1e-6}`); // 5 Ω and 1 µH: inductive everywhere
  }
  const file = path.join(tmp, 'coil.csv');
  fs.writeFileSync(file, lines.join('\n'));
  const { context, page } = await open(browser, `${server.url}?tab=impedance`);
  await page.setInputFiles('#file', file);
  await until(page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  await page.click('#drt-run');
  await until(page, () => /No DRT/.test(document.querySelector('#p-drt')?.textContent ?? ''), undefined, 30000);
  const why = await page.textContent('#p-drt');
  assert.match(why, /inductive/);
  await context.close();
});
