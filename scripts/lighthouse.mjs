// Lighthouse 12 on the built page (dist/, served locally): prints the
// accessibility, best-practices and performance scores and exits non-zero
// below the targets (95 / 95 / 95). Not part of scripts/test.sh (about a
// minute per run on 2 cores).
// Usage: node scripts/lighthouse.mjs [--desktop] [--runs N] [--against DIR] [--json FILE]
//   [--query STRING] (e.g. --query '?tab=impedance' for the other workspace)
// --runs N runs it N times and prints the median of each score and metric;
// --against DIR runs another build (e.g. dist/ of an earlier commit) in turn
// with this one, run by run, so both see the same machine load. The exit code
// follows this build's medians. --json FILE keeps the last run's report (the
// other build's as FILE.against.json).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, dist } from '../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = { accessibility: 95, 'best-practices': 95, performance: 95 };
// The metrics behind the performance score (ms, except the layout shift).
const metrics = {
  'first-contentful-paint': 'FCP', 'largest-contentful-paint': 'LCP', 'total-blocking-time': 'TBT',
  'speed-index': 'SI', 'cumulative-layout-shift': 'CLS',
};
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const desktop = args.includes('--desktop');
const jsonOut = option('--json');
const runs = Number(option('--runs') ?? 1);
const against = option('--against') && path.resolve(option('--against'));
const query = option('--query') ?? '';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

/** One Lighthouse run on `dir`: its report. */
async function lighthouse(dir) {
  const server = await serve(dir);
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
  if (jsonOut) fs.copyFileSync(report, dir === dist ? jsonOut : jsonOut.replace(/(\.json)?$/, '.against.json'));
  fs.rmSync(report);
  return result;
}

/** Scores (0–100) and metrics of one report. */
function summary(result) {
  const row = {};
  for (const id of Object.keys(targets)) row[id] = Math.round((result.categories[id]?.score ?? 0) * 100);
  for (const [id, name] of Object.entries(metrics)) row[name] = result.audits[id]?.numericValue ?? NaN;
  return row;
}

const line = (row) => [
  ...Object.keys(targets).map((id) => `${id} ${row[id]}`),
  ...Object.values(metrics).map((name) => `${name} ${name === 'CLS' ? row[name].toFixed(3) : Math.round(row[name])}`),
].join(', ');

for (const dir of [dist, against].filter(Boolean)) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`lighthouse: no built page in ${dir} (trunk build --release --offline)`);
    process.exit(2);
  }
}
const rows = new Map([[dist, []], ...(against ? [[against, []]] : [])]);
let last;
for (let k = 0; k < runs; k++) {
  for (const dir of rows.keys()) {
    const result = await lighthouse(dir);
    rows.get(dir).push(summary(result));
    if (dir === dist) last = result;
    console.log(`run ${k + 1}, ${dir}: ${line(summary(result))}`);
  }
}
console.log(`Lighthouse ${last.lighthouseVersion}, ${desktop ? 'desktop' : 'mobile'} preset, medians of ${runs} run(s):`);
for (const [dir, list] of rows) {
  const med = Object.fromEntries(Object.keys(list[0]).map((key) => [key, median(list.map((r) => r[key]))]));
  console.log(`  ${dir}: ${line(med)}`);
  rows.set(dir, med);
}
// The audits that cost points in this build's last run, so a low score says why.
let failed = false;
for (const [id, target] of Object.entries(targets)) {
  failed ||= rows.get(dist)[id] < target;
  for (const ref of last.categories[id]?.auditRefs ?? []) {
    const audit = last.audits[ref.id];
    if (ref.weight > 0 && audit?.score !== null && audit?.score < 0.9) {
      console.log(`  - ${id}: ${audit.title}: ${audit.displayValue ?? Math.round(audit.score * 100)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
