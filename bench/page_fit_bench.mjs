// Page benchmark (not a test): the impedance workspace fitting a batch in
// headless Chromium against the built dist/ (run `trunk build --release
// --offline` first):
//   node bench/page_fit_bench.mjs [spectra=50]
//   node bench/page_fit_bench.mjs circuit [repeats=40]
// Each spectrum is R-p(R,CPE)-p(R,CPE) (5 elements, 71 points, 1 MHz–0.1 Hz,
// 0.5 % seeded noise on Re and Im), written to one CSV file each and loaded
// together with the page's defaults (model chosen from the shape, Lin-KK,
// profile intervals: what a user's first fit costs). Reported: the
// wall time from loading to "Fitted N of N" per spectrum (in the page
// worker), and every main-thread task over 50 ms while the batch ran
// (PerformanceObserver 'longtask', the whole batch observed).
//   node bench/page_fit_bench.mjs 50 --trace
// also records a Chrome trace (CDP Tracing; slows the page a little, so its
// counts are not the untraced ones) and attributes each task over 50 ms to
// what ran in it (animation-frame render, worker message, timer, layout …)
// and its CPU time, sums the wall and CPU time of every main-thread task
// while the batch ran, and splits the three tasks with the most CPU into
// script, layout and paint.
// DIST=path serves another build (e.g. main's, for a before/after run).
// --pick-after MS picks the files MS ms after the page is ready (default 0:
// at once, before the worker's warm-up is done; a person opening the file
// dialog and choosing 50 files takes longer than a second).
//
// `circuit`: one such spectrum fitted as the circuit R-p(R,CPE)-p(R,CPE)
// (`zmodel=circuit`), "Fit this spectrum" pressed `repeats` times (after
// two unmeasured runs). Measured in the page, from the click: the parameter
// table's first rewrite (the worker's first answer, intervals "being
// computed…", or the complete one if both came within a frame), and the table with
// every profile interval (the complete answer); and the worker's part
// alone, timed on the main thread as the messages cross: sent → first
// answer (the fit without profiles) and first → complete answer (the fit
// with profiles); median and p95.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { endTrace, threads } from './trace.mjs';

const circuitMode = process.argv[2] === 'circuit';
const repeats = circuitMode ? Number(process.argv[3] ?? 40) : 0;
const count = circuitMode ? 1 : Number(process.argv[2] ?? 50);
const trace = process.argv.includes('--trace');
const pickAt = process.argv.indexOf('--pick-after');
const pickAfterMs = pickAt > 0 ? Number(process.argv[pickAt + 1]) : 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-bench-'));

// Seeded uniform noise (mulberry32) turned Gaussian (Box–Muller).
function rng(seed) {
  let a = seed >>> 0;
  const u = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return () => Math.sqrt(-2 * Math.log(u() + 1e-300)) * Math.cos(2 * Math.PI * u());
}

/** Z of R‖CPE: R / (1 + R·Q·(iω)^n), as [re, im]. */
function zarc(w, r, q, n) {
  const mag = r * q * w ** n, ph = n * Math.PI / 2;
  const dr = 1 + mag * Math.cos(ph), di = mag * Math.sin(ph), d = dr * dr + di * di;
  return [r * dr / d, -r * di / d];
}

const files = [];
for (let s = 0; s < count; s++) {
  const g = rng(s + 1);
  const [r0, r1, r2] = [10 + s % 7, 100 * (1 + (s % 5) / 5), 300 * (1 + (s % 3) / 3)];
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  for (let k = 0; k < 71; k++) {
    const f = 10 ** (6 - k * 7 / 70), w = 2 * Math.PI * f;
    const a = zarc(w, r1, 1e-6, 0.9), b = zarc(w, r2, 1e-4, 0.8);
    const re = r0 + a[0] + b[0], im = a[1] + b[1], m = Math.hypot(re, im);
    lines.push(`${f},${re + 0.005 * m * g()},${im + 0.005 * m * g()}`);
  }
  const file = path.join(tmp, `zz${String(s).padStart(2, '0')}.csv`);
  fs.writeFileSync(file, lines.join('\n'));
  files.push(file);
}

const server = await serve(process.env.DIST ?? undefined);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
if (circuitMode) {
  await circuitBench();
  process.exit(0);
}
await page.goto(`${server.url}?tab=impedance`);
await page.waitForSelector('body[data-ready="true"]');
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: false });
  // The page's own split of each render: view model, DOM writes (ms).
  window.__timing = [];
  new MutationObserver(() => window.__timing.push(document.body.dataset.timing.split(' ').map(Number)))
    .observe(document.body, { attributes: true, attributeFilter: ['data-timing'] });
});
const cdp = trace ? await context.newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] },
  });
}
if (pickAfterMs > 0) {
  await page.waitForTimeout(pickAfterMs);
  await page.evaluate(() => { window.__long = []; }); // the batch's tasks only
}
const picked = await page.evaluate(() => performance.now());
const start = Date.now();
await page.setInputFiles('#file', files);
await page.waitForFunction((n) => new RegExp(`Fitted ${n} of ${n}\\.`).test(document.querySelector('#file-status').textContent),
  count, { timeout: 600000, polling: 50 });
const wall = Date.now() - start;
// The last answer's render and plots come in the frames after the status
// line says "Fitted": observed too.
await page.waitForTimeout(500);
const attribution = cdp ? await attribute(cdp) : null;
// Each task over 50 ms: [ms after the files were picked, duration ms].
const long = (await page.evaluate(() => window.__long)).map(([at, ms]) => [at - picked, ms]);
const timing = await page.evaluate(() => window.__timing);
const verdicts = await page.$$eval('#batch-table tr[data-row]', (rows) => rows.map((r) => r.children[3].textContent));
console.log(`spectra: ${count}, 71 points each, R-p(R,CPE)-p(R,CPE), page defaults (auto model, Lin-KK, profiles), picked ${pickAfterMs} ms after the page was ready`);
console.log(`wall time to "Fitted ${count} of ${count}": ${wall} ms, ${(wall / count).toFixed(1)} ms per spectrum (reading included)`);
const when = long.map(([at, ms]) => `${ms.toFixed(0)} ms at +${at.toFixed(0)}`).join(', ');
console.log(`main-thread tasks over 50 ms: ${long.length}${long.length ? ` (longest ${Math.max(...long.map((l) => l[1])).toFixed(0)} ms; ${when} ms after the pick)` : ''}`);
const worst = (k) => Math.max(0, ...timing.map((t) => t[k])).toFixed(1);
const median = (k) => { const v = timing.map((t) => t[k]).sort((a, b) => a - b); return (v[v.length >> 1] ?? 0).toFixed(1); };
console.log(`renders: ${timing.length}; view model median ${median(0)} ms (worst ${worst(0)}), DOM writes median ${median(1)} ms (worst ${worst(1)})`);
const tally = {};
for (const v of verdicts) tally[v] = (tally[v] ?? 0) + 1;
console.log(`verdicts: ${JSON.stringify(tally)}`);
if (attribution) {
  console.log(`traced: ${attribution.count} main-thread tasks, ${attribution.wall.toFixed(0)} ms wall, ${attribution.cpu.toFixed(0)} ms CPU in all`);
  console.log(`${attribution.long.length} over 50 ms; what ran in each (ms):`);
  const kinds = {};
  for (const t of attribution.long) {
    console.log(`  ${t.dur.toFixed(0)} (CPU ${t.cpu.toFixed(0)}): ${t.parts.map(([n, d]) => `${n} ${d.toFixed(0)}`).join(', ')}`);
    const top = t.parts[0]?.[0] ?? 'other';
    kinds[top] = (kinds[top] ?? 0) + 1;
  }
  console.log(`by what took longest in them: ${JSON.stringify(kinds)}`);
  console.log('the three tasks with the most CPU (ms; at: since the trace began):');
  for (const h of attribution.heaviest) {
    const dirty = h.dirty ? `, ${h.dirty.dirtyObjects} of ${h.dirty.totalObjects} layout objects dirty` : '';
    console.log(`  at +${h.at.toFixed(0)}: CPU ${h.cpu.toFixed(1)} (wall ${h.dur.toFixed(1)}): script ${h.script.toFixed(1)}, layout ${h.layout.toFixed(1)}, paint ${h.paint.toFixed(1)}${dirty}`);
  }
}
await browser.close();
await server.close();
fs.rmSync(tmp, { recursive: true, force: true });

/** The circuit fit's times, request → on screen (see the header). */
async function circuitBench() {
  // Each fit message to the page worker and its answers, timed on the main
  // thread as they cross (before the page handles them).
  await page.addInitScript(() => {
    window.__fits = new Map();
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, t) {
      if (m?.kind === 'fit') window.__fits.set(m.id, { sent: performance.now(), answers: [] });
      return post.call(this, m, t);
    };
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', ({ data }) => {
          if (data?.kind === 'fit') window.__fits.get(data.id)?.answers.push(performance.now());
        });
      }
    };
  });
  await page.goto(`${server.url}?tab=impedance&zmodel=circuit`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#file', files[0]);
  await page.waitForFunction(() => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent),
    undefined, { timeout: 60000 });
  const first = [], complete = [];
  for (let k = 0; k < repeats + 2; k++) {
    const t = await page.evaluate((n) => new Promise((resolve) => {
      const times = {};
      const table = document.querySelector('#ptable');
      const nyquist = document.querySelector('#plots-impedance');
      let t0 = 0;
      const check = () => {
        const now = performance.now();
        const text = table.textContent;
        if (new RegExp(`Fitted ${n} of ${n}\\.`).test(document.querySelector('#file-status').textContent)
          && text.includes('…') && !text.includes('being computed')) {
          times.complete = now - t0;
          observer.disconnect();
          resolve(times);
        }
      };
      const observer = new MutationObserver(check);
      // The table's first rewrite after the click: the first answer's
      // (intervals "being computed…"), or the complete one when both
      // arrived before a frame.
      const first = new MutationObserver(() => {
        times.table = performance.now() - t0;
        first.disconnect();
      });
      first.observe(table, { subtree: true, childList: true, characterData: true });
      for (const node of [table, nyquist, document.querySelector('#file-status')]) {
        observer.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
      }
      t0 = performance.now();
      document.querySelector('#fit-shown').click();
    }), k + 2);
    if (k >= 2) {
      first.push(t.table ?? t.complete); // the table unchanged until the complete answer
      complete.push(t.complete);
    }
  }
  // In the worker: sent → first answer (the fit without profiles, Lin-KK and
  // verdict included, plus the crossing both ways), first → complete answer
  // (the fit again with profile intervals).
  const crossings = await page.evaluate(() => [...window.__fits.values()]
    .filter((f) => f.answers.length === 2).map((f) => [f.answers[0] - f.sent, f.answers[1] - f.answers[0]]));
  const measured = crossings.slice(-repeats);
  const q = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  const f = (v) => `median ${q(v, 0.5).toFixed(1)} ms, p95 ${q(v, 0.95).toFixed(1)} ms`;
  console.log(`circuit R-p(R,CPE)-p(R,CPE), 71 points, ${repeats} fits of the shown spectrum (zmodel=circuit)`);
  console.log(`page worker, fit without profile intervals (sent → first answer): ${f(measured.map((c) => c[0]))}`);
  console.log(`page worker, fit with profile intervals (first → complete answer): ${f(measured.map((c) => c[1]))}`);
  console.log(`click → the table rewritten with the fit (first answer on screen): ${f(first)}`);
  console.log(`click → every profile interval in the table (complete answer): ${f(complete)}`);
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** Ends the trace and returns each main-thread task over 50 ms, its wall
 * and CPU time (the thread's own time: on a loaded machine a task waits for
 * a core, and its wall time is mostly that wait) and the largest events
 * inside it (name, ms), largest first. */
async function attribute(session) {
  const events = await endTrace(session);
  const { onMain } = threads(events);
  const all = onMain.filter((e) => e.name === 'RunTask');
  const tasks = all.filter((e) => e.dur > 50000);
  const label = (e) => {
    const d = e.args?.data ?? {};
    if (e.name === 'EventDispatch') return `EventDispatch(${d.type})`;
    if (e.name === 'FunctionCall') return `FunctionCall(${d.functionName || d.url?.split('/').pop() || '?'})`;
    const b = e.args?.beginData;
    if (e.name === 'Layout' && b) return `Layout(${b.dirtyObjects}/${b.totalObjects} objects)`;
    return e.name;
  };
  const cpu = all.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  const wall = all.reduce((sum, e) => sum + e.dur, 0) / 1000;
  // The three tasks with the most CPU, whatever their wall time: the
  // frames a slower or busier machine would stretch past 50 ms first.
  const t0 = Math.min(...all.map((e) => e.ts));
  const cpuOf = (name, t) => onMain.filter((e) => e.name === name && e.ts >= t.ts && e.ts < t.ts + t.dur)
    .reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  const heaviest = [...all].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 3).map((t) => ({
    at: (t.ts - t0) / 1000, cpu: (t.tdur ?? 0) / 1000, dur: t.dur / 1000,
    script: cpuOf('FireAnimationFrame', t) + cpuOf('TimerFire', t),
    layout: cpuOf('Layout', t), paint: cpuOf('Paint', t) + cpuOf('PrePaint', t),
    dirty: onMain.find((e) => e.name === 'Layout' && e.ts >= t.ts && e.ts < t.ts + t.dur)?.args?.beginData,
  }));
  const long = tasks.map((t) => {
    const inside = onMain.filter((e) => e !== t && e.name !== 'ThreadControllerImpl::RunTask' && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= 0.1 * t.dur);
    const parts = {};
    for (const e of inside) parts[label(e)] = Math.max(parts[label(e)] ?? 0, e.dur / 1000);
    return { dur: t.dur / 1000, cpu: (t.tdur ?? 0) / 1000, parts: Object.entries(parts).sort((a, b) => b[1] - a[1]).slice(0, 6) };
  });
  return { long, cpu, wall, count: all.length, heaviest };
}
