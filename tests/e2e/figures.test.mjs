// The review's Figures 4C/4D/5B in simulate mode (one click, through the
// state and the permalink, intercepts as the closed forms give them), and
// a published analysis shown beside the computed figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, output, parseShown, slide, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('Figure 5B draws its family, marks Eq. 15 and 16 and survives the permalink', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance&zmode=sim`);
  await until(page, () => document.querySelector('#svg-nyquist svg'));
  await page.click('button[data-load="fig:5b"]');
  await until(page, () => document.querySelector('#ch-layout-electron-electron').checked);
  await until(page, () => /zfig=5b/.test(location.search));
  // Three curves, each named in the legend by its R_ion.
  const legend = await page.$$eval('#svg-nyquist text', (ts) => ts.map((t) => t.textContent).filter((t) => t.startsWith('R_ion')));
  assert.equal(legend.length, 3, legend.join(', '));
  // The sliders' values: R_bulk, R_ion, R_e = 1 mΩ, 1 kΩ, 1 kΩ. Eq. 15:
  // R_bulk + R_ion·R_e/(R_ion + R_e) = 500.001 Ω; Eq. 16: R_bulk + R_e = 1000.001 Ω.
  const value = async (k) => Number(await page.inputValue(`#in-${k}`));
  const [rBulk, rIon, rE] = [await value('srb'), await value('sri'), await value('sre')];
  assert.ok(Math.abs(parseShown(await output(page, 'zhf')) - (rBulk + rIon * rE / (rIon + rE))) < 0.1);
  assert.ok(Math.abs(parseShown(await output(page, 'zlf')) - (rBulk + rE)) < 0.1);
  assert.ok((await page.textContent('#ptable')).includes('Re Z(ω→0)'));
  const svg = await page.innerHTML('#svg-nyquist');
  const link = await page.getAttribute('#permalink', 'href');
  const again = await open(browser, new URL(link, server.url).href);
  await until(again.page, () => document.querySelector('#svg-nyquist svg'));
  assert.equal(await again.page.innerHTML('#svg-nyquist'), svg);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
  await context.close();
});

test('Figure 4C marks the high-frequency intercept R_bulk and the S/3 asymptote', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance&zmode=sim`);
  await until(page, () => document.querySelector('#svg-nyquist svg'));
  await page.click('button[data-load="fig:4c"]');
  await until(page, () => document.querySelector('#ch-layout-ion-electron').checked);
  await until(page, () => /S\/3/.test(document.querySelector('#o-zlf')?.textContent ?? ''));
  const value = async (k) => Number(await page.inputValue(`#in-${k}`));
  const [rBulk, rIon, rE] = [await value('srb'), await value('sri'), await value('sre')];
  // Eq. 8 (R_e → 0): intercept R_bulk; Eq. 13: Re Z → R_bulk + (R_ion + R_e)/3.
  assert.ok(Math.abs(parseShown(await output(page, 'zhf')) - rBulk) < 0.01);
  assert.ok(Math.abs(parseShown(await output(page, 'zlf')) - (rBulk + (rIon + rE) / 3)) < 0.1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Kato et al.'s preset shows 15.7 mAh/cm² published beside the computed value", async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelector('#o-cap .value')?.textContent.length > 0);
  await page.selectOption('#preset-pick', 'p:kato2018');
  await until(page, () => document.querySelector('#table-design table'));
  const rows = await page.$$eval('#table-design tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const cap = rows.find((r) => r[0] === 'areal capacity at 600 µm');
  assert.ok(cap, JSON.stringify(rows));
  assert.equal(parseShown(cap[1]), 15.7);
  assert.match(cap[1], /mAh\/cm²/);
  // 61/3/36 wt% LCO/AB/SE at 5.05/2.00/2.00 g/cm³, 600 µm, 137 mAh/g.
  const rho = 1 / (0.61 / 5.05 + 0.03 / 2 + 0.36 / 2);
  const computed = 0.61 * rho * 0.06 * 137;
  assert.ok(Math.abs(parseShown(cap[2]) - computed) < 0.005, `${cap[2]} vs ${computed}`);
  assert.match(await output(page, 'cmp'), /^as published/);
  // The headline figure, 13.2 mAh/cm² at 6 mA/cm² (Eq. 19), beside the page's; capacity
  // densities in mAh/cm³ like the results (953 C/cm³ = 264.7 mAh/cm³).
  const six = rows.find((r) => /^delivered capacity at 6\s?mA\/cm² \(Eq\. 19\)$/.test(r[0]));
  assert.ok(six, JSON.stringify(rows));
  assert.equal(parseShown(six[1]), 13.2);
  assert.ok(Math.abs(parseShown(six[2]) - 13.2) < 0.1, six[2]);
  const q = rows.find((r) => r[0] === 'capacity density q of the cathode');
  assert.match(q[1], /^264\.7\s?mAh\/cm³$/);
  assert.ok(rows.every((r) => !/C\/cm³/.test(r.join(' '))));
  // A different specific capacity changes what the figures depend on.
  await page.fill('#in-cam', '150');
  await until(page, () => /^modified/.test(document.querySelector('#o-cmp .value').textContent));
  assert.deepEqual(problems, []);
  await context.close();
});
