// Page benchmark (not a test): what the task that delivers 50 picked files
// does, traced with every category, in the built page or in a bare one.
//   node bench/pick_trace.mjs            ionpath's dist/ (impedance tab), files picked at once
//   BARE=1 node bench/pick_trace.mjs     a page with only an <input type=file> and a change handler
//   BARE=busy node bench/pick_trace.mjs  the same with two workers spinning for 3 s beside it
// DIST=path serves another build. The files are delivered as in the page
// benchmarks, by Playwright's setInputFiles (DevTools DOM.setFileInputFiles).
// Printed: the task's wall and CPU time, the synchronous MIME-type lookups
// it makes (one per file), every event of 0.3 ms or more in it
// (ms after its start), and the time other threads ran while it did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { endTrace, threads } from './trace.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-pick-'));
const files = [];
for (let s = 0; s < 50; s++) {
  const file = path.join(tmp, `z${s}.csv`);
  fs.writeFileSync(file, 'freq_hz,z_re_ohm,z_im_ohm\n1,2,-3\n');
  files.push(file);
}
const server = await serve(process.env.DIST ?? undefined);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
const bare = process.env.BARE;
if (bare) {
  await page.setContent(`<input type=file id=file multiple><div id=status></div><script>
    file.addEventListener('change', () => { status.textContent = file.files.length + ' files'; });
    window.spin = (n) => { for (let i = 0; i < n; i++) new Worker(URL.createObjectURL(new Blob(
      ['const t = Date.now(); while (Date.now() - t < 3000) {}'], { type: 'text/javascript' }))); };
  </script>`);
  if (bare === 'busy') await page.evaluate(() => window.spin(2));
} else {
  await page.goto(`${server.url}?tab=impedance`);
  await page.waitForSelector('body[data-ready="true"]');
}
const cdp = await context.newCDPSession(page);
await cdp.send('Tracing.start', {
  transferMode: 'ReturnAsStream',
  traceConfig: { includedCategories: ['*', 'disabled-by-default-devtools.timeline'] },
});
await page.setInputFiles('#file', files);
await page.waitForTimeout(300);
const events = await endTrace(cdp);
const { names, isMain, onMain } = threads(events);
const inside = (e, t) => e.ts >= t.ts && e.ts <= t.ts + t.dur;
const pick = onMain.find((t) => t.name === 'RunTask'
  && onMain.some((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change' && inside(e, t)));
if (!pick) {
  console.log('no task dispatched a change event: nothing picked?');
  process.exit(1);
}
const ms = (us) => (us / 1000).toFixed(1);
const mime = onMain.filter((e) => e.name === 'MimeRegistry::GetMimeTypeFromExtension' && inside(e, pick));
console.log(`the pick's task: ${ms(pick.dur)} ms wall, ${ms(pick.tdur ?? 0)} ms CPU; `
  + `${mime.length} synchronous MIME lookups in the browser process (${ms(mime.reduce((sum, e) => sum + e.dur, 0))} ms)`);
for (const e of onMain.filter((e) => e !== pick && inside(e, pick) && e.dur >= 300)) {
  const what = e.args?.data?.type ?? e.args?.method_name ?? '';
  console.log(`  +${ms(e.ts - pick.ts)} ${e.name} ${what} ${ms(e.dur)} (CPU ${ms(e.tdur ?? 0)})`);
}
const other = {};
for (const e of events) {
  if (e.ph !== 'X' || !e.tdur || isMain(e) || e.name !== 'ThreadPool_RunTask' && e.name !== 'RunTask') continue;
  const overlap = Math.min(e.ts + e.dur, pick.ts + pick.dur) - Math.max(e.ts, pick.ts);
  if (overlap > 0) {
    const k = names[`${e.pid}:${e.tid}`] ?? 'unnamed';
    other[k] = (other[k] ?? 0) + overlap / 1000;
  }
}
console.log('other threads running during it (ms):', JSON.stringify(Object.fromEntries(
  Object.entries(other).filter(([, v]) => v >= 1).map(([k, v]) => [k, +v.toFixed(0)]))));
await browser.close();
await server.close();
fs.rmSync(tmp, { recursive: true, force: true });
