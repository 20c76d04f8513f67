// Discharge model in the page (not a test): how long the curves take to
// follow an input and whether the main thread stays free meanwhile, in
// headless Chromium against the built dist/. Run after
// `trunk build --release --offline`:
//   node bench/discharge_page_bench.mjs [changes=20] [--query '?anode=li&…'] [--dist DIR]
// (--dist: another build, e.g. the previous main's, for the drags alone:
// a page without the model settles by a 600 ms pause.)
// 1. Single changes (a number typed): from the change to the design
//    current's curve on screen and to the whole 10-current rate sweep on
//    screen (the page's own body[data-discharge-timing], ms since the
//    change), and the worker's time for those 11 discharges.
// 2. Slider drags (--sliders th,i,…): 40 input events 16 ms apart (a drag at 60 Hz) on each of
//    several sliders, then the release and the model settling; every
//    main-thread task over 50 ms (PerformanceObserver 'longtask') during the
//    drags and the settling is reported, with the largest, and each
//    render's view model and DOM writes (body[data-timing]).
import path from 'node:path';
import { serve, launch, settled as modelSettled, dist } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const changes = Number(args.find((a) => /^\d+$/.test(a)) ?? 20);
const query = args.includes('--query') ? args[args.indexOf('--query') + 1] : '';
const dir = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : dist;
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const fmt = (x) => x.toFixed(1);
const summary = (xs) => `median ${fmt(quantile(xs, 0.5))}, p95 ${fmt(quantile(xs, 0.95))}, max ${fmt(Math.max(...xs))}`;

const server = await serve(dir);
/** The model settled, or a pause on a page without it. */
const settled = async (page) => ((await page.$('#o-dstate')) ? modelSettled(page) : page.waitForTimeout(600));
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
    // Each render's view model and DOM writes (body[data-timing], ms).
    window.__renders = [];
    document.addEventListener('DOMContentLoaded', () => new MutationObserver(() => window.__renders.push(document.body.dataset.timing.split(' ').map(Number)))
      .observe(document.body, { attributeFilter: ['data-timing'] }));
  });
  await page.goto(server.url + query);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#svg-utilisation svg');
  await settled(page);
  const cell = await page.evaluate(() => document.querySelector('#o-dcap .label')?.textContent);
  console.log(`${dir}: ${query || 'default inputs'} (${cell ?? 'no discharge model'})`);

  // 1. Single changes: the thickness typed, alternating between two values.
  const model = Boolean(await page.$('#o-dstate'));
  const design = [];
  const sweep = [];
  const worker = [];
  const l0 = Number(await page.inputValue('#in-th'));
  for (let k = 0; model && k < changes; k++) {
    const value = k % 2 === 0 ? l0 * 0.9 : l0;
    await page.fill('#in-th', String(value));
    await page.waitForFunction(() => document.body.dataset.discharge === 'busy', undefined, { timeout: 10000 }).catch(() => {});
    await settled(page);
    const [d, s, w] = (await page.getAttribute('body', 'data-discharge-timing')).split(' ').map(Number);
    design.push(d); sweep.push(s); worker.push(w);
  }
  if (model && changes > 0) {
    console.log(`single changes (${changes}, thickness typed):`);
    console.log(`  change → design current's curve on screen: ${summary(design)} ms`);
    console.log(`  change → rate sweep of 10 currents on screen: ${summary(sweep)} ms`);
    console.log(`  worker time for the 11 discharges: ${summary(worker)} ms`);
  }

  // 2. Drags.
  await page.evaluate(() => { window.__long = []; window.__renders = []; });
  const sliders = args.includes('--sliders') ? args[args.indexOf('--sliders') + 1].split(',') : ['th', 'i', 'sig', 'rad', 'i0', 'ds', 'th0'];
  const present = [];
  for (const key of sliders) if (await page.$(`#sl-${key}`)) present.push(key);
  let events = 0;
  for (const key of present) {
    const [min, max] = await page.$eval(`#sl-${key}`, (e) => [Number(e.min), Number(e.max)]);
    const start = await page.$eval(`#sl-${key}`, (e) => Number(e.value));
    for (let k = 0; k < 40; k++) {
      const value = start + ((max - min) / 8) * Math.sin((Math.PI * k) / 40);
      await page.$eval(`#sl-${key}`, (el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); }, value);
      await page.waitForTimeout(16);
      events++;
    }
    await page.$eval(`#sl-${key}`, (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
    await settled(page);
  }
  const long = await page.evaluate(() => window.__long);
  const renders = await page.evaluate(() => window.__renders);
  console.log(`drags: ${events} input events on ${present.length} sliders (${present.join(', ')}), each released and settled:`);
  console.log(`  main-thread tasks over 50 ms: ${long.length}${long.length ? ` (largest ${fmt(Math.max(...long))} ms: ${long.map(fmt).join(', ')})` : ''}`);
  if (renders.length) {
    console.log(`  renders: ${renders.length}; view model ${summary(renders.map((r) => r[0]))} ms; DOM writes ${summary(renders.map((r) => r[1]))} ms`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
