// The profile of R_ion under the parameter table (issue 16): a noisy
// spectrum made here from MODELS.md's closed form is fitted, and the small
// plot shows the profile with the threshold and the interval's ends — the
// ends the table prints; with R_bulk free in the electron–electron layout
// R_ion's interval is open below, and the plot says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, parseShown, until } from './harness.mjs';
import { ionIon } from './tlm.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-e2e-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

/** 1 % complex Gaussian noise from a seeded generator (Box–Muller). */
function noisy(seed) {
  let s = seed >>> 0;
  const uniform = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return (s + 0.5) / 2 ** 32; };
  return (z) => {
    const r = 0.01 * Math.hypot(z.re, z.im);
    const g = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    return { re: z.re + r * g(), im: z.im + r * g() };
  };
}

/** A spectrum file of `terminal` (the rail at the SE) and `other` rails. */
function writeSpectrum(name, rb, terminal, other, seed) {
  const noise = noisy(seed);
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  for (let k = 0; k <= 60; k++) {
    const f = 10 ** (6 - k * 7 / 60); // 1 MHz … 0.1 Hz
    const z = noise(ionIon(f, rb, terminal, other, 1e-5));
    lines.push(`${f},${z.re},${z.im}`);
  }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

async function fitted(query, file) {
  const opened = await open(browser, `${server.url}?tab=impedance&zmode=fit&zmodel=line&${query}`);
  await opened.page.setInputFiles('#file', file);
  await until(opened.page, () => document.querySelector('#svg-profile svg') !== null, undefined, 30000);
  return opened;
}

test('the profile of R_ion is drawn under the table with its threshold and the ends the table gives', async () => {
  const { context, page, problems } = await fitted('layout=ion-ion&iface=c&rbulk=fixed&zrb=10', writeSpectrum('ionion.csv', 10, 100, 30, 7));
  const svg = await page.$('#svg-profile svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await page.textContent('#svg-profile svg title'), /Profile of R_ion/);
  assert.match(await page.textContent('#svg-profile svg desc'), /R_ion/);
  const text = await page.$$eval('#svg-profile svg text', (ts) => ts.map((t) => t.textContent).join('\n'));
  assert.match(text, /95 %: F = 3\.9/);
  // The ends marked are the table's interval (lo … hi) to the 3 digits drawn.
  const rIonRow = await page.$$eval('#ptable tr', (trs) => trs.map((tr) => tr.innerText).find((t) => t.startsWith('r_ion')));
  const [lo, hi] = rIonRow.split('\t')[2].split(' … ').map(parseShown);
  const end = (side) => parseShown(text.match(new RegExp(`${side} end ([0-9.]+)`))[1]);
  assert.ok(Math.abs(end('lower') / lo - 1) < 0.005, `${end('lower')} vs ${lo}`);
  assert.ok(Math.abs(end('upper') / hi - 1) < 0.005, `${end('upper')} vs ${hi}`);
  assert.ok(lo < 100 * 1.05 && hi > 100 * 0.95, rIonRow);
  // Under the parameter table, visible.
  const table = await page.$eval('#ptable', (e) => e.getBoundingClientRect().bottom);
  const plot = await page.$eval('#plots-profile', (e) => e.getBoundingClientRect());
  assert.ok(plot.top >= table - 1 && plot.height > 100, JSON.stringify(plot));
  const small = await page.$$eval('#svg-profile svg [font-size]', (es) => es.map((e) => Number(e.getAttribute('font-size'))).filter((s) => s < 11));
  assert.deepEqual(small, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an open interval (electron–electron, R_bulk free) is marked as unbounded', async () => {
  // Electron–electron: the electronic rail (100 Ω) is the terminal one.
  const { context, page, problems } = await fitted('layout=electron-electron&iface=c&rbulk=free', writeSpectrum('elel.csv', 5, 100, 20, 11));
  const text = await page.$$eval('#svg-profile svg text', (ts) => ts.map((t) => t.textContent).join('\n'));
  assert.match(text, /no lower bound within 10⁶×/);
  assert.deepEqual(problems, []);
  await context.close();
});
