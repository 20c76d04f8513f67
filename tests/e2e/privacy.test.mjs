// Security and privacy: no request leaves the local host, the CSP blocks
// inline script, text from the URL is shown as text, never as markup, and
// exports (which the CSP must still allow) stay in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, slide, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Aborts, and records, every request to a host other than 127.0.0.1. */
async function guard(context) {
  const foreign = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') {
      foreign.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  return foreign;
}

test('using the page requests nothing from any other host', async () => {
  const { context, page, problems } = await open(browser, server.url);
  const foreign = await guard(context);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await slide(page, 'th', 300);
  await page.selectOption('#preset-pick', { index: 1 });
  await page.click('#ch-tab-impedance');
  await page.click('#ch-tab-design');
  await page.waitForSelector('#svg-capacity svg');
  // Exports are made in the page: an SVG and a PNG (canvas from a blob: image, allowed by the CSP).
  for (const kind of ['svg', 'png']) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.click(`button[data-export="${kind}"][data-plot="capacity"]`),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`\\.${kind}$`));
  }
  await page.click('#embed-code summary');
  await page.click('#copy-embed');
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Content-Security-Policy forbids inline script and foreign hosts', async () => {
  const { context, page } = await open(browser, server.url);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  // No host but this one anywhere in the policy.
  assert.doesNotMatch(csp, /https?:|\*/);
  assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0);
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    setTimeout(() => resolve('no violation'), 2000);
  }));
  assert.match(blocked, /^script-src/);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  await context.close();
});

test('markup in a link is shown as text, never run', async () => {
  const markup = '<img src=x onerror="window.injected=1">';
  const query = `?embed=${encodeURIComponent(markup)}&${encodeURIComponent(markup)}=1&th=${encodeURIComponent(markup)}`;
  const { context, page } = await open(browser, server.url + query);
  await until(page, () => document.querySelectorAll('#notices li').length >= 3);
  const notices = await page.textContent('#notices');
  assert.ok(notices.includes('<img src=x'), notices);
  assert.equal(await page.$$eval('#notices img, body img', (i) => i.length), 0);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  assert.equal(await page.isVisible('header.top'), true);
  await context.close();
});
