// The built page's weight: HTML + JS + wasm + CSS ≤ 400 KB gzipped, read
// strictly (decimal kilobytes: 400,000 bytes), each file gzip -9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from './harness.mjs';

test('dist/ weighs at most 400 KB gzipped', () => {
  const files = fs.readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'no wasm in dist/');
  const total = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length, 0);
  assert.ok(total <= 400_000, `${total} bytes gzipped (budget 400,000)`);
});
