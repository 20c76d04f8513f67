// Zoom and pan on the Nyquist and Bode plots (issue 17, item 4): Ctrl+wheel
// and the keyboard zoom about a point, a drag pans by the pixels dragged,
// Reset view returns the automatic view; a point clicked on a zoomed plot
// is the point drawn there and is masked; the view stays through the refit;
// the spectrum's CSV lists the masked point. Scales are read from the
// plot's own tick labels and their positions (ohms per pixel).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, until, parseShown } from './harness.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve(); browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ionpath-zoom-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

/** 10 Ω in series with 100 Ω ‖ 1 µF, 41 points from 1 MHz to 10 mHz. */
const FREQ = Array.from({ length: 41 }, (_, k) => 10 ** (6 - 0.2 * k));
function arc() {
  return FREQ.map((f) => {
    const wrc = 2 * Math.PI * f * 100 * 1e-6, d = 1 + wrc * wrc;
    return { f, re: 10 + 100 / d, im: -100 * wrc / d };
  });
}
function writeArc() {
  const file = path.join(tmp, 'arc.csv');
  fs.writeFileSync(file, ['freq_hz,z_re_ohm,z_im_ohm', ...arc().map((p) => `${p.f},${p.re},${p.im}`)].join('\n'));
  return file;
}

/** The x axis of plot `id` as drawn: ohms per SVG pixel and the value at SVG x = 0, from its tick labels. */
async function xScale(page, id) {
  const ticks = await page.$$eval(`#svg-${id} svg text.ip-tick[text-anchor="middle"]`,
    (ts) => ts.map((t) => [Number(t.getAttribute('x')), t.textContent]));
  const pts = ticks.map(([x, s]) => [x, parseShown(s)]).filter(([, v]) => Number.isFinite(v));
  assert.ok(pts.length >= 2, JSON.stringify(ticks));
  const [a, b] = [pts[0], pts[pts.length - 1]];
  const perPx = (b[1] - a[1]) / (b[0] - a[0]);
  return { perPx, at0: a[1] - a[0] * perPx, labels: ticks.map((t) => `${t[1]}@${t[0]}`).join(' ') };
}

/** SVG pixels per screen pixel of plot `id`. */
async function svgPerScreen(page, id) {
  return page.$eval(`#svg-${id} svg`, (svg) => svg.viewBox.baseVal.width / svg.getBoundingClientRect().width);
}

/** Screen position of the centre of plot `id`'s drawing area. */
async function centre(page, id) {
  const box = await page.$eval(`#svg-${id}`, (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  return { x: box.x + box.w * 0.55, y: box.y + box.h * 0.5 };
}

/** Centres of the spectrum's data markers (filled dots: the path with the most markers), on screen and in SVG x. */
async function markers(page) {
  return page.$eval('#svg-nyquist svg', (svg) => {
    const count = (p) => ((p.getAttribute('d') ?? '').match(/a3\.5 3\.5/g) ?? []).length;
    const dots = [...svg.querySelectorAll('path')].sort((p, q) => count(q) - count(p))[0];
    const ctm = dots.getScreenCTM();
    return [...dots.getAttribute('d').matchAll(/M\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => {
      const [x, y] = [Number(m[1]) + 3.5, Number(m[2])];
      return { x: ctm.a * x + ctm.c * y + ctm.e, y: ctm.b * x + ctm.d * y + ctm.f, svgX: x };
    });
  });
}

const close = (a, b, rel) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));

async function loaded(url) {
  const opened = await open(browser, url);
  await opened.page.setInputFiles('#file', writeArc());
  await until(opened.page, () => /Fitted 1 of 1\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  await opened.page.$eval('#svg-nyquist', (e) => e.scrollIntoView({ block: 'center' }));
  return opened;
}

test('Ctrl+wheel and keys zoom about a point, a drag pans, Reset view restores the first view', async () => {
  const { context, page, problems } = await loaded(`${server.url}?tab=impedance`);
  const first = await xScale(page, 'nyquist');
  const c = await centre(page, 'nyquist');
  const k = await svgPerScreen(page, 'nyquist');
  // The value under the pointer before the wheel turn.
  const svgX = await page.$eval('#svg-nyquist svg', (svg, x) => (x - svg.getBoundingClientRect().x) * svg.viewBox.baseVal.width / svg.getBoundingClientRect().width, c.x);
  const under = first.at0 + svgX * first.perPx;

  await page.mouse.move(c.x, c.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await until(page, (l) => [...document.querySelectorAll('#svg-nyquist svg text.ip-tick[text-anchor="middle"]')]
    .map((t) => `${t.textContent}@${t.getAttribute('x')}`).join(' ') !== l, first.labels);
  const wheeled = await xScale(page, 'nyquist');
  // One notch (100 px) zooms in by e^0.2; the value under the pointer stays.
  assert.ok(close(first.perPx / wheeled.perPx, Math.exp(0.2), 0.01), `${first.perPx} → ${wheeled.perPx}`);
  assert.ok(close(wheeled.at0 + svgX * wheeled.perPx, under, 0.01), `${under}`);

  // Keyboard: + zooms in by 1.25 about the centre.
  await page.focus('#svg-nyquist');
  await page.keyboard.press('+');
  const keyed = await xScale(page, 'nyquist');
  assert.ok(close(wheeled.perPx / keyed.perPx, 1.25, 0.01), `${wheeled.perPx} → ${keyed.perPx}`);

  // A drag of 120 screen px to the right moves the data right by as many ohms.
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  await page.mouse.move(c.x + 60, c.y, { steps: 4 });
  await page.mouse.move(c.x + 120, c.y, { steps: 4 });
  await page.mouse.up();
  const panned = await xScale(page, 'nyquist');
  assert.ok(close(panned.perPx, keyed.perPx, 1e-6));
  assert.ok(close(keyed.at0 - panned.at0, 120 * k * keyed.perPx, 0.03), `${keyed.at0} → ${panned.at0}`);
  // The drag's click masked nothing.
  assert.doesNotMatch(await page.textContent('#messages-impedance'), /point\(s\) masked/);

  // Ctrl+arrow pans by a tenth; 0 or the button returns the first view.
  await page.focus('#svg-nyquist');
  await page.keyboard.press('Control+ArrowRight');
  assert.ok((await xScale(page, 'nyquist')).at0 > panned.at0);
  await page.click('#p-nyquist button[data-zoom="reset"]');
  assert.equal((await xScale(page, 'nyquist')).labels, first.labels);
  await page.click('#p-nyquist button[data-zoom="in"]');
  await page.focus('#svg-nyquist');
  await page.keyboard.press('0');
  assert.equal((await xScale(page, 'nyquist')).labels, first.labels);

  // The Bode plot zooms too (its frequency axis); Reset view restores it.
  const bode = await page.$eval('#svg-bode svg', (s) => s.innerHTML);
  await page.focus('#svg-bode');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  assert.notEqual(await page.$eval('#svg-bode svg', (s) => s.innerHTML), bode);
  await page.click('#p-bode button[data-zoom="reset"]');
  assert.equal(await page.$eval('#svg-bode svg', (s) => s.innerHTML), bode);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a point clicked on a zoomed plot is masked, the view stays through the refit, the CSV lists it', async () => {
  const { context, page, problems } = await loaded(`${server.url}?tab=impedance`);
  // Zoomed about a data marker with three Ctrl+wheel notches, the marker
  // drawn nearest to that spot afterwards is clicked.
  const before = await markers(page);
  const aim = before[Math.floor(before.length / 2)];
  const first = (await xScale(page, 'nyquist')).labels;
  await page.mouse.move(aim.x, aim.y);
  await page.keyboard.down('Control');
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await until(page, (l) => [...document.querySelectorAll('#svg-nyquist svg text.ip-tick[text-anchor="middle"]')]
    .map((t) => `${t.textContent}@${t.getAttribute('x')}`).join(' ') !== l, first);
  const zoomed = await xScale(page, 'nyquist');
  const after = await markers(page);
  assert.ok(after.length >= 2 && after.length < before.length, `${before.length} → ${after.length} markers in view`);
  const spot = after.reduce((b, m) => (Math.hypot(m.x - aim.x, m.y - aim.y) < Math.hypot(b.x - aim.x, b.y - aim.y) ? m : b));
  assert.ok(Math.hypot(spot.x - aim.x, spot.y - aim.y) < 3, 'the point under the pointer stayed there');
  // The point the data put there: the spectrum's point whose Z′ is at that pixel.
  const re = zoomed.at0 + spot.svgX * zoomed.perPx;
  const points = arc();
  const nearest = points.reduce((best, p) => (Math.abs(p.re - re) < Math.abs(best.re - re) ? p : best));
  await page.mouse.click(spot.x, spot.y);
  await until(page, () => /Fitted 2 of 2\./.test(document.querySelector('#file-status').textContent), undefined, 60000);
  const message = await page.textContent('#messages-impedance');
  const hz = message.match(/1 point\(s\) masked, left out of the fit: ([^ ]+(?: × 10[⁻⁰-⁹]+)?) Hz/);
  assert.ok(hz, message);
  assert.ok(close(parseShown(hz[1]), nearest.f, 0.01), `${hz[1]} Hz masked, ${nearest.f} Hz drawn there`);
  // The refit re-rendered the plot in the same view.
  assert.equal((await xScale(page, 'nyquist')).labels, zoomed.labels);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#spectrum-csv')]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const rows = text.trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(rows[0], ['freq_hz', 'z_re_ohm', 'z_im_ohm', 'masked', 'fitted', 'z_fit_re_ohm', 'z_fit_im_ohm']);
  assert.equal(rows.length, 42);
  const masked = rows.slice(1).filter((r) => r[3] === 'masked');
  assert.equal(masked.length, 1);
  assert.ok(close(Number(masked[0][0]), nearest.f, 1e-9));
  assert.equal(masked[0][4], 'no');
  assert.equal(rows.slice(1).filter((r) => r[4] === 'yes').length, 40);
  assert.deepEqual(problems, []);
  await context.close();
});
