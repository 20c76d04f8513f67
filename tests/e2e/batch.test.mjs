// Many spectra at once, off the main thread (issues 4 and 6): several files
// picked together (spectra made here from MODELS.md's ion–ion closed form
// with known R_ion, plus a real EC-Lab export) give one table row per
// spectrum and the same rows in the CSV; a one-million-row file is read in
// the page worker with a progress bar while the main thread stays free; a
// bad file still names itself and its line; without the worker the page
// does the same work itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, output, until, fixtures } from './harness.mjs';
import { ionIon } from './tlm.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-batch-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const QUERY = '?tab=impedance&layout=ion-ion&iface=c&zmode=fit&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1';

/** A 61-point ion–ion spectrum (R_b = 10 Ω, R_e = 0.5 Ω, C = 100 µF) with R_ion = `rIon`. */
function writeSpectrum(name, rIon) {
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  for (let k = 0; k <= 60; k++) {
    const f = 10 ** (6 - k * 8 / 60);
    const z = ionIon(f, 10, rIon, 0.5, 1e-4);
    lines.push(`${f},${z.re},${z.im}`);
  }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** RFC 4180 fields of every line (an independent reader for the export). */
function parseCsv(text) {
  const rows = []; let row = []; let field = ''; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  return rows;
}

/** Loops in an EC-Lab file: distinct values of its `cycle number` column. */
function ecLabLoops(file) {
  const lines = fs.readFileSync(file, 'latin1').split(/\r?\n/);
  const head = lines.findIndex((l) => l.startsWith('freq/Hz'));
  const col = lines[head].split('\t').indexOf('cycle number');
  return new Set(lines.slice(head + 1).filter((l) => l.trim()).map((l) => Number(l.split('\t')[col]))).size;
}

test('several files picked together: one row per spectrum, R_ion within 1 %, the CSV has the same rows', async () => {
  const truth = { 'cell A, dry.csv': 50, 'cell "B".csv': 100, 'cell C.csv': 400 };
  const files = Object.entries(truth).map(([name, r]) => writeSpectrum(name, r));
  const real = path.join(fixtures, 'impedance.py/exampleDataBioLogic.mpt');
  const rows = files.length + ecLabLoops(real);
  const { context, page, problems } = await open(browser, server.url + QUERY);
  await page.setInputFiles('#file', [...files, real]);
  await until(page, (n) => new RegExp(`Fitted ${n} of ${n}`).test(document.querySelector('#file-status').textContent), rows, 60000);
  await until(page, (n) => document.querySelectorAll('#batch-table tr[data-row]').length === n, rows);
  const cells = await page.$$eval('#batch-table tr[data-row]', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.deepEqual(cells.map((c) => c[0]).sort(), [...Object.keys(truth), 'exampleDataBioLogic.mpt'].sort());
  // The CSV download: the same rows, R_ion of the synthetic spectra within 1 %.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-csv')]);
  assert.equal(download.suggestedFilename(), 'ionpath-fits.csv');
  const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  const header = csv[0];
  for (const name of ['file', 'spectrum', 'r_ion_ohm', 'r_ion_stderr_ohm', 'sigma_eff_s_per_cm', 'tau']) {
    assert.ok(header.includes(name), `no column ${name}`);
  }
  const lines = csv.slice(1);
  assert.equal(lines.length, rows);
  assert.deepEqual(lines.map((l) => l[header.indexOf('file')]), cells.map((c) => c[0]));
  for (const [name, rIon] of Object.entries(truth)) {
    const line = lines.find((l) => l[header.indexOf('file')] === name);
    const fitted = Number(line[header.indexOf('r_ion_ohm')]);
    assert.ok(Math.abs(fitted - rIon) < 0.01 * rIon, `${name}: R_ion = ${fitted} Ω, truth ${rIon} Ω`);
    // Eq. 3 by hand: σ_eff = L/(R_ion·A) = 0.01 cm/(R_ion·1 cm²).
    const sigma = Number(line[header.indexOf('sigma_eff_s_per_cm')]);
    assert.ok(Math.abs(sigma - 0.01 / fitted) < 1e-9 * sigma, `${name}: σ_eff = ${sigma}`);
  }
  // A click on a row shows that spectrum.
  await page.click('#batch-table tr[data-row] button:text-is("cell C.csv")');
  await until(page, () => /cell C\.csv/.test(document.querySelector('#o-zfile .value')?.textContent));
  assert.ok(await page.$('#batch-table tr.selected button:text-is("cell C.csv")'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('twenty files picked together (sent to the worker a few per task): twenty rows, each R_ion within 1 %', async () => {
  const truth = Array.from({ length: 20 }, (_, k) => [`many${String(k).padStart(2, '0')}.csv`, 30 * 1.2 ** k]);
  const files = truth.map(([name, r]) => writeSpectrum(name, r));
  const { context, page, problems } = await open(browser, server.url + QUERY);
  await page.setInputFiles('#file', files);
  await until(page, () => /Fitted 20 of 20\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  // The table is rewritten at most a few times a second while the fits come
  // in: its last rewrite follows the last answer.
  await until(page, () => {
    const rows = [...document.querySelectorAll('#batch-table tr[data-row]')];
    return rows.length === 20 && rows.every((tr) => /^\d/.test(tr.cells[4].textContent.trim()));
  }, undefined, 10000);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-csv')]);
  const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  const header = csv[0];
  const lines = csv.slice(1);
  assert.deepEqual(lines.map((l) => l[header.indexOf('file')]).sort(), truth.map(([name]) => name).sort());
  for (const [name, rIon] of truth) {
    const fitted = Number(lines.find((l) => l[header.indexOf('file')] === name)[header.indexOf('r_ion_ohm')]);
    assert.ok(Math.abs(fitted - rIon) < 0.01 * rIon, `${name}: R_ion = ${fitted} Ω, truth ${rIon} Ω`);
  }
  assert.equal(await page.$$eval('#batch-table tr[data-row]', (trs) => trs.length), 20);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the impedance workspace starts its worker (the compute module) before any file is picked', async () => {
  const context = await browser.newContext();
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const page = await context.newPage();
  await page.goto(server.url + QUERY);
  await page.waitForSelector('body[data-ready="true"]');
  const compute = () => fetched.some((f) => /\/compute-[0-9a-f]+_bg\.wasm$/.test(f));
  for (let k = 0; k < 100 && !compute(); k++) await page.waitForTimeout(100);
  assert.ok(fetched.includes('/worker.js'), `worker.js not fetched: ${fetched.join(' ')}`);
  assert.ok(compute(), `the compute module not fetched within 10 s: ${fetched.join(' ')}`);
  await context.close();
});

test('a one-million-row file is read with a progress bar and no long main-thread task', async () => {
  const n = 1_000_000;
  const big = path.join(tmp, 'million.txt');
  const out = fs.openSync(big, 'w');
  let chunk = [];
  for (let k = 0; k < n; k++) {
    const f = 10 ** (6 - (k * 8) / (n - 1)); // distinct frequencies, 1 MHz … 10 mHz
    const z = ionIon(f, 10, 100, 0.5, 1e-4);
    chunk.push(`${f}\t${z.re}\t${z.im}`);
    if (chunk.length === 50000) { fs.writeSync(out, chunk.join('\n') + '\n'); chunk = []; }
  }
  fs.closeSync(out);
  assert.ok(fs.statSync(big).size > 30e6);
  const { context, page, problems } = await open(browser, server.url + QUERY);
  // Every main-thread task over 50 ms (Long Tasks API), from the pick on.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  await page.setInputFiles('#file', big);
  await until(page, () => !document.querySelector('#fit-progress').hidden
    && /Reading million\.txt/.test(document.querySelector('#file-status').textContent), undefined, 10000);
  await until(page, () => /1000000 points/.test(document.querySelector('#o-zfile .value')?.textContent ?? ''), undefined, 120000);
  // Two frames after the spectrum is on screen (its plots drawn, thinned).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
  const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
  assert.ok(longest < 200, `a main-thread task took ${longest} ms (all over 50 ms: ${await page.evaluate(() => window.longTasks.map(Math.round).join(", "))})`);
  assert.match(await page.textContent('#why-nyquist'), /1 point in \d+ drawn/);
  // The controls answer while the worker fits the million points: a new
  // interface choice reaches the URL (written after the next render).
  await page.selectOption('#ch-iface', 'cpe');
  await until(page, () => /iface=cpe/.test(window.location.search), undefined, 10000);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad file gives the reader\'s message with file and line', async () => {
  const { context, page, problems } = await open(browser, server.url + QUERY);
  const bad = path.join(tmp, 'notes.txt');
  fs.writeFileSync(bad, 'this is not a spectrum\n1,2\n');
  await page.setInputFiles('#file', bad);
  await until(page, () => document.querySelector('#file-status').classList.contains('bad'), undefined, 10000);
  assert.match(await page.textContent('#file-status'), /^Cannot use notes\.txt: .*notes\.txt.*line \d+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without the worker a file is refused in one line (the page wasm holds no reader or fit)', async () => {
  const context = await browser.newContext();
  await context.route('**/worker.js', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(server.url + QUERY);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#file', [writeSpectrum('w1.csv', 80)]);
  await until(page, () => /could not start the page worker/.test(document.body.innerText), undefined, 30000);
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!/NaN|Infinity|undefined/.test(text), 'NaN, Infinity or undefined on the page');
  await context.close();
});
