// The circuit builder of the impedance workspace: a circuit typed in the
// CLI's notation is previewed (formula, parameters, automatic starts),
// fitted to a spectrum made here from its own formula, refitted with a held
// value; a typing error is one line and keeps the last good circuit; the
// permalink restores the circuit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, parseShown, until, untilFitted } from './harness.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-circuit-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

/** Z of R‖CPE: R / (1 + R·Q·(iω)^n), as [re, im]. */
function zarc(w, r, q, n) {
  const mag = r * q * w ** n, ph = n * Math.PI / 2;
  const dr = 1 + mag * Math.cos(ph), di = mag * Math.sin(ph), d = dr * dr + di * di;
  return [r * dr / d, -r * di / d];
}

/** R0-p(R1,CPE)-p(R3,CPE) on 71 points, 1 MHz … 0.1 Hz, no noise. */
function twoArcs(name) {
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  for (let k = 0; k < 71; k++) {
    const f = 10 ** (6 - k * 7 / 70), w = 2 * Math.PI * f;
    const a = zarc(w, 100, 1e-6, 0.9), b = zarc(w, 300, 1e-4, 0.8);
    lines.push(`${f},${10 + a[0] + b[0]},${a[1] + b[1]}`);
  }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** The parameter table's rows as {name: [cells]}. */
async function table(page) {
  return page.$$eval('#ptable tr', (rows) => Object.fromEntries(rows.slice(1)
    .map((r) => [...r.children].map((c) => c.textContent))
    .map((cells) => [cells[0].split(' ')[0], cells])));
}

const fitted = (n) => new RegExp(`Fitted ${n} of ${n}\\.`);

test('type a circuit, see its preview, fit it, hold a value and refit; a bad circuit is one line', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance&zmodel=circuit`);
  assert.equal(await page.isHidden('#circuit-box'), false);
  assert.equal(await page.inputValue('#circuit'), 'R-p(R,CPE)-p(R,CPE)');
  // The preview comes from the page worker.
  await until(page, () => document.querySelector('#circuit-formula').textContent.length > 0, undefined, 20000);
  assert.equal(await page.textContent('#circuit-formula'),
    'Z(ω) = r0 + 1/(1/r1 + q2·(iω)^n2) + 1/(1/r3 + q4·(iω)^n4)');
  assert.equal(await page.locator('#circuit-params tr').count(), 1 + 7);

  await page.setInputFiles('#file', twoArcs('two-arcs.csv'));
  await untilFitted(page, 1);
  let rows = await table(page);
  assert.deepEqual(Object.keys(rows), ['r0', 'r1', 'q2', 'n2', 'r3', 'q4', 'n4']);
  for (const [name, want] of [['r0', 10], ['r1', 100], ['r3', 300], ['n2', 0.9], ['n4', 0.8]]) {
    const got = parseShown(rows[name][1]);
    assert.ok(Math.abs(got / want - 1) < 1e-3, `${name} = ${got}, made with ${want}`);
    assert.match(rows[name][2], /…/, `${name}: a profile interval`);
  }
  assert.match(await page.textContent('#o-zmodelfit .value'), /^R-p\(R,CPE\)-p\(R,CPE\)$/);
  assert.match(await page.textContent('#verdict-text'), /good/i);
  const chiFree = parseShown(await page.textContent('#o-zchi .value'));
  // The automatic starts, read off the spectrum, stand in the start fields.
  assert.match(await page.getAttribute('#cp-start-0', 'placeholder'), /^auto \d/);

  // A typing error: one line with the position; the last good circuit stays.
  await page.fill('#circuit', 'R-p(R,X)');
  await until(page, () => /position 7/.test(document.querySelector('#circuit-msg').textContent), undefined, 10000);
  const message = await page.textContent('#circuit-msg');
  assert.match(message, /unknown element 'X'/);
  assert.ok(!message.includes('\n'));
  assert.match(await page.textContent('#circuit-formula'), /q4/);
  // A good one replaces it, and goes into the permalink.
  await page.fill('#circuit', 'R-p(R,CPE)');
  await until(page, () => document.querySelector('#circuit-formula').textContent === 'Z(ω) = r0 + 1/(1/r1 + q2·(iω)^n2)',
    undefined, 10000);
  assert.equal(await page.textContent('#circuit-msg'), '');
  assert.equal(await page.locator('#circuit-params tr').count(), 1 + 4);
  await until(page, () => location.search.includes('zcirc=R-p(R,CPE)'), undefined, 5000);
  const link = page.url();

  // Back to two arcs; r0 held at 12 Ω; refit.
  await page.fill('#circuit', 'R-p(R,CPE)-p(R,CPE)');
  await until(page, () => document.querySelectorAll('#circuit-params tr').length === 8, undefined, 10000);
  await page.fill('#cp-start-0', '-1');
  await page.$eval('#cp-start-0', (e) => e.dispatchEvent(new Event('change', { bubbles: true })));
  await until(page, () => /r0: the start value must be > 0/.test(document.querySelector('#circuit-msg').textContent),
    undefined, 5000);
  await page.fill('#cp-start-0', '12');
  await page.$eval('#cp-start-0', (e) => e.dispatchEvent(new Event('change', { bubbles: true })));
  await page.check('#cp-fixed-0');
  await until(page, () => document.querySelector('#circuit-msg').textContent === '', undefined, 5000);
  await page.click('#fit-shown');
  await untilFitted(page, 2);
  rows = await table(page);
  assert.equal(parseShown(rows.r0[1]), 12);
  assert.match(rows.r0[2], /held/);
  // With r0 off by 2 Ω the fit can no longer follow the spectrum exactly.
  const chiHeld = parseShown(await page.textContent('#o-zchi .value'));
  assert.ok(chiHeld > 1e3 * chiFree, `χ² ${chiHeld} held, ${chiFree} free`);
  assert.deepEqual(problems, []);

  // The default circuit is left out of the URL (written 250 ms after the
  // last render); the permalink taken above brings its circuit back.
  await until(page, () => !location.search.includes('zcirc='), undefined, 5000);
  await context.close();
  const again = await open(browser, link);
  assert.equal(await again.page.inputValue('#circuit'), 'R-p(R,CPE)');
  await again.context.close();
});

test('the Lin-KK series terms are chosen beside the residual plot and sent with the fit', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance&zmodel=circuit&kkl=without`);
  assert.equal(await page.inputValue('#ch-kkl'), 'without');
  await page.setInputFiles('#file', twoArcs('two-arcs.csv'));
  await until(page, (re) => new RegExp(re).test(document.querySelector('#file-status').textContent),
    fitted(1).source, 60000);
  assert.match(await page.textContent('#o-zkk'), /passes when no point lies outside/);
  // Changing them says the fit was made with other choices.
  await page.selectOption('#ch-kkc', 'with');
  await until(page, () => /changed since this fit/.test(document.querySelector('#messages-impedance').textContent),
    undefined, 5000);
  assert.deepEqual(problems, []);
  await context.close();
});
