// Page benchmark (not a test): main-thread work caused by one input event,
// load-to-interactive time and page weight, in headless Chromium against the
// built dist/. Run after `trunk build --release --offline`:
//   node bench/page_bench.mjs [events=200]
// Work per event = the growth of Chromium's main-thread TaskDuration (CDP
// Performance.getMetrics) from just before the event until the frame and the
// timers it scheduled have run (the URL/autosave timer fires 250 ms later, so
// each event is followed by a 400 ms settle), with the 64×64 utilisation map
// on screen, minus the same round trip with an event no one listens to (the
// harness's own script evaluation). It covers the handler, model, plots, DOM
// updates, style, layout and paint. The page also reports its own split
// (view model vs DOM writes) in body[data-timing].
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, dist } from '../tests/e2e/harness.mjs';

const events = Number(process.argv[2] ?? 200);
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const fmt = (x) => x.toFixed(2);

const server = await serve();
const browser = await launch();
try {
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
  // The utilisation map must be on screen while the events are measured.
  await page.locator('#svg-utilisation svg').scrollIntoViewIfNeeded();
  const mapVisible = await page.evaluate(() => {
    const r = document.querySelector('#svg-utilisation svg').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  if (!mapVisible) throw new Error('the utilisation map is not on screen');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return 1000 * metrics.find((m) => m.name === 'TaskDuration').value;
  };
  const sliders = await page.$$eval('#ws-design input[type=range]', (els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => [e.id, Number(e.min), Number(e.max)]));
  const work = [];
  const harness = [];
  const model = [];
  const dom = [];
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let k = 0; k < events; k++) {
    const [id, min, max] = sliders[k % sliders.length];
    const value = min + random() * (max - min);
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
    harness.push(idle1 - idle0);
    work.push(Math.max(0, (after - before) - (idle1 - idle0)));
    const [m, d] = (await page.getAttribute('body', 'data-timing')).split(' ').map(Number);
    model.push(m);
    dom.push(d);
  }
  // Page weight.
  const files = fs.readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  const gz = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length, 0);

  console.log(`events: ${events} over ${sliders.length} range inputs (64×64 utilisation map on screen)`);
  console.log(`main-thread work per input event: median ${fmt(quantile(work, 0.5))} ms, p95 ${fmt(quantile(work, 0.95))} ms, max ${fmt(Math.max(...work))} ms`);
  console.log(`  (harness round trip without an event handler, subtracted: median ${fmt(quantile(harness, 0.5))} ms)`);
  console.log(`  of which view model (core + SVG strings): median ${fmt(quantile(model, 0.5))} ms, p95 ${fmt(quantile(model, 0.95))} ms`);
  console.log(`  of which DOM writes (text, SVG innerHTML): median ${fmt(quantile(dom, 0.5))} ms, p95 ${fmt(quantile(dom, 0.95))} ms`);
  console.log(`load to interactive (first results on screen): median ${fmt(quantile(loads, 0.5))} ms, max ${fmt(Math.max(...loads))} ms`);
  console.log(`page weight (HTML+JS+wasm+CSS, gzip -9): ${(gz / 1024).toFixed(1)} KB`);
} finally {
  await browser.close();
  await server.close();
}
