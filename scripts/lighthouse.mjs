// Lighthouse 12 on the built page (dist/, served locally): prints the
// accessibility, best-practices and performance scores and exits non-zero
// below the targets (95 / 95 / 90). Not part of scripts/test.sh (about a
// minute on 2 cores). Usage: node scripts/lighthouse.mjs [--desktop] [--json FILE]
// [--query STRING] (e.g. --query '?tab=impedance' for the other workspace)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = { accessibility: 95, 'best-practices': 95, performance: 90 };
const args = process.argv.slice(2);
const desktop = args.includes('--desktop');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const query = args.includes('--query') ? args[args.indexOf('--query') + 1] : '';

if (!fs.existsSync(path.join(root, 'dist/index.html'))) {
  console.error('lighthouse: build the page first (trunk build --release --offline)');
  process.exit(2);
}
const server = await serve();
const report = path.join(os.tmpdir(), `ionpath-lighthouse-${process.pid}.json`);
const flags = [
  server.url + query,
  `--only-categories=${Object.keys(targets).join(',')}`,
  '--output=json', `--output-path=${report}`, '--quiet',
  '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync',
  ...(desktop ? ['--preset=desktop'] : []),
];
const code = await new Promise((resolve) => {
  const child = spawn(path.join(root, 'node_modules/.bin/lighthouse'), flags, {
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
  });
  child.on('exit', resolve);
});
await server.close();
if (code !== 0 || !fs.existsSync(report)) {
  console.error(`lighthouse: exited with ${code}`);
  process.exit(2);
}
const result = JSON.parse(fs.readFileSync(report, 'utf8'));
if (jsonOut) fs.copyFileSync(report, jsonOut);
fs.rmSync(report);
let failed = false;
console.log(`Lighthouse ${result.lighthouseVersion}, ${desktop ? 'desktop' : 'mobile'} preset, ${result.finalDisplayedUrl}`);
for (const [id, target] of Object.entries(targets)) {
  const score = Math.round((result.categories[id]?.score ?? 0) * 100);
  failed ||= score < target;
  console.log(`${result.categories[id]?.title ?? id}: ${score} (target ≥ ${target})`);
  // The audits that cost points, so a low score says why.
  for (const ref of result.categories[id]?.auditRefs ?? []) {
    const audit = result.audits[ref.id];
    if (ref.weight > 0 && audit?.score !== null && audit?.score < 0.9) {
      console.log(`  - ${audit.title}: ${audit.displayValue ?? Math.round(audit.score * 100)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
