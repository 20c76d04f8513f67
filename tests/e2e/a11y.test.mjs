// Accessibility: axe-core finds no violation in either workspace (light and
// dark); every text of the plots, their legends, annotations and read-outs
// meets WCAG AA contrast (4.5:1) in both themes; one tab stop per input, a
// skip link, plots named and summarised, read out with the arrow keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { serve, launch, settle, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openIn(colorScheme, query = '', viewport = { width: 1400, height: 1000 }) {
  const context = await browser.newContext({ colorScheme, viewport });
  const page = await context.newPage();
  await page.goto(server.url + query);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await until(page, () => document.querySelectorAll('main section:not([hidden]) .svg-host svg').length >= 2);
  return { context, page };
}

/** Every plot scrolled into view once, so none is left unrendered (content-visibility). */
async function showAll(page) {
  for (const el of await page.$$('main section:not([hidden]) .plot')) await el.scrollIntoViewIfNeeded();
  await settle(page);
}

const axe = async (page) => {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
};

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violation in either workspace (${scheme})`, async () => {
    const { context, page } = await openIn(scheme, '?anode=li');
    await showAll(page);
    assert.deepEqual(await axe(page), [], 'design');
    await page.click('#ch-tab-impedance');
    await until(page, () => !document.querySelector('#ws-impedance').hidden);
    await settle(page);
    assert.deepEqual(await axe(page), [], 'impedance, fit');
    await page.selectOption('#ch-zmode', 'sim');
    await settle(page);
    assert.deepEqual(await axe(page), [], 'impedance, simulate');
    // Narrow: the results strip is shown.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('#ch-tab-design');
    await until(page, () => document.querySelector('#dock-plot-design svg'));
    assert.deepEqual(await axe(page), [], 'design, narrow');
    await context.close();
  });

  test(`legends, annotations and read-outs are readable (${scheme}, WCAG AA)`, async () => {
    const { context, page } = await openIn(scheme, '?th=300&usig=20');
    // Measured points and a read-out, so their legend entries and text exist too.
    await page.fill('#m-tau', '0.3, 3\n0.45, 2.2\n0.6, 1.7');
    await page.focus('#svg-capacity');
    await page.keyboard.press('ArrowRight');
    await showAll(page);
    const low = await page.evaluate(() => {
      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 4).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const opaque = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return rgb(bg).slice(0, 3);
        }
        return [255, 255, 255];
      };
      // The colour drawn: fill (SVG) or color (HTML), blended by fill-opacity and opacity up the tree.
      const drawn = (el, bg) => {
        const style = getComputedStyle(el);
        const isSvg = el instanceof SVGElement;
        let [r, g, b, a = 1] = rgb(isSvg ? style.fill : style.color);
        for (let e = el; e && e.tagName !== 'svg' && e !== document.body; e = e.parentElement) {
          const s = getComputedStyle(e);
          a *= Number(s.opacity) * (isSvg ? Number(s.fillOpacity) : 1);
        }
        return [r, g, b].map((v, k) => a * v + (1 - a) * bg[k]);
      };
      const out = [];
      const check = (el, bg, what) => {
        const fg = drawn(el, bg);
        const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < 4.5) out.push(`${what} "${el.textContent.slice(0, 40)}": ${ratio.toFixed(2)}`);
      };
      for (const svg of document.querySelectorAll('main section:not([hidden]) svg.ip-plot')) {
        const panel = opaque(svg.parentElement);
        for (const t of svg.querySelectorAll('text')) {
          // Inside a legend box, its box's colour is behind the text.
          const box = t.closest('.ip-legend')?.querySelector('rect');
          const bg = box ? rgb(getComputedStyle(box).fill).slice(0, 3) : panel;
          check(t, bg, t.getAttribute('class') ?? 'text');
        }
      }
      for (const el of document.querySelectorAll('main section:not([hidden]) .readout, .hint, .dock-rows li')) {
        if (el.textContent.trim()) check(el, opaque(el), el.className || el.tagName);
      }
      return out;
    });
    assert.deepEqual(low, []);
    // The classes the brief names were all checked.
    const classes = await page.$$eval('svg.ip-plot text', (ts) => [...new Set(ts.map((t) => t.getAttribute('class')))]);
    for (const c of ['ip-legend-label', 'ip-mark-label', 'ip-ref-label', 'ip-tick', 'ip-axis-label']) {
      assert.ok(classes.includes(c), `no ${c} drawn`);
    }
    assert.notEqual(await page.textContent('#hover-capacity'), '');
    await context.close();
  });
}

test('one tab stop per input, a skip link to the results, named plots and drop zone', async () => {
  const { context, page } = await openIn('light');
  // The skip link comes first and moves the focus to the results.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip');
  await page.keyboard.press('Enter');
  await until(page, () => document.activeElement?.id === 'results-design');
  // Sliders are for the pointer; the number field is the tab stop and carries the keys.
  const stops = await page.$$eval('#ws-design input', (els) => els
    .filter((e) => e.type === 'range' || e.classList.contains('num'))
    .map((e) => [e.id, e.tabIndex]));
  for (const [id, tab] of stops) {
    assert.equal(tab, id.startsWith('sl-') ? -1 : 0, id);
  }
  assert.equal(await page.getAttribute('#sl-th', 'aria-label'), await page.evaluate(() =>
    document.querySelector('label[for="in-th"]').textContent));
  await page.focus('#in-th');
  await page.keyboard.press('ArrowUp');
  await until(page, () => document.querySelector('#in-th').value === '601');
  await page.keyboard.press('Shift+ArrowDown');
  await until(page, () => document.querySelector('#in-th').value === '591');
  assert.equal(await page.inputValue('#sl-th'), '591');
  // Plots: role="img", a title and a summary.
  const plots = await page.$$eval('main section:not([hidden]) svg.ip-plot', (svgs) => svgs.map((s) => [
    s.getAttribute('role'), s.querySelector(':scope > title')?.textContent, s.querySelector(':scope > desc')?.textContent]));
  assert.ok(plots.length >= 4);
  for (const [role, title, desc] of plots) {
    assert.equal(role, 'img');
    assert.ok(title && desc && desc.length > 40, `${title}: ${desc}`);
  }
  // The drop zone is not a nameless tab stop: its file input is, with a label.
  await page.click('#ch-tab-impedance');
  assert.equal(await page.getAttribute('#drop', 'tabindex'), null);
  assert.equal(await page.evaluate(() => document.querySelector('#file').labels[0].textContent), 'Load spectra');
  await context.close();
});

test('the arrow keys read a plot out point by point, along a curve and across curves', async () => {
  const { context, page } = await openIn('light');
  await page.focus('#svg-capacity');
  await page.keyboard.press('ArrowRight');
  const first = await page.textContent('#hover-capacity');
  assert.match(first, /^L = 600 µm: i \/ \(mA\/cm²\) = [\d.]+, C \/ \(mAh\/cm²\) = [\d.]+ \(point 1 of \d+\)$/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('#hover-capacity'), /point (\d+) of \1\)$/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  assert.match(await page.textContent('#hover-capacity'), /^L = 300 µm/);
  // A cursor marks the point while the plot has the focus.
  assert.ok(await page.isVisible('#cursor-capacity'));
  await page.keyboard.press('Tab');
  assert.equal(await page.isVisible('#cursor-capacity'), false);
  // The map: its cells.
  await page.focus('#svg-utilisation');
  await page.keyboard.press('ArrowUp');
  assert.match(await page.textContent('#hover-utilisation'), /^L \/ µm = [\d.]+, ε = [\d.]+: utilisation \/ % = [\d.]+$/);
  await context.close();
});
