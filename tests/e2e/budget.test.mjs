// The built page's weight, each file gzip -9, read strictly (decimal
// kilobytes): the first load — HTML + JS + wasm + CSS, everything but the
// microstructure worker's module — ≤ 400 KB; that module (micro-worker.js,
// micro-<hash>.js and _bg.wasm, fetched on the microstructure workspace's
// first job) reported apart, with a bound of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from './harness.mjs';

const files = fs.readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f));
const lazy = (f) => f === 'micro-worker.js' || /^micro-[0-9a-f]+(\.js|_bg\.wasm)$/.test(f);
const gzipped = (list) => list.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length, 0);

test('the first load weighs at most 400 KB gzipped', (t) => {
  const first = files.filter((f) => !lazy(f));
  assert.ok(first.some((f) => f.endsWith('.wasm')), 'no page wasm in dist/');
  const total = gzipped(first);
  t.diagnostic(`first load: ${total} bytes gzipped in ${first.length} files`);
  assert.ok(total <= 400_000, `first load ${total} bytes gzipped (budget 400,000)`);
});

test('the microstructure module is apart and loaded only by its worker', (t) => {
  const micro = files.filter(lazy);
  assert.equal(micro.length, 3, `micro-worker.js, micro-<hash>.js and _bg.wasm expected, found ${micro.join(', ')}`);
  const total = gzipped(micro);
  t.diagnostic(`microstructure module (lazy): ${total} bytes gzipped`);
  assert.ok(total <= 250_000, `microstructure module ${total} bytes gzipped (bound 250,000)`);
  // Only micro-worker.js names the module; the page's glue exports no micro job.
  for (const f of files.filter((f) => !lazy(f) && f !== 'sw.js')) {
    assert.doesNotMatch(fs.readFileSync(path.join(dist, f), 'utf8'), /micro-[0-9a-f]{16}|micro_job/, `${f} refers to the microstructure module`);
  }
});
