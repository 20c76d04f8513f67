// State: the permalink reproduces the view, the autosave restores it, the
// reset button forgets it, and a bad link is reported, not obeyed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, output, settled, slide, release, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const ready = async (page) => {
  await until(page, () => document.querySelector('#o-cap .value')?.textContent.length > 0);
  await settled(page); // the discharge model's rows, from the page worker
};
const snapshot = (page) => page.evaluate(() => ({
  inputs: [...document.querySelectorAll('input.num')].map((e) => `${e.id}=${e.value}`).join('&'),
  outputs: [...document.querySelectorAll('#outputs-design .out:not([hidden]) .value')].map((e) => e.textContent).join('|'),
  selects: [...document.querySelectorAll('select')].map((e) => e.value).join('|'),
}));

test('a permalink reproduces the view exactly in a fresh browser', async () => {
  const { context, page } = await open(browser, server.url);
  await ready(page);
  await slide(page, 'th', 250);
  await page.fill('#in-sig', '7.5');
  await page.selectOption('#ch-taum', 'bruggeman');
  await page.selectOption('#ch-anode', 'li');
  await until(page, () => document.querySelector('#permalink').getAttribute('href').includes('anode=li'));
  const href = await page.getAttribute('#permalink', 'href');
  assert.match(href, /th=250/);
  assert.match(href, /sig=7.5/);
  await settled(page);
  const expected = await snapshot(page);
  await context.close();

  const fresh = await open(browser, new URL(href, server.url).href);
  await ready(fresh.page);
  assert.deepEqual(await snapshot(fresh.page), expected);
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
});

test('a slider reaches the URL when it is let go or stepped, not during the drag', async () => {
  const { context, page } = await open(browser, server.url);
  await ready(page);
  await until(page, () => /th=/.test(location.search));
  await slide(page, 'th', 250);
  await until(page, () => document.querySelector('#in-th').value === '250');
  await page.waitForTimeout(600); // over twice the URL's write delay
  assert.doesNotMatch(new URL(page.url()).search, /th=250\b/);
  await release(page, 'th');
  await until(page, () => /th=250\b/.test(location.search));
  assert.match(await page.getAttribute('#permalink', 'href'), /th=250\b/);
  // A key press on a slider is a change of its own (input, then change).
  await page.focus('#sl-th');
  await page.keyboard.press('ArrowRight');
  await until(page, () => document.querySelector('#in-th').value !== '250');
  const th = await page.inputValue('#in-th');
  await until(page, (t) => new URLSearchParams(location.search).get('th') === t, th);
  await context.close();
});

test('autosave restores the inputs on a plain reload; reset forgets them', async () => {
  const { context, page } = await open(browser, server.url);
  await ready(page);
  await page.fill('#in-i', '12');
  await until(page, () => document.querySelector('#permalink').getAttribute('href').includes('i=12'));
  await page.goto(server.url); // no query: the autosave is used
  await page.waitForSelector('body[data-ready="true"]');
  await ready(page);
  assert.equal(await page.inputValue('#in-i'), '12');
  await page.click('#reset');
  await until(page, () => document.querySelector('#in-i').value === '6');
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.inputValue('#in-i'), '6');
  await context.close();
});

test('a link with unknown or malformed keys is reported and ignored', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?th=120&bogus=3&sig=abc&tab=design`);
  await ready(page);
  const notices = await page.textContent('#notices');
  assert.match(notices, /bogus/);
  assert.match(notices, /sig/);
  assert.equal(await page.inputValue('#in-th'), '120');
  assert.equal(await page.inputValue('#in-sig'), '3.16');
  assert.deepEqual(problems, []);
  await context.close();
});
