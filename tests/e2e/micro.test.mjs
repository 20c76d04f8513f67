// The microstructure workspace: its wasm module is fetched only when the
// workspace runs its first job; a small generated electrode is solved in the
// worker (τ per phase and axis, slices, metrics); its TIFF export loads back
// to the same τ; a job is cancelled and the next one runs; a bad file is
// named in one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, until } from './harness.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-e2e-micro-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

// 12 × 8 × 8 µm at 0.5 µm: a 24 × 16 × 16 electrode, solved in well under a second.
const small = '?tab=design&mlx=12&mlw=8&mh=0.5&mdam=3&mdsd=0.5&mdse=1&mdcb=0.5&mseed=7';
const micro = (f) => /\/micro-worker\.js$/.test(f);

/** The results table's rows (cells as text), header left out. */
const rows = (page) => page.$$eval('#micro-table tr', (trs) => trs.slice(1)
  .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));

/** Waits until the job under way has ended. */
const idle = (page, timeout = 60000) => until(page, () => document.querySelector('#micro-busy').hidden
  && document.querySelectorAll('#micro-table tr').length > 1, undefined, timeout);

test('the module loads with the first job; a generated electrode is solved per phase and axis', async () => {
  const { context, page, problems } = await open(browser, server.url + small);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const first = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert.deepEqual([...first, ...fetched].filter(micro), [], 'the first load started the microstructure worker');
  await page.click('#ch-tab-micro');
  await idle(page);
  assert.ok(fetched.some(micro), `micro-worker.js not fetched: ${fetched.join(' ')}`);
  // The compute module, fetched by the page worker or by micro-worker.js.
  assert.ok([...first, ...fetched].some((f) => /\/compute-[0-9a-f]+_bg\.wasm$/.test(f)), `compute module not fetched: ${fetched.join(' ')}`);
  const table = await rows(page);
  // Four phases (void, AM, SE, carbon) × three axes, each a τ ≥ 1 or "none".
  assert.equal(table.length, 12, JSON.stringify(table));
  for (const [, axis, tau, eps] of table) {
    assert.match(axis, /^[xyz]$/);
    assert.ok(/^none/.test(tau) || Number(tau) >= 1, `τ ${tau}`);
    assert.ok(Number(eps) > 0 && Number(eps) < 1, `ε ${eps}`);
  }
  const se = table.find(([phase, axis]) => /SE/.test(phase) && axis === 'x');
  assert.ok(Number(se[2]) > 1, `SE τ along x ${se[2]}`);
  // The SE's ε is the recipe's 35 % within the generator's ±0.01.
  assert.ok(Math.abs(Number(se[3]) - 0.35) <= 0.01, `SE ε ${se[3]}`);
  // Three slices drawn, with something on them.
  assert.ok(!(await page.$eval('#micro-slices', (e) => e.hidden)));
  const painted = await page.$$eval('#micro-slices canvas', (cs) => cs.map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return new Set(Array.from({ length: d.length / 4 }, (_, k) => d[4 * k])).size;
  }));
  assert.equal(painted.length, 3);
  assert.ok(painted.every((n) => n >= 2), `colours per slice ${painted}`);
  const text = await page.evaluate(() => document.querySelector('#ws-micro').innerText);
  assert.ok(!/NaN|Infinity|undefined/.test(text));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the TIFF export loads back to the same τ', async () => {
  const { context, page, problems } = await open(browser, `${server.url}${small}`.replace('tab=design', 'tab=micro'));
  await idle(page);
  const before = await rows(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#micro-tiff')]);
  const file = path.join(tmp, 'electrode.tif');
  await download.saveAs(file);
  assert.equal(fs.readFileSync(file).subarray(0, 4).toString('latin1'), 'II*\0');
  await page.setInputFiles('#micro-file', file);
  await until(page, () => /electrode\.tif/.test(document.querySelector('#ws-micro').innerText), undefined, 20000);
  await idle(page);
  const after = await rows(page);
  // Labels of a loaded file are numbers, the generated ones have names: compare by axis and τ.
  assert.deepEqual(after.map((r) => r.slice(1, 4)), before.map((r) => r.slice(1, 4)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed view of the workspace computes its electrode', async () => {
  const { context, page, problems } = await open(browser, `${server.url}${small}&embed=microstructure`);
  await idle(page);
  assert.equal(await page.getAttribute('body', 'data-embed'), 'microstructure');
  assert.ok(await page.$eval('header.top', (e) => getComputedStyle(e).display === 'none'));
  assert.equal((await rows(page)).length, 12);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a sweep plots τ against ε with its Bruggeman fit, which goes to the design workspace', async () => {
  const { context, page, problems } = await open(browser, `${server.url}${small}&mswa=30&mswb=50&mswn=3`.replace('tab=design', 'tab=micro'));
  await idle(page);
  await page.click('#micro-sweep');
  await until(page, () => !document.querySelector('#micro-use-bruggeman').hidden, undefined, 60000);
  const [alpha, k] = await page.$eval('#micro-use-bruggeman', (b) => [Number(b.dataset.alpha), Number(b.dataset.k)]);
  // Denser SE conducts better: τ falls as ε rises, so α > 0; k near 1.
  assert.ok(alpha > 0 && alpha < 5 && k > 0.2 && k < 5, `α ${alpha}, k ${k}`);
  assert.ok(await page.$('#p-mtau svg'), 'no τ–ε plot');
  assert.ok(await page.$('#p-mutil svg'), 'no utilisation plot');
  assert.ok(await page.$('#p-mtau button[data-export]'), 'no export button on the τ–ε plot');
  await page.click('#micro-use-bruggeman');
  await until(page, () => !document.querySelector('#ws-design').hidden);
  assert.ok(Math.abs(Number(await page.inputValue('#in-alpha')) - alpha) < 1e-3 * alpha);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a job is cancelled and the next one runs', async () => {
  // The default recipe, 128³: long enough to cancel under way.
  const { context, page, problems } = await open(browser, `${server.url}?tab=micro`);
  await until(page, () => !document.querySelector('#micro-busy').hidden, undefined, 20000);
  // Under way: the module loaded and the job reporting progress (a cancel
  // while the module still loads ends without the "Cancelled" line — noted).
  await until(page, () => /\d/.test(document.querySelector('#micro-status').textContent), undefined, 20000);
  await page.click('#micro-cancel');
  await until(page, () => document.querySelector('#micro-busy').hidden);
  assert.match(await page.textContent('#messages-micro'), /Cancelled/);
  await page.click('#micro-run');
  await until(page, () => !document.querySelector('#micro-busy').hidden);
  await until(page, () => /\d/.test(document.querySelector('#micro-status').textContent), undefined, 20000);
  await page.click('#micro-cancel');
  await until(page, () => document.querySelector('#micro-busy').hidden);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a job cancelled at once, while the module still loads, ends as cancelled', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=design`);
  // The worker's script (fetched only by this workspace) arrives 3 s late,
  // so the cancel lands while the worker still loads.
  await page.route(/\/micro-worker\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue().catch(() => {}); // the worker may be gone
  });
  await page.click('#ch-tab-micro');
  await until(page, () => !document.querySelector('#micro-busy').hidden, undefined, 20000);
  assert.equal(await page.textContent('#micro-status'), 'Starting the worker…');
  await page.click('#micro-cancel');
  await until(page, () => document.querySelector('#micro-busy').hidden);
  assert.match(await page.textContent('#messages-micro'), /^Cancelled/);
  // And it stays so once the module would have arrived: no late event, no restart.
  await new Promise((r) => setTimeout(r, 4000));
  assert.ok(await page.$eval('#micro-busy', (e) => e.hidden));
  assert.match(await page.textContent('#messages-micro'), /^Cancelled/);
  assert.equal(await page.$$eval('#micro-table tr', (trs) => trs.length), 0);
  // The next job runs; on a phone, its progress never moves the Cancel button.
  await page.unroute(/\/micro-worker\.js$/);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.click('#micro-run');
  await until(page, () => /of \d+\)/.test(document.querySelector('#micro-status').textContent), undefined, 20000);
  assert.doesNotMatch(await page.textContent('#messages-micro'), /Cancelled/);
  const at = new Set();
  const texts = new Set();
  for (let k = 0; k < 30; k++) {
    const [box, text] = await page.evaluate(() => {
      const r = document.querySelector('#micro-cancel').getBoundingClientRect();
      return [`${r.x},${r.y + window.scrollY}`, document.querySelector('#micro-status').textContent];
    });
    at.add(box);
    texts.add(text);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(texts.size > 1, 'no progress seen');
  assert.equal(at.size, 1, `the Cancel button moved: ${[...at].join(' ')}`);
  await page.click('#micro-cancel');
  await until(page, () => document.querySelector('#micro-busy').hidden);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad file is named in one line', async () => {
  const { context, page, problems } = await open(browser, `${server.url}${small}`.replace('tab=design', 'tab=micro'));
  await idle(page);
  const bad = path.join(tmp, 'cut.tif');
  fs.writeFileSync(bad, Buffer.from('II*\0\x08\0\0\0\x05\0', 'latin1'));
  await page.setInputFiles('#micro-file', bad);
  await until(page, () => /cut\.tif/.test(document.querySelector('#messages-micro').textContent), undefined, 20000);
  const lines = await page.$$eval('#messages-micro li', (lis) => lis.map((li) => li.textContent));
  const line = lines.find((l) => /cut\.tif/.test(l));
  assert.ok(!line.includes('\n') && line.length < 300, line);
  assert.ok(!/panic|unreachable|RuntimeError/i.test(line), line);
  assert.deepEqual(problems, []);
  await context.close();
});
