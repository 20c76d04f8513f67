// Phones and narrow windows: no sideways scrolling, the header wraps, the
// results and the plot of the input being moved stay on screen (the dock),
// and plot text is never below 11 px whatever the width (plots are drawn for
// their box, not scaled).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, settle, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openAt(width, height, query = '') {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url + query);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await until(page, () => document.querySelector('main section:not([hidden]) .svg-host svg'));
  return { context, page, problems };
}

/** Whether the element matched by `selector` lies wholly inside the viewport. */
const onScreen = (page, selector) => page.$eval(selector, (e) => {
  const r = e.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
});

const noSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

/** The name (<title>) of the dock's plot. */
const dockPlot = (page, tab = 'design') => page.$eval(`#dock-plot-${tab} svg title`, (t) => t.textContent);

for (const [width, height] of [[390, 844], [320, 640]]) {
  test(`at ${width}×${height} nothing scrolls sideways and the results stay on screen while inputs move`, async () => {
    const { context, page, problems } = await openAt(width, height);
    await until(page, () => document.querySelector('#dock-plot-design svg'));
    assert.ok(await noSideways(page), 'the design workspace scrolls sideways');
    // The header wraps inside the width.
    assert.ok(await page.$eval('header.top', (h) => h.scrollWidth <= h.clientWidth + 1));
    // The first screen shows the delivered capacity and its plot.
    assert.ok(await onScreen(page, '#dock-rows-design'), 'results not in the first screen');
    assert.match(await page.textContent('#dock-rows-design'), /Delivered capacity at 6\s?mA\/cm²: 13\.14/);
    assert.ok(await onScreen(page, '#dock-plot-design svg'), 'plot not in the first screen');
    assert.match(await dockPlot(page), /C \/ \(mAh\/cm²\) against i/);
    // Far down the inputs, moving the thickness: the strip is still on screen and follows.
    await page.locator('#in-th').scrollIntoViewIfNeeded();
    assert.ok(await page.evaluate(() => scrollY > 300), 'the thickness field is in the first screen already');
    const before = await page.innerHTML('#dock-plot-design');
    await page.fill('#in-th', '300');
    await until(page, (b) => document.querySelector('#dock-plot-design').innerHTML !== b, before);
    assert.ok(await onScreen(page, '#dock-rows-design'));
    assert.ok(await onScreen(page, '#dock-plot-design svg'));
    // The field being typed in is not under the strip.
    const [field, dock] = await page.evaluate(() => [
      document.querySelector('#in-th').getBoundingClientRect().top,
      document.querySelector('#dock-design').getBoundingClientRect().bottom]);
    assert.ok(field >= dock - 1, `field at ${field}, strip down to ${dock}`);
    // An input of the tortuosity model brings its plot into the strip.
    await page.locator('#in-tau').scrollIntoViewIfNeeded();
    await page.fill('#in-tau', '3');
    await until(page, () => /τ against ε/.test(document.querySelector('#dock-plot-design svg title')?.textContent));
    // The impedance workspace too (simulating: with no spectrum loaded there is no plot).
    await page.click('#ch-tab-impedance');
    await page.selectOption('#ch-zmode', 'sim');
    await until(page, () => document.querySelector('#dock-plot-impedance svg'));
    assert.ok(await onScreen(page, '#dock-plot-impedance svg'));
    assert.ok(await noSideways(page), 'the impedance workspace scrolls sideways');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('plot text is never below 11 px, from 320 to 1400 px wide, in both workspaces', async () => {
  const { context, page, problems } = await openAt(1400, 1000);
  for (const tab of ['design', 'impedance']) {
    if (tab === 'impedance') {
      await page.click('#ch-tab-impedance');
      await page.selectOption('#ch-zmode', 'sim');
    }
    for (const width of [1400, 900, 600, 390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      // Laid out again for the new boxes: each plot's SVG as wide as its box
      // (a plot off screen is laid out when it comes near it).
      for (const host of await page.$$('main section:not([hidden]) .svg-host, main section:not([hidden]) .dock-plot')) {
        if (!(await host.evaluate((h) => h.offsetParent && h.firstElementChild))) continue;
        await host.scrollIntoViewIfNeeded();
        await page.waitForFunction((h) => Math.abs(Number(h.firstElementChild.getAttribute('width'))
          - Math.max(160, h.clientWidth)) <= 1, host, { timeout: 5000 });
      }
      await settle(page);
      const small = await page.evaluate(() => {
        const out = [];
        for (const svg of document.querySelectorAll('main section:not([hidden]) svg.ip-plot')) {
          if (!svg.getBoundingClientRect().width) continue;
          const scale = svg.getScreenCTM().a;
          for (const t of svg.querySelectorAll('text')) {
            const px = parseFloat(getComputedStyle(t).fontSize) * scale;
            if (px < 10.95) out.push(`${svg.parentElement.id}: "${t.textContent}" ${px.toFixed(1)} px`);
          }
        }
        return out;
      });
      assert.deepEqual(small, [], `${tab} at ${width} px`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('wide tables scroll inside their box, not the page', async () => {
  const { context, page, problems } = await openAt(320, 640);
  await page.selectOption('#preset-pick', 'p:kato2018');
  await until(page, () => document.querySelector('#table-design table'));
  assert.ok(await noSideways(page));
  assert.equal(await page.$eval('#table-design', (e) => getComputedStyle(e).overflowX), 'auto');
  assert.deepEqual(problems, []);
  await context.close();
});
