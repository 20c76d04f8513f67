// The design workspace: loads clean, reproduces Kato et al.'s published
// figure, and every range input changes what the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, output, parseShown, slide, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the page loads with no console errors and no foreign requests', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelector('#o-cap .value')?.textContent.length > 0);
  // Three plots rendered as SVG.
  for (const id of ['capacity', 'utilisation', 'tau']) {
    assert.ok(await page.$(`#svg-${id} svg`), `plot ${id} missing`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the default design is Kato et al.'s cell: ε = 0.571 and 13.2 mAh/cm² at 6 mA/cm²", async () => {
  const { context, page } = await open(browser, server.url);
  await until(page, () => document.querySelector('#o-cap .value')?.textContent.length > 0);
  // MODELS.md: 61/3/36 wt% at 5.05/2.00/2.00 g/cm³ → ε = 0.571 (vol).
  assert.ok(Math.abs(parseShown(await output(page, 'eps')) - 0.571) < 0.002);
  // q_c = 264.7 mAh/cm³ for 137 mAh/g LCO.
  assert.ok(Math.abs(parseShown(await output(page, 'qc')) - 264.7) < 0.5);
  // Their 600 µm cathode holds 115.4 mg/cm² LCO.
  assert.ok(Math.abs(parseShown(await output(page, 'loading')) - 115.4) < 1);
  // σ_eff,c = 0.73 mS/cm (σ_i 3.16 mS/cm, τ 2.47: 0.571·3.16/2.47 = 0.7305).
  assert.ok(Math.abs(parseShown(await output(page, 'sigeff')) - 0.73) < 0.005);
  // Kato et al. via Eq. 19: 13.2 mAh/cm² at 6 mA/cm², ohmic limit.
  assert.ok(Math.abs(parseShown(await output(page, 'cap')) - 13.2) < 0.1, await output(page, 'cap'));
  assert.match(await output(page, 'limit'), /ohmic/);
  await context.close();
});

test('moving the thickness slider updates numbers and plots', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelector('#svg-capacity svg'));
  const areal = await output(page, 'areal');
  const svg = await page.innerHTML('#svg-capacity');
  await slide(page, 'th', 300);
  await until(page, (before) => document.querySelector('#o-areal .value').textContent.trim() !== before, areal);
  // Half the thickness, half the areal capacity q_c·L.
  assert.ok(Math.abs(parseShown(await output(page, 'areal')) - parseShown(areal) / 2) < 0.05);
  assert.equal(await page.inputValue('#in-th'), '300');
  assert.notEqual(await page.innerHTML('#svg-capacity'), svg);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an out-of-range entry says why and keeps the last valid value', async () => {
  const { context, page } = await open(browser, server.url);
  await until(page, () => document.querySelector('#o-areal .value')?.textContent.length > 0);
  const areal = await output(page, 'areal');
  await page.fill('#in-th', '-5');
  await until(page, () => document.querySelector('#msg-th').textContent.length > 0);
  assert.match(await page.textContent('#msg-th'), /out of range/);
  assert.equal(await page.getAttribute('#in-th', 'aria-invalid'), 'true');
  await page.fill('#in-th', 'abc');
  await until(page, () => /not a number/.test(document.querySelector('#msg-th').textContent));
  assert.equal(await output(page, 'areal'), areal);
  // Leaving the field puts the value in use back, the message stays.
  await page.press('#in-th', 'Tab');
  await until(page, () => document.querySelector('#in-th').value === '600');
  assert.match(await page.textContent('#msg-th'), /not a number/);
  const shown = await page.evaluate(() => document.body.innerText);
  assert.ok(!/NaN|Infinity/.test(shown), 'NaN or Infinity on the page');
  await page.fill('#in-th', '450');
  await until(page, () => document.querySelector('#msg-th').textContent === '');
  // The rows are written in the render frame after the message clears.
  await until(page, (before) => document.querySelector('#o-areal .value').textContent.trim() !== before, areal);
  assert.ok(Math.abs(parseShown(await output(page, 'areal')) - parseShown(areal) * 0.75) < 0.05);
  await context.close();
});

test('every visible range input visibly changes the page', async () => {
  const { context, page } = await open(browser, server.url);
  await until(page, () => document.querySelector('#svg-capacity svg'));
  const keys = await page.$$eval('#ws-design input[type=range]', (els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => e.id.slice(3)));
  assert.ok(keys.length >= 20, `only ${keys.length} sliders`);
  const snapshot = () => page.evaluate(() =>
    [...document.querySelectorAll('#outputs-design .out:not([hidden]) .value, #plots-design .svg-host')]
      .map((e) => e.innerHTML).join('|'));
  for (const key of keys) {
    const before = await snapshot();
    const [min, max, now] = await page.$eval(`#sl-${key}`, (e) => [Number(e.min), Number(e.max), Number(e.value)]);
    const typed = await page.inputValue(`#in-${key}`);
    // Move a quarter of the range away from where it is.
    const target = now + (now - min < (max - min) / 2 ? 1 : -1) * (max - min) / 4;
    await slide(page, key, target);
    await page.waitForFunction((b) => {
      const now = [...document.querySelectorAll('#outputs-design .out:not([hidden]) .value, #plots-design .svg-host')]
        .map((e) => e.innerHTML).join('|');
      return now !== b;
    }, before, { timeout: 3000 }).catch(() => assert.fail(`slider ${key} changed nothing`));
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(!/NaN|Infinity|undefined/.test(text), `after ${key}`);
    // Back to the default design before the next input (typed: log sliders
    // only reach 3 significant digits).
    await page.fill(`#in-${key}`, typed);
    await page.waitForFunction((b) => [...document.querySelectorAll('#outputs-design .out:not([hidden]) .value, #plots-design .svg-host')]
      .map((e) => e.innerHTML).join('|') === b, before, { timeout: 3000 })
      .catch(() => assert.fail(`slider ${key} did not restore the view`));
  }
  await context.close();
});

test('a published design and a library material load into the inputs', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelector('#o-cap .value')?.textContent.length > 0);
  await page.selectOption('#material-pick', 'se:lgps');
  await until(page, () => document.querySelector('#in-sig').value !== '3.16');
  // The notice names what was set and where each value comes from.
  assert.match(await page.textContent('#notices'), /set: density .*\(.*et al\..*; σ_i at 25 °C .*\(Kamaya et al\./);
  await page.selectOption('#preset-pick', 'p:kato2018');
  await until(page, () => /Eq. 19 inputs/.test(document.querySelector('#notices').textContent));
  assert.equal(await page.inputValue('#in-am'), '61');
  // The picker names the design loaded (see presets.test.mjs).
  assert.equal(await page.inputValue('#preset-pick'), 'p:kato2018');
  assert.deepEqual(problems, []);
  await context.close();
});

test("a row of the review's Table 1 loads with its assumptions marked", async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelectorAll('#table1-body button[data-load]').length > 0);
  await page.click('#table1 summary');
  const before = await page.inputValue('#in-th');
  const rows = await page.$$('#table1-body tr');
  assert.ok(rows.length >= 5, `only ${rows.length} rows`);
  // The first loadable row whose thickness differs from the default.
  const buttons = await page.$$('#table1-body button[data-load]');
  let changed = false;
  for (const b of buttons) {
    await b.click();
    await until(page, () => /assumed|—/.test(document.querySelector('#notices').textContent));
    if ((await page.inputValue('#in-th')) !== before) { changed = true; break; }
  }
  assert.ok(changed, 'no row changed the thickness');
  assert.match(await page.textContent('#notices'), /assumed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Ragone plot is drawn and follows the thickness', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelector('#svg-ragone svg path'));
  const svg = () => document.querySelector('#svg-ragone').innerHTML;
  const before = await page.evaluate(svg);
  assert.match(before, /SET-Plan target/);
  await page.fill('#in-th', '150');
  await page.waitForFunction((b) => document.querySelector('#svg-ragone').innerHTML !== b, before, { timeout: 3000 })
    .catch(() => assert.fail('the Ragone plot did not change with the thickness'));
  assert.ok(await page.$('#svg-ragone svg path'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the output rows are never clipped: their box follows them through widths and values', async () => {
  // The box around the rows has a fixed height (a layout boundary) that the
  // page keeps equal to the rows' height.
  const { context, page, problems } = await open(browser, server.url);
  const fits = () => page.evaluate(() => {
    const box = document.querySelector('#outputs-design').parentElement.getBoundingClientRect();
    const rows = [...document.querySelectorAll('#outputs-design .out:not([hidden])')];
    const bottom = Math.max(...rows.map((r) => r.getBoundingClientRect().bottom));
    return rows.length > 10 && bottom <= box.bottom && box.bottom - bottom <= 9;
  });
  for (const width of [1400, 360, 900, 1400]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    assert.ok(await fits(), `rows clipped or box too tall at ${width} px`);
  }
  // Values of other lengths (wrapping differently) and rows shown or hidden.
  await page.setViewportSize({ width: 360, height: 900 });
  await page.selectOption('#ch-anode', 'li');
  await page.fill('#in-i', '0.01');
  await until(page, () => document.querySelector('#o-cap .value')?.textContent.includes('mAh'));
  await page.waitForTimeout(100);
  assert.ok(await fits(), 'rows clipped after the anode and current changed');
  assert.deepEqual(problems, []);
  await context.close();
});
