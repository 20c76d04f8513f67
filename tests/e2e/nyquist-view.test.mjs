// The Nyquist plot's first view frames the intercepts and the 45° region,
// not the capacitive tail, with equal axes; "every point" and "not equal"
// are a choice away; a point clicked is masked (hollow, listed) and refitted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, until } from './harness.mjs';
import { ionIon } from './tlm.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-e2e-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

/** The ion–ion line (R_bulk 10 Ω, R_ion 100 Ω) in series with 1 µF: a tail to ~10⁷ Ω. */
function withTail() {
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  for (let k = 0; k <= 60; k++) {
    const f = 10 ** (6 - k * 8 / 60);
    const z = ionIon(f, 10, 100, 0.5, 1e-4);
    lines.push(`${f},${z.re},${z.im - 1 / (2 * Math.PI * f * 1e-6)}`);
  }
  const file = path.join(tmp, 'tail.csv');
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** The largest x tick value on the Nyquist plot (its text labels under the axis). */
async function xTicks(page) {
  return page.$$eval('#svg-nyquist svg text', (ts) => ts.map((t) => t.textContent));
}

test('the first view frames the line; "every point" shows the tail', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance&zmodel=line&layout=ion-ion&iface=c`);
  await page.setInputFiles('#file', withTail());
  await until(page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  const framed = (await xTicks(page)).join(' ');
  // Framed: ticks of tens of ohms, no 10⁶-scale labels.
  assert.ok(!/10⁶|10⁷|10⁵/.test(framed), framed);
  await page.selectOption('#ch-zview', 'all');
  await until(page, (f) => [...document.querySelectorAll('#svg-nyquist svg text')].map((t) => t.textContent).join(' ') !== f, framed);
  const all = (await xTicks(page)).join(' ');
  assert.ok(/10⁶|10⁷|10⁵|000000/.test(all), all);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a frequency range masks the points outside it; a bad bound is named', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance&zmodel=line&layout=ion-ion&iface=c`);
  await page.setInputFiles('#file', withTail());
  await until(page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  // 61 points, 1 MHz … 10 mHz at 7.5 per decade: 1 Hz … 10 kHz keeps 31.
  await page.fill('#f-lo', '1');
  await page.fill('#f-hi', '1e4');
  await page.click('#mask-range');
  await until(page, () => /Fitted 2 of 2\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  assert.match(await page.textContent('#messages-impedance'), /30 point\(s\) masked/);
  assert.ok((await page.textContent('#svg-nyquist')).includes('masked (30)'));
  await page.fill('#f-lo', 'abc');
  await page.click('#mask-range');
  await until(page, () => /“abc” is not a frequency/.test(document.querySelector('#notices').textContent));
  assert.deepEqual(problems, []);
  await context.close();
});
