// The temperature series of the impedance workspace: three spectra of the
// ion–ion line (MODELS.md's closed form, computed here) at 25, 50 and 75 °C
// named as the CLI reads them, R_ion(T) from E_A = 0.35 eV; the page's
// Arrhenius fit gives the E_A that `ionpath fit --arrhenius r_ion` gives
// on the same files; a typed temperature and the unit; CSV; fewer than
// three temperatures say what is missing; E_A goes to the design.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, until, dist } from './harness.mjs';
import { ionIon } from './tlm.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-series-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const K_B = 8.617333262e-5; // eV/K
const EA = 0.35;
/** R_ion(T) for σ ∝ exp(−E_A/k_BT)/T, 100 Ω at 25 °C. */
const rIon = (t) => 100 * (Math.exp(-EA / (K_B * 298.15)) / 298.15) / (Math.exp(-EA / (K_B * t)) / t);

/** The line's spectrum at `celsius` with a small deterministic ripple (so the fit has residuals). */
function writeSpectrum(name, celsius) {
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  const r = rIon(celsius + 273.15);
  for (let k = 0; k <= 60; k++) {
    const f = 10 ** (6 - k * 8 / 60);
    const z = ionIon(f, 10, r, 0.5, 1e-4);
    const ripple = 1 + 0.002 * Math.sin(1.7 * k + celsius);
    lines.push(`${f},${z.re * ripple},${z.im * ripple}`);
  }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

const query = '?tab=impedance&zmodel=line&layout=ion-ion&iface=c&zmode=fit&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1';

test('three temperatures from the file names give the CLI’s E_A, with the plot, the CSV and E_A for the design', async () => {
  const files = [['LPSC_25C.csv', 25], ['LPSC_50C.csv', 50], ['LPSC_75C.csv', 75]].map(([n, c]) => writeSpectrum(n, c));
  const cli = execFileSync('cargo', ['run', '--quiet', '--bin', 'ionpath', '--', 'fit', '--model', 'tlm',
    '--layout', 'ion-ion', '--interface', 'capacitor', '--fix', 'r_bulk=10', '--thickness-um', '100', '--area-cm2', '1', '--epsilon', '0.4', '--sigma-i-ms-per-cm', '1',
    '--arrhenius', 'r_ion', ...files], { cwd: path.dirname(dist), encoding: 'utf8' });
  const line = JSON.parse(cli.trim().split('\n').at(-1)).series;
  const eaCli = line.activation_energy_ev.value;
  assert.ok(Math.abs(eaCli - EA) < 0.01, `CLI E_A = ${eaCli}`);

  const { context, page, problems } = await open(browser, server.url + query);
  await page.setInputFiles('#file', files);
  await until(page, () => /Fitted 3 of 3\./.test(document.querySelector('#file-status').textContent), undefined, 90000);
  await page.click('#series summary');
  await until(page, () => /E_A =/.test(document.querySelector('#series-summary').textContent), undefined, 10000);
  const summary = await page.textContent('#series-summary');
  const m = summary.match(/E_A = ([\d.]+) ± ([\d.]+) eV \(95 %: ([\d.]+) … ([\d.]+)\)/);
  assert.ok(m, summary);
  const [ea, , lo, hi] = m.slice(1).map(Number);
  // The shown value is rounded to its error: within that rounding of the CLI's.
  assert.ok(Math.abs(ea - eaCli) <= Math.abs(ea) * 1e-3 + 5e-4, `page ${ea} vs CLI ${eaCli}`);
  // The interval is the CLI's (the ripple is no noise: it is narrow, so the
  // E_A put in is checked above to 0.01 eV; the native test checks the
  // interval against noisy spectra).
  assert.ok(lo <= eaCli && eaCli <= hi, `${eaCli} outside ${lo} … ${hi}`);
  // The temperatures read from the names, in °C, the rows by temperature
  // (whatever order the worker read the files in).
  const temps = await page.$$eval('#series-table input', (i) => i.map((x) => Number(x.value)));
  assert.deepEqual(temps, [25, 50, 75]);
  // The Arrhenius plot: three points, the fit line.
  const svg = await page.innerHTML('#svg-arrhenius');
  assert.match(svg, /1000\/T/);
  assert.match(svg, /E_A = /);
  // Kelvin.
  await page.selectOption('#ch-tunit', 'K');
  await until(page, () => [...document.querySelectorAll('#series-table input')].every((x) => Number(x.value) > 298));
  const kelvin = await page.$$eval('#series-table input', (i) => i.map((x) => Number(x.value)));
  assert.deepEqual(kelvin, [298.15, 323.15, 348.15]);
  // CSV of the series.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#series-csv')]);
  const csv = fs.readFileSync(await download.path()).toString().trim().split('\n');
  assert.equal(csv.length, 4);
  assert.match(csv[0], /temperature_k.*activation_energy_ev/);
  // E_A into the design workspace.
  await page.click('#series-use-ea');
  await until(page, () => !document.querySelector('#ws-design').hidden);
  const used = Number(await page.inputValue('#in-ea'));
  assert.ok(Math.abs(used - eaCli) < 0.005, `design E_A = ${used}`);
  assert.match(await page.textContent('#notices'), /^E_A = [\d.]+ eV from the temperature series is now the design's activation energy of σ_i$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a spectrum without a temperature is listed with why, and two temperatures say what is missing', async () => {
  const files = [writeSpectrum('run_25C.csv', 25), writeSpectrum('run_50C.csv', 50), writeSpectrum('pellet.csv', 75)];
  const { context, page } = await open(browser, server.url + query);
  await page.setInputFiles('#file', files);
  await until(page, () => /Fitted 3 of 3\./.test(document.querySelector('#file-status').textContent), undefined, 90000);
  await page.click('#series summary');
  await until(page, () => /No Arrhenius fit/.test(document.querySelector('#series-summary').textContent));
  assert.match(await page.textContent('#series-summary'), /3 or more temperatures/);
  assert.match(await page.textContent('#series-table'), /no temperature/);
  // The row without a temperature comes last, after 25 and 50 °C.
  const rows = () => page.$$eval('#series-table tr', (trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.querySelector('input').value]));
  assert.deepEqual((await rows()).map(([, t]) => t), ['25', '50', '']);
  assert.match((await rows())[2][0], /pellet/);
  // Typing it in completes the series, the row moved to its temperature;
  // typing into a row sets that row's spectrum.
  await page.fill('#series-table tr:has-text("pellet") input', '40');
  await page.press('#series-table tr:has-text("pellet") input', 'Tab');
  await until(page, () => /E_A =/.test(document.querySelector('#series-summary').textContent));
  const sorted = await rows();
  assert.deepEqual(sorted.map(([, t]) => t), ['25', '40', '50']);
  assert.match(sorted[1][0], /pellet/);
  await context.close();
});
