// Page benchmark (not a test): main-thread work caused by one input event,
// load-to-interactive time and page weight, in headless Chromium against the
// built dist/. Run after `trunk build --release --offline`:
//   node bench/page_bench.mjs [events=200] [--against DIR]
// Work per event = the growth of Chromium's main-thread TaskDuration (CDP
// Performance.getMetrics) from just before the event until the frame and the
// timers it scheduled have run (each event is followed by a 400 ms settle,
// longer than any timer an input event sets), with the 64×64 utilisation map on
// screen, minus the same round trip with an event no one listens to (the
// harness's own script evaluation). It covers the handler, model, plots, DOM
// updates, style, layout and paint; it is wall time, which a loaded machine
// inflates, so the main thread's CPU time over the same span (Chromium's
// ThreadTime, minus the harness's) is reported too. The page also reports its own split
// (view model vs DOM writes) in body[data-timing].
// A drag ends with the slider's change event, when the page writes the URL
// (a same-document navigation, costly in Chromium): its work is measured
// the same way after each input event and reported apart.
// --against DIR measures another build (e.g. dist/ of an earlier commit) side
// by side: the two pages take turns event by event with the same inputs, so
// both see the same machine load, and the ratio of their medians is printed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, dist } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const against = args.includes('--against') ? path.resolve(args[args.indexOf('--against') + 1]) : null;
const events = Number(args.find((a, k) => /^\d+$/.test(a) && args[k - 1] !== '--against') ?? 200);
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const fmt = (x) => x.toFixed(2);
const gzipped = (dir) => fs.readdirSync(dir).filter((f) => /\.(html|js|wasm|css)$/.test(f))
  .reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length, 0);

/** One build's page, ready for events: its server, page and counters. */
async function prepare(browser, dir) {
  const server = await serve(dir);
  // Load to interactive: navigation start → first computed results on screen.
  const loads = [];
  for (let k = 0; k < 5; k++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('#o-cap .value')?.textContent.length > 0);
    loads.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#svg-utilisation svg'));
  // A page with the discharge model: its first results in (they add rows
  // above the map), so that the map stays where it is scrolled to.
  await page.waitForFunction(() => !document.querySelector('#o-dstate')
    || document.querySelector('#o-dstate .value').textContent === 'up to date', undefined, { timeout: 60000 });
  // The utilisation map must be on screen while the events are measured.
  await page.locator('#svg-utilisation svg').scrollIntoViewIfNeeded();
  const mapVisible = await page.evaluate(() => {
    const r = document.querySelector('#svg-utilisation svg').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  if (!mapVisible) throw new Error(`${dir}: the utilisation map is not on screen`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const sliders = await page.$$eval('#ws-design input[type=range]', (els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => [e.id, Number(e.min), Number(e.max)]));
  return { dir, server, page, cdp, sliders, loads, work: [], workCpu: [], release: [], harness: [], model: [], dom: [] };
}

/** Main-thread work of one input event setting slider k's share r of its range. */
async function measure(run, k, r) {
  const { page, cdp, sliders } = run;
  // Wall time of the main thread's tasks, and its CPU time (ThreadTime),
  // which the machine's load does not inflate.
  const taskMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name) => 1000 * metrics.find((m) => m.name === name).value;
    return [get('TaskDuration'), get('ThreadTime')];
  };
  await page.bringToFront();
  const [id, min, max] = sliders[k % sliders.length];
  const value = min + r * (max - min);
  await page.waitForTimeout(50);
  // The same round trip with an event nobody listens to: the harness's own cost.
  const idle0 = await taskMs();
  await page.$eval(`#${id}`, (el, v) => { el.dataset.v = String(v); el.dispatchEvent(new Event('bench-noop', { bubbles: true })); }, value);
  await page.waitForTimeout(400);
  const idle1 = await taskMs();
  const before = await taskMs();
  await page.$eval(`#${id}`, (el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); }, value);
  await page.waitForTimeout(400);
  const after = await taskMs();
  // The drag ends: the slider is let go.
  await page.$eval(`#${id}`, (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
  await page.waitForTimeout(400);
  const released = await taskMs();
  const harness = idle1[0] - idle0[0];
  const harnessCpu = idle1[1] - idle0[1];
  run.harness.push(harness);
  run.work.push(Math.max(0, (after[0] - before[0]) - harness));
  run.workCpu.push(Math.max(0, (after[1] - before[1]) - harnessCpu));
  run.release.push(Math.max(0, (released[0] - after[0]) - harness));
  const [m, d] = (await page.getAttribute('body', 'data-timing')).split(' ').map(Number);
  run.model.push(m);
  run.dom.push(d);
}

function report(run) {
  console.log(`${run.dir}: events: ${run.work.length} over ${run.sliders.length} range inputs (64×64 utilisation map on screen)`);
  console.log(`  main-thread work per input event: median ${fmt(quantile(run.work, 0.5))} ms, p95 ${fmt(quantile(run.work, 0.95))} ms, max ${fmt(Math.max(...run.work))} ms`);
  console.log(`  (harness round trip without an event handler, subtracted: median ${fmt(quantile(run.harness, 0.5))} ms)`);
  console.log(`  the same in main-thread CPU time (ThreadTime; not inflated by the machine's load): median ${fmt(quantile(run.workCpu, 0.5))} ms, p95 ${fmt(quantile(run.workCpu, 0.95))} ms, max ${fmt(Math.max(...run.workCpu))} ms`);
  console.log(`  main-thread work when the slider is let go (change event: URL write): median ${fmt(quantile(run.release, 0.5))} ms, p95 ${fmt(quantile(run.release, 0.95))} ms`);
  console.log(`  of which view model (core + SVG strings): median ${fmt(quantile(run.model, 0.5))} ms, p95 ${fmt(quantile(run.model, 0.95))} ms`);
  console.log(`  of which DOM writes (text, SVG): median ${fmt(quantile(run.dom, 0.5))} ms, p95 ${fmt(quantile(run.dom, 0.95))} ms`);
  console.log(`  load to interactive (first results on screen): median ${fmt(quantile(run.loads, 0.5))} ms, max ${fmt(Math.max(...run.loads))} ms`);
  console.log(`  page weight (HTML+JS+wasm+CSS, gzip -9): ${gzipped(run.dir)} bytes`);
}

const browser = await launch();
const runs = [];
try {
  for (const dir of against ? [dist, against] : [dist]) runs.push(await prepare(browser, dir));
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let k = 0; k < events; k++) {
    const r = random();
    for (const run of runs) await measure(run, k, r);
  }
  runs.forEach(report);
  if (against) {
    const [a, b] = runs.map((run) => quantile(run.work, 0.5));
    console.log(`median work per event, ${against} / dist: ${(b / a).toFixed(2)}×`);
  }
} finally {
  await browser.close();
  for (const run of runs) await run.server.close();
}
