// Presets are complete states of the design workspace: a published design or
// a row of the review's Table 1 gives the same outputs whatever was loaded or
// set before, its name stays in the picker until an input changes, and it
// says which inputs it leaves to the user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, settle, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Every shown output row (label and value) and the comparison table, as text. */
const outputs = (page) => page.evaluate(() => [
  ...[...document.querySelectorAll('#outputs-design .out:not([hidden])')].map((r) => r.textContent),
  document.querySelector('#table-design').textContent,
].join('\n'));

async function load(page, id) {
  await page.selectOption('#preset-pick', id);
  await settle(page);
}

test('every preset gives the same outputs whichever preset came before', async () => {
  const { context, page, problems } = await open(browser, server.url);
  const ids = await page.$$eval('#preset-pick option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 10, `${ids.length} presets`);
  // Each preset on a page at its defaults (Reset between them).
  const fresh = {};
  for (const id of ids) {
    await page.click('#reset');
    await settle(page);
    await load(page, id);
    fresh[id] = await outputs(page);
  }
  // Some presets differ from each other, so the comparison can fail.
  assert.ok(new Set(Object.values(fresh)).size >= ids.length - 2);
  // Then every preset right after every other one, and after inputs set by hand.
  await page.fill('#in-th', '139');
  await page.fill('#in-cam', '130');
  await page.selectOption('#ch-taum', 'bruggeman');
  await settle(page);
  for (const first of [null, ...ids]) {
    for (const id of ids) {
      if (first) await load(page, first);
      await load(page, id);
      assert.equal(await outputs(page), fresh[id], `${id} after ${first}`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("a preset's name shows until an input changes, and it names what it leaves to the user", async () => {
  const { context, page, problems } = await open(browser, server.url);
  await load(page, 'p:hlushkou2018');
  assert.equal(await page.inputValue('#preset-pick'), 'p:hlushkou2018');
  // Hlushkou et al.'s own τ from impedance, not the default's 2.47.
  assert.equal(await page.inputValue('#in-tau'), '1.6');
  const notices = await page.textContent('#notices');
  assert.match(notices, /yours to set\): .*Thickness L = 600/);
  // A reload keeps the name (the published analysis is in the link).
  await until(page, () => document.querySelector('#permalink').getAttribute('href').includes('pre=hlushkou2018'));
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await until(page, () => document.querySelector('#preset-pick').value === 'p:hlushkou2018');
  // Changing any design input forgets it; the impedance workspace's inputs do not.
  await page.fill('#in-th', '300');
  await until(page, () => document.querySelector('#preset-pick').value === '');
  await load(page, 't1:0');
  assert.equal(await page.inputValue('#preset-pick'), 't1:0');
  assert.deepEqual(problems, []);
  await context.close();
});
