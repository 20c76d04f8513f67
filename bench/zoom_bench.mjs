// Page benchmark (not a test): the main-thread cost of one zoom step on the
// impedance workspace's Nyquist and Bode plots, in headless Chromium
// against the built dist/ (`trunk build --release --offline` first):
//   node bench/zoom_bench.mjs [steps=200]
// A 71-point spectrum is loaded and fitted; then `steps` Ctrl+wheel events
// (alternately in and out, 100 px each) are dispatched on each plot, each
// timed from dispatch to return (the handler: new view, the plot's SVG
// layers, the DOM writes; style, layout and paint follow in the frame).
// Reported: median and 95th percentile per plot. DIST=path serves another build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';

const steps = Number(process.argv[2] ?? 200);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-zoom-bench-'));
const file = path.join(tmp, 'arc.csv');
const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
for (let k = 0; k < 71; k++) {
  const f = 10 ** (6 - k * 0.1), wrc = 2 * Math.PI * f * 100 * 1e-6, d = 1 + wrc * wrc;
  lines.push(`${f},${10 + 100 / d},${-100 * wrc / d}`);
}
fs.writeFileSync(file, lines.join('\n'));

const server = await serve(process.env.DIST ?? undefined);
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
await page.goto(`${server.url}?tab=impedance`);
await page.waitForSelector('body[data-ready="true"]');
await page.setInputFiles('#file', file);
await page.waitForFunction(() => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, { timeout: 60000 });
for (const id of ['nyquist', 'bode']) {
  const ms = await page.evaluate(({ id, steps }) => {
    const host = document.getElementById(`svg-${id}`);
    const r = host.getBoundingClientRect();
    const times = [];
    for (let k = 0; k < steps; k++) {
      const e = new WheelEvent('wheel', {
        deltaY: k % 2 ? 100 : -100, ctrlKey: true, bubbles: true, cancelable: true,
        clientX: r.x + r.width * (0.4 + 0.2 * Math.random()), clientY: r.y + r.height * (0.4 + 0.2 * Math.random()),
      });
      const t0 = performance.now();
      host.dispatchEvent(e);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  }, { id, steps });
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(2);
  console.log(`${id}: ${steps} Ctrl+wheel zoom steps, main thread per step: median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
}
console.log(`load average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await browser.close();
await server.close();
fs.rmSync(tmp, { recursive: true, force: true });
