// Every instrument fixture in ../shared/fixtures/eis/ loads in the page with
// the defaults, is fitted with the model its shape calls for, and gets the
// verdict a person reading its residuals agrees with (the reasons are the
// ones `ionpath fit --model auto` gives for the same file; a "does not
// describe" fit shows no σ_eff, τ or α and cannot hand τ to the design).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, open, until, fixtures } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// File → the verdict expected, and why a person agrees.
const cases = [
  ['impedance.py/Circuit1_EIS_1.z', 'good', 'one clean arc with inductive leads, misses 0.1 %'],
  ['impedance.py/exampleData.csv', 'questionable', 'two arcs and a tail fitted to 0.6 % rms, but the misses run in long stretches'],
  ['impedance.py/exampleDataAutolab.txt', 'questionable', 'close fit, but the spectrum fails Kramers–Kronig'],
  ['impedance.py/exampleDataBioLogic.mpt', 'good', 'a noisy arc (2 % noise), residuals at the noise level'],
  ['impedance.py/exampleDataCHInstruments.txt', 'does_not_describe', 'a flat arc into a tail: R-p(R,CPE)-CPE misses by 5.6 % at the slow end, which fails Kramers–Kronig'],
  ['impedance.py/exampleDataGamry.DTA', 'does_not_describe', 'misses the data by 9 %, far beyond its 1 % noise'],
  ['impedance.py/exampleDataGamryABORT.DTA', 'does_not_describe', 'the same run, aborted part-way'],
  ['impedance.py/exampleDataParstat.txt', 'does_not_describe', 'misses the data by 40 %'],
  ['impedance.py/exampleDataPowersuite.txt', 'does_not_describe', 'misses the data by 48 %'],
  ['impedance.py/exampleDataVersaStudio.par', 'good', 'three arcs, misses below 1 %'],
  ['impedance.py/exampleDataZPlot.z', 'questionable', 'misses by 2 % in long runs of one sign'],
  ['impedance.py/exampleDataZPlot_noComments.z', 'questionable', 'close fit, but the spectrum fails Kramers–Kronig'],
  ['pyDRTtools/LIB_data.txt', 'good', 'a Li-ion cell fitted to 0.7 %'],
  ['pyDRTtools/LIB_data_2.txt', 'good', 'a Li-ion cell fitted to 0.3 %'],
  ['pyDRTtools/data_1.csv', 'good', 'a Li-ion cell fitted to 0.9 %'],
];

for (const [file, expected, why] of cases) {
  test(`${file}: ${expected} (${why})`, async () => {
    const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
    await page.setInputFiles('#file', path.join(fixtures, file));
    await until(page, () => /Fitted (\d+) of \1\./.test(document.querySelector('#file-status').textContent), undefined, 90000);
    const verdict = await page.getAttribute('#verdict', 'data-verdict');
    const reasons = await page.textContent('#verdict-reasons');
    assert.equal(verdict, expected, reasons);
    assert.ok(reasons.length > 20, 'the verdict gives its reasons');
    assert.ok(!(await page.$eval('#verdict', (e) => e.hidden)), 'the verdict is shown');
    const text = await page.evaluate(() => document.querySelector('#ws-impedance').innerText);
    assert.ok(!/NaN|Infinity|undefined/.test(text), text);
    // The batch table says the same verdict.
    const cell = await page.$eval('#batch-table tr.selected', (tr) => tr.innerText);
    assert.ok(cell.includes(expected === 'does_not_describe' ? 'does not describe' : expected), cell);
    if (expected === 'does_not_describe') {
      assert.equal(await page.textContent('#o-ztau .value'), '—');
      assert.match(await page.textContent('#o-ztau .why'), /does not describe/);
      assert.ok(!(await page.$('#o-zsigeff:not([hidden])')), 'σ_eff shown for a fit that does not describe');
      assert.ok(await page.$eval('#send-tau', (b) => b.disabled));
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('an EC-Lab export without its frequency column is refused with the file named', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  await page.setInputFiles('#file', path.join(fixtures, 'impedance.py/exampleDataBioLogic_MissingFreq.mpt'));
  await until(page, () => document.querySelector('#file-status').classList.contains('bad'), undefined, 20000);
  assert.match(await page.textContent('#file-status'), /exampleDataBioLogic_MissingFreq\.mpt.*freq/i);
  assert.deepEqual(problems, []);
  await context.close();
});
