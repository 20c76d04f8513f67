// The impedance workspace: a spectrum made here from MODELS.md's ion–ion
// formula is fitted back to its τ; a real instrument file loads and fits; a
// bad file says why; simulate mode redraws from the sliders; a spectrum fitted
// alone shows its values before its intervals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, output, parseShown, slide, until, untilFitted, fixtures } from './harness.mjs';
import { ionIon } from './tlm.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-e2e-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

function writeSpectrum(name) {
  const lines = ['freq_hz,z_re_ohm,z_im_ohm'];
  for (let k = 0; k <= 60; k++) {
    const f = 10 ** (6 - k * 8 / 60); // 1 MHz … 10 mHz
    const z = ionIon(f, 10, 100, 0.5, 1e-4);
    lines.push(`${f},${z.re},${z.im}`);
  }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

test('a spectrum from the ion–ion closed form is fitted back to its τ', async () => {
  // L = 100 µm, A = 1 cm², ε = 0.4, σ_i = 1 mS/cm, R_ion = 100 Ω:
  // σ_eff = 0.01 cm/(100 Ω·1 cm²) = 0.1 mS/cm, τ = 0.4·1/0.1 = 4.
  const query = '?tab=impedance&zmodel=line&layout=ion-ion&iface=c&zmode=fit&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1';
  const { context, page, problems } = await open(browser, server.url + query);
  await page.setInputFiles('#file', writeSpectrum('synthetic.csv'));
  await until(page, () => document.querySelector('#o-ztau .value')?.textContent.length > 0, undefined, 20000);
  const tau = parseShown(await output(page, 'ztau'));
  assert.ok(Math.abs(tau - 4) < 0.04, `τ = ${tau}`);
  assert.ok(Math.abs(parseShown(await output(page, 'zsigeff')) - 0.1) < 0.001);
  assert.ok(await page.$('#svg-nyquist svg'), 'no Nyquist plot');
  assert.ok(await page.$('#svg-residuals svg'), 'no residual plot');
  assert.ok((await page.textContent('#ptable')).includes('r_ion'));
  // The verdict first; the profile interval of R_ion in the table (lo … hi, around 100 Ω).
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'good');
  assert.equal(await page.textContent('#verdict-text'), 'good');
  const rIonRow = await page.$$eval('#ptable tr', (trs) => trs.map((tr) => tr.innerText).find((t) => t.startsWith('r_ion')));
  const [lo, hi] = rIonRow.split('\t')[2].split(' … ').map(parseShown);
  assert.ok(lo <= 100 && 100 <= hi && hi - lo < 1, rIonRow);
  // Hand τ to the design workspace.
  await page.click('#send-tau');
  await until(page, () => !document.querySelector('#ws-design').hidden);
  assert.equal(await page.$eval('#ch-taum', (e) => e.value), 'measured');
  assert.ok(Math.abs(Number(await page.inputValue('#in-tau')) - tau) < 1e-3);
  assert.match(await page.textContent('#notices'), /^τ = [\d.]+ from the impedance fit is now the design's measured τ$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a real three-column export loads and is fitted', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance&layout=ion-electron&zmode=fit`);
  await page.setInputFiles('#file', path.join(fixtures, 'impedance.py/exampleData.csv'));
  await until(page, () => /Fitted 1 of 1/.test(document.querySelector('#file-status').textContent), undefined, 30000);
  assert.match(await output(page, 'zfile'), /exampleData\.csv \(\d+ points\)/);
  const text = await page.evaluate(() => document.querySelector('#ws-impedance').innerText);
  assert.ok(!/NaN|Infinity|undefined/.test(text));
  // A verdict, the Lin-KK check with its rule, and τ only where the verdict offers it.
  assert.match(await page.getAttribute('#verdict', 'data-verdict'), /^(good|questionable|does_not_describe)$/);
  assert.match(await output(page, 'zkk'), /% \(\d+ Voigt elements\)\. (Passes|Fails)/);
  if ((await output(page, 'ztau')) === '—') {
    assert.ok(await page.$eval('#send-tau', (b) => b.disabled));
    assert.match(await page.textContent('#o-ztau .why'), /σ_eff, τ and α are not given/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

/** The value of one unit in the last digit of a number shown: 10⁻⁴ for
 * "0.0017", 0.1 for "1.23 × 10¹", 10⁻¹⁰⁴ for "4.365 × 10⁻¹⁰¹". */
function lastDigit(text) {
  const mantissa = text.match(/^[-−]?\d+(?:\.(\d+))?/);
  return 10 ** -(mantissa[1]?.length ?? 0) * parseShown(text.replace(mantissa[0], '1'));
}

/** The parameter table's rows (cells' texts), header left out; run in the page. */
const tableRows = () => [...document.querySelectorAll('#ptable tr')].slice(1)
  .map((r) => [...r.children].map((c) => c.textContent));

// A spectrum fitted alone is answered twice by the page worker: the fit
// without its profile intervals ("being computed…"), then the complete
// answer. Each is drawn at the frame after it arrives, so the first reaches
// the screen only if the profiles take longer than that frame (the first
// drawing of the plots, 10–30 ms of CPU). The Gamry example gets a
// circuit with nine free parameters, whose profiles took about 400 ms in
// the worker; with the noise-free two arcs of circuit.test.mjs, they took
// so little that both answers were drawn in one frame (legitimately).
test('a spectrum fitted alone shows its values first, then the same values with every interval', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  // Every state of the table that reaches the DOM, recorded from before the pick.
  await page.evaluate((rowsText) => {
    const rows = new Function(`return (${rowsText})()`);
    const states = [];
    window.tableStates = states;
    new MutationObserver(() => {
      const now = rows();
      if (now.length > 0 && JSON.stringify(now) !== JSON.stringify(states.at(-1))) states.push(now);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, tableRows.toString());
  await page.setInputFiles('#file', path.join(fixtures, 'impedance.py/exampleDataGamry.DTA'));
  await untilFitted(page, 1);
  const states = await page.evaluate(() => window.tableStates);
  const pending = (state) => state.some((cells) => cells[2] === 'being computed…');
  const first = states.findIndex(pending);
  assert.ok(first >= 0, `no state with the intervals being computed among ${JSON.stringify(states)}`);
  const last = states.at(-1);
  assert.ok(first < states.length - 1 && !pending(last), JSON.stringify(states));
  assert.deepEqual(last, await page.evaluate(tableRows), 'the last state recorded is the table shown');
  // The first answer: every value, every interval being computed; the
  // complete one: the same values (the same fit), every interval given.
  assert.deepEqual(states[first].map((cells) => cells[0]), last.map((cells) => cells[0]));
  for (const [k, cells] of states[first].entries()) {
    assert.equal(cells[2], 'being computed…', cells[0]);
    assert.ok(Number.isFinite(parseShown(cells[1])), `${cells[0]}: ${cells[1]}`);
    // Each answer shows the digits its uncertainty allows: the same value
    // agrees to the last digit the less precise one shows.
    const [a, b] = [cells[1], last[k][1]];
    assert.ok(Math.abs(parseShown(a) - parseShown(b)) <= 0.5 * Math.max(lastDigit(a), lastDigit(b)) * (1 + 1e-9),
      `${cells[0]}: ${a} first, ${b} last`);
    assert.ok(last[k][2] !== '' && !last[k][2].includes('being computed'), `${cells[0]}: ${last[k][2]}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad file shows a message naming it', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?tab=impedance`);
  const bad = path.join(tmp, 'notes.txt');
  fs.writeFileSync(bad, 'this is not a spectrum\n1,2\n');
  await page.setInputFiles('#file', bad);
  await until(page, () => document.querySelector('#file-status').classList.contains('bad'));
  assert.match(await page.textContent('#file-status'), /notes\.txt/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('simulate mode redraws the Nyquist plot from the sliders', async () => {
  const { context, page } = await open(browser, `${server.url}?tab=impedance&zmode=sim`);
  await until(page, () => document.querySelector('#svg-nyquist svg'));
  const before = await page.innerHTML('#svg-nyquist');
  await slide(page, 'sri', 800);
  await until(page, (b) => document.querySelector('#svg-nyquist').innerHTML !== b, before);
  assert.ok(parseShown(await output(page, 'ztau')) > 0);
  // A simulation has no residuals: no empty card for them.
  await until(page, () => document.querySelector('#p-residuals'));
  assert.equal(await page.isVisible('#p-residuals'), false);
  // Back to fitting with no spectrum: no plot at all, none left from the simulation.
  await page.selectOption('#ch-zmode', 'fit');
  await until(page, () => [...document.querySelectorAll('#plots-impedance figure')].every((f) => f.hidden));
  await context.close();
});
