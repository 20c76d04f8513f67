// Plots: hover read-out of the nearest point, SVG/PNG/CSV export, and the
// keyboard driving a slider.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, open, output, settled, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('hovering the capacity plot reads out the nearest point', async () => {
  const { context, page } = await open(browser, server.url);
  await settled(page); // the discharge model's answers re-render the plots
  await until(page, () => document.querySelector('#svg-capacity svg'));
  const plot = page.locator('#svg-capacity svg');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  // Sweep across the upper part of the plot until a point is near the pointer.
  search: for (const y of [0.2, 0.25, 0.3, 0.35]) {
    for (let k = 1; k < 40; k++) {
      await page.mouse.move(box.x + (box.width * k) / 40, box.y + box.height * y);
      if ((await page.textContent('#hover-capacity')).length > 0) break search;
    }
  }
  const text = await page.textContent('#hover-capacity');
  assert.match(text, /i \/ \(mA\/cm²\) = [\d.]+.*C \/ \(mAh\/cm²\) = [\d.]+/);
  // The utilisation map reads out the cell under the pointer.
  const mapPlot = page.locator('#svg-utilisation svg');
  await mapPlot.scrollIntoViewIfNeeded();
  const map = await mapPlot.boundingBox();
  await page.mouse.move(map.x + map.width * 0.4, map.y + map.height * 0.5);
  assert.match(await page.textContent('#hover-utilisation'), /utilisation/);
  await context.close();
});

test('plots export as SVG, PNG and CSV', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelector('#svg-capacity svg'));
  const grab = async (kind) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`#p-capacity button[data-export=${kind}]`),
    ]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  };
  const svg = await grab('svg');
  assert.equal(svg.name, 'ionpath-capacity.svg');
  assert.match(svg.bytes.toString(), /^<svg[\s\S]*<\/svg>$/);
  assert.ok(!svg.bytes.toString().includes('var(--'), 'exported SVG must carry its own colours');
  const csv = await grab('csv');
  const lines = csv.bytes.toString().trim().split('\n');
  assert.ok(lines.length > 20);
  assert.match(lines[0], /mA\/cm²/);
  const png = await grab('png');
  assert.equal(png.name, 'ionpath-capacity.png');
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a slider moves with the keyboard', async () => {
  const { context, page } = await open(browser, server.url);
  await until(page, () => document.querySelector('#o-areal .value')?.textContent.length > 0);
  const before = await output(page, 'areal');
  await page.focus('#sl-th');
  await page.keyboard.press('ArrowLeft');
  await until(page, (b) => document.querySelector('#o-areal .value').textContent !== b, before);
  assert.equal(await page.inputValue('#in-th'), '599');
  await context.close();
});

test('the utilisation map is painted on its canvas with the pixels of the exported image, and follows the inputs', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await until(page, () => document.querySelector('#svg-utilisation canvas.ip-heatmap'));
  // The page canvas's pixels, and the PNG the exported SVG embeds decoded by the browser.
  const canvasPixels = () => page.$eval('#svg-utilisation canvas.ip-heatmap', (c) =>
    [c.width, c.height, ...c.getContext('2d').getImageData(0, 0, c.width, c.height).data]);
  const exportedPixels = async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#p-utilisation button[data-export=svg]'),
    ]);
    const svg = fs.readFileSync(await download.path()).toString();
    const href = svg.match(/<image[^>]* href="(data:image\/png;base64,[^"]+)"/)[1];
    return page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const c = document.createElement('canvas');
      c.width = image.naturalWidth;
      c.height = image.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(image, 0, 0);
      return [c.width, c.height, ...g.getImageData(0, 0, c.width, c.height).data];
    }, href);
  };
  const before = await canvasPixels();
  assert.deepEqual(before.slice(0, 2), [64, 64]);
  assert.ok(new Set(before.slice(2)).size > 8, 'the canvas holds a map, not one colour');
  assert.deepEqual(before, await exportedPixels());
  // A tenfold lower σ_i lowers the utilisation: the same canvas is repainted.
  const sigma = await page.$eval('#in-sig', (el) => Number(el.value));
  await page.fill('#in-sig', String(sigma / 10));
  await until(page, (b) => {
    const c = document.querySelector('#svg-utilisation canvas.ip-heatmap');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return d.some((v, k) => v !== b[k + 2]);
  }, before);
  const after = await canvasPixels();
  assert.notDeepEqual(after, before);
  assert.deepEqual(after, await exportedPixels());
  // This test's own repeated getImageData calls draw a performance hint from Chromium.
  assert.deepEqual(problems.filter((p) => !p.includes('willReadFrequently')), []);
  await context.close();
});

test('plots updated layer by layer equal the plots drawn afresh for the same inputs', async () => {
  const { context, page, problems } = await open(browser, server.url);
  await settled(page);
  await until(page, () => document.querySelectorAll('.svg-host svg').length >= 4);
  // Moves that change curves, axes (a decade crossed), marks and the map.
  for (const [key, value] of [['th', 150], ['sig', 0.05], ['i', 40], ['th', 1500], ['sig', 30], ['i', 0.3]]) {
    await page.fill(`#in-${key}`, String(value));
    // The permalink carries this very value (not only the key: it already
    // had `th=` from the first move, and a loaded machine writes late).
    await until(page, ([k, v]) => {
      const href = document.querySelector('#permalink').getAttribute('href');
      return Number(new URL(href, location.href).searchParams.get(k)) === v;
    }, [key, value]);
  }
  await settled(page); // the discharge model's plots, from the page worker
  const plots = (p) => p.$$eval('.svg-host', (hosts) => hosts.map((h) => [h.id, h.innerHTML]));
  const moved = await plots(page);
  const href = await page.getAttribute('#permalink', 'href');
  const fresh = await open(browser, new URL(href, server.url).href);
  await until(fresh.page, () => document.querySelectorAll('.svg-host svg').length >= 4);
  await settled(fresh.page);
  assert.deepEqual(await plots(fresh.page), moved);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.context.close();
  await context.close();
});
