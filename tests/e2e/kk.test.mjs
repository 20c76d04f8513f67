// Lin-KK in the page: the residuals of Re and Im against frequency with the
// noise band, the rule stated, the points outside offered for masking; and
// masking by a click on the Nyquist plot (hollow, listed, refitted).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, open, until, fixtures } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('KK residuals with the band; the points outside are offered for masking and masked', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  // ZPlot without comments fails KK with 5 points outside the band (ionpath kk).
  await page.setInputFiles('#file', path.join(fixtures, 'impedance.py/exampleDataZPlot_noComments.z'));
  await until(page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  await until(page, () => document.querySelector('#svg-kk svg'), undefined, 10000);
  const kk = await page.textContent('#svg-kk');
  assert.match(kk, /noise band/);
  assert.match(await page.textContent('#o-zkk'), /passes when no point lies outside/);
  assert.match(await page.textContent('#o-zkk .value'), /Fails/);
  const offer = await page.textContent('#mask-kk');
  const n = Number(offer.match(/Mask the (\d+) point/)[1]);
  assert.ok(n >= 1, offer);
  await page.click('#mask-kk');
  await until(page, () => /Fitted 2 of 2\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  assert.match(await page.textContent('#messages-impedance'), new RegExp(`${n} point\\(s\\) masked`));
  assert.ok((await page.textContent('#svg-nyquist')).includes(`masked (${n})`));
  // Unmask all puts them back.
  await page.click('#unmask');
  await until(page, () => /Fitted 3 of 3\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  assert.ok(!/point\(s\) masked/.test(await page.textContent('#messages-impedance')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a click on a Nyquist point masks it and the fit leaves it out', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  await page.setInputFiles('#file', path.join(fixtures, 'impedance.py/Circuit1_EIS_1.z'));
  await until(page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  const points = Number((await page.textContent('#o-zfile .value')).match(/\((\d+) points\)/)[1]);
  // A data marker of the spectrum (filled dots: the path with the most
  // markers), its centre mapped from SVG units to the screen.
  await page.$eval('#svg-nyquist', (e) => e.scrollIntoView({ block: 'center' }));
  const box = await page.$eval('#svg-nyquist svg', (svg) => {
    const count = (p) => ((p.getAttribute('d') ?? '').match(/a3\.5 3\.5/g) ?? []).length;
    const dots = [...svg.querySelectorAll('path')].sort((p, q) => count(q) - count(p))[0];
    const all = [...dots.getAttribute('d').matchAll(/M\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)];
    const m = all[Math.floor(all.length / 2)]; // one inside the frame
    const [x, y] = [Number(m[1]) + 3.5, Number(m[2])];
    const ctm = dots.getScreenCTM();
    return { x: ctm.a * x + ctm.c * y + ctm.e, y: ctm.b * x + ctm.d * y + ctm.f };
  });
  await page.mouse.click(box.x, box.y);
  await until(page, () => /Fitted 2 of 2\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  assert.match(await page.textContent('#messages-impedance'), /1 point\(s\) masked/);
  assert.ok((await page.textContent('#svg-nyquist')).includes('masked (1)'));
  // The residual plot has one point fewer than the spectrum.
  assert.ok(points > 3);
  assert.deepEqual(problems, []);
  await context.close();
});
