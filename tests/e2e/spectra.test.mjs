// Spectra management in the impedance workspace: several spectra overlaid
// with a legend, no duplicates, Remove and Clear all (and Reset) empty the
// list; a new model choice refits nothing until asked, then only the
// spectrum shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, open, until, fixtures } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const a = path.join(fixtures, 'pyDRTtools/LIB_data.txt');
const b = path.join(fixtures, 'pyDRTtools/LIB_data_2.txt');
const status = (page) => page.textContent('#file-status');
const options = (page) => page.$$eval('#spectrum-pick option', (o) => o.length);

test('two spectra overlay, a duplicate is refused, Remove, Clear all and Reset empty the list', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  await page.setInputFiles('#file', a);
  await until(page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  await page.setInputFiles('#file', b);
  await until(page, () => /Fitted 2 of 2\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  assert.equal(await options(page), 2);
  // Both drawn on the Nyquist plot, each named in the legend.
  const svg = await page.textContent('#svg-nyquist');
  assert.ok(svg.includes('LIB_data.txt') && svg.includes('LIB_data_2.txt'), svg.slice(0, 300));
  assert.match(await page.textContent('#messages-impedance'), /2 spectra overlaid/);
  // The same file again adds nothing.
  await page.setInputFiles('#file', []);
  await page.setInputFiles('#file', a);
  await until(page, () => /already loaded/.test(document.querySelector('#file-status').textContent));
  assert.equal(await options(page), 2);
  // Remove the shown one.
  await page.click('#remove-spectrum');
  await until(page, () => document.querySelectorAll('#spectrum-pick option').length === 1);
  assert.match(await status(page), /Removed/);
  assert.equal(await page.$$eval('#batch-table tr[data-row]', (r) => r.length), 1);
  // Clear all: nothing left, no verdict, no table.
  await page.click('#clear-spectra');
  await until(page, () => document.querySelector('#verdict').hidden && document.querySelector('#batch').hidden);
  assert.match(await page.textContent('#messages-impedance'), /Load a spectrum/);
  // Reset clears loaded spectra too.
  await page.setInputFiles('#file', []);
  await page.setInputFiles('#file', b);
  await until(page, () => !document.querySelector('#verdict').hidden, undefined, 60000);
  await page.click('#reset');
  await until(page, () => document.querySelectorAll('#spectrum-pick option').length === 0);
  await page.goto(`${server.url}?tab=impedance`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.textContent('#messages-impedance'), /Load a spectrum/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new model choice refits nothing until asked, then only the shown spectrum', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  await page.setInputFiles('#file', [a, b]);
  await until(page, () => /Fitted 2 of 2\./.test(document.querySelector('#file-status').textContent), undefined, 90000);
  const modelBefore = await page.textContent('#o-zmodelfit .value');
  await page.selectOption('#ch-zmodel', 'line');
  await until(page, () => /to fit again/.test(document.querySelector('#messages-impedance').textContent));
  assert.equal(await page.textContent('#o-zmodelfit .value'), modelBefore, 'nothing was refitted');
  await page.click('#fit-shown');
  await until(page, () => /Fitted 3 of 3\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  assert.match(await page.textContent('#o-zmodelfit .value'), /^tlm /);
  // The other spectrum keeps its first fit (its row still names the circuit).
  const rows = await page.$$eval('#batch-table tr[data-row]', (r) => r.map((tr) => tr.innerText));
  assert.equal(rows.filter((r) => /\ttlm /.test(r)).length, 1, rows.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});
