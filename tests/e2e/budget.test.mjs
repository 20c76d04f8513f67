// The built page's weight, each file gzip -9, read strictly (decimal
// kilobytes): the first load — HTML + JS + wasm + CSS, everything but the
// compute module — ≤ 400 KB; the compute module (compute-<hash>.js and
// _bg.wasm: every fit, the discharge and microstructure models, the JS API;
// fetched by worker.js once the page has shown its first results, by
// micro-worker.js and api.js when they run) reported apart, with a bound of
// its own. worker.js, micro-worker.js and api.js are small and counted in
// the first load although the page fetches them later or never.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from './harness.mjs';

const files = fs.readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f));
const lazy = (f) => /^compute-[0-9a-f]+(\.js|_bg\.wasm)$/.test(f);
const size = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
const gzipped = (list) => list.reduce((sum, f) => sum + size(f), 0);

test('the first load weighs at most 400 KB gzipped', (t) => {
  const first = files.filter((f) => !lazy(f));
  const wasm = first.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one page wasm expected in the first load, found ${wasm.join(', ')}`);
  const total = gzipped(first);
  t.diagnostic(`first load: ${total} bytes gzipped in ${first.length} files (page wasm ${size(wasm[0])})`);
  assert.ok(total <= 400_000, `first load ${total} bytes gzipped (budget 400,000)`);
});

test('the compute module is apart and loaded only by the workers and api.js', (t) => {
  const compute = files.filter(lazy);
  assert.equal(compute.length, 2, `compute-<hash>.js and _bg.wasm expected, found ${compute.join(', ')}`);
  const total = gzipped(compute);
  t.diagnostic(`compute module (lazy): ${total} bytes gzipped`);
  // Bound 600 KB: the module is built for speed (opt-level 3, Cargo.toml's
  // wasm-compute profile: the 128³ microstructure job 3–5× faster than at
  // opt-level z for +72 KB, docs/BENCHMARKS.md) because nothing waits for it
  // on load: the page worker fetches it after the first results are on
  // screen, the microstructure worker on that workspace's first job, and the
  // service worker precaches it.
  assert.ok(total <= 600_000, `compute module ${total} bytes gzipped (bound 600,000)`);
  const loaders = ['worker.js', 'micro-worker.js', 'api.js', 'sw.js'];
  for (const f of files.filter((f) => !lazy(f) && !loaders.includes(f))) {
    assert.doesNotMatch(fs.readFileSync(path.join(dist, f), 'utf8'),
      /compute-[0-9a-f]{16}|worker_fit|worker_circuit|worker_drt|worker_series|worker_read|worker_discharge|micro_job|api_fit/,
      `${f} refers to the compute module or exports a worker job`);
  }
});
