// Microstructure workspace benchmark (not a test), in headless Chromium
// against the built dist/ (`trunk build --release --offline` first):
//   node bench/micro_page_bench.mjs [runs=3] [sizes=128,200]
// For each size n (the benchmark electrode, n³ voxels of 0.25 µm, seed 1):
// from the click that starts a run to the τ of the SE along x on the page,
// and to the last row (every phase, every axis); the longest main-thread
// task meanwhile (Long Tasks API: every task over 50 ms is reported).
// "cold" is the first run of a page (the tab opened: the worker starts and
// compiles the wasm); "warm" repeats it with the worker up (the "Generate
// and solve" button). The work runs in one worker.
import os from 'node:os';
import { serve, launch } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const runs = Number(args[0] ?? 3);
const sizes = (args[1] ?? '128,200').split(',').map(Number);

const server = await serve();
const browser = await launch();
const results = [];

/** Clicks `selector` and returns the page clock at the click (ms); the
 * table's rows of an earlier run are marked, so that only new rows count. */
const click = (page, selector) => page.evaluate((s) => {
  window.__long = [];
  document.querySelectorAll('#micro-table tr').forEach((tr) => { tr.dataset.old = '1'; });
  const t = performance.now();
  document.querySelector(s).click();
  return t;
}, selector);

/** Waits for the first row (SE along x) and then for the end of the job. */
async function timed(page, t0) {
  const first = await page.waitForFunction(() => {
    const row = document.querySelector('#micro-table tr:nth-child(2)');
    return row && !row.dataset.old && /SE\s+x/.test(row.innerText) ? performance.now() : false;
  }, null, { timeout: 120000, polling: 10 });
  const last = await page.waitForFunction(() => (document.querySelector('#micro-busy').hidden
    && document.querySelectorAll('#micro-table tr:not([data-old])').length > 1 ? performance.now() : false),
  null, { timeout: 600000, polling: 50 });
  const tau = await page.evaluate(() => document.querySelector('#micro-table tr:nth-child(2) td:nth-child(3)').textContent);
  const longest = await page.evaluate(() => Math.max(0, ...window.__long));
  return { se_x_s: (await first.jsonValue() - t0) / 1e3, all_s: (await last.jsonValue() - t0) / 1e3, tau, longest_task_ms: longest };
}

for (const n of sizes) {
  const side = n * 0.25;
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}?tab=design&mlx=${side}&mlw=${side}`);
  await page.waitForSelector('body[data-ready="true"]');
  const load = os.loadavg()[0];
  const cold = await timed(page, await click(page, '#ch-tab-micro'));
  results.push({ n, run: 'cold', load: +load.toFixed(2), ...cold });
  console.log(JSON.stringify(results.at(-1)));
  for (let k = 0; k < runs; k++) {
    const load = os.loadavg()[0];
    const warm = await timed(page, await click(page, '#micro-run'));
    results.push({ n, run: `warm ${k + 1}`, load: +load.toFixed(2), ...warm });
    console.log(JSON.stringify(results.at(-1)));
  }
  await context.close();
}
await browser.close();
await server.close();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const n of sizes) {
  const warm = results.filter((r) => r.n === n && r.run !== 'cold');
  console.log(`${n}³: SE along x median ${median(warm.map((r) => r.se_x_s)).toFixed(2)} s warm, `
    + `${results.find((r) => r.n === n).se_x_s.toFixed(2)} s cold; all rows ${median(warm.map((r) => r.all_s)).toFixed(1)} s; `
    + `longest main-thread task ${Math.max(...results.filter((r) => r.n === n).map((r) => r.longest_task_ms)).toFixed(0)} ms`);
}
