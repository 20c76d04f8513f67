// Times the impedance core in wasm (the page's compiler settings), from node:
// a circuit fit of R-p(R,CPE)-p(R,CPE) on 71 points with no guesses, Lin-KK
// and the DRT of the same spectra (bench/eis_wasm, built by eis_bench.sh).
//   node bench/eis_wasm_bench.mjs WASM [COUNT]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [, , path, countText] = process.argv;
const count = Number(countText ?? 100);
const bytes = readFileSync(path);
const module = await WebAssembly.compile(bytes);
// Stub every import (wasm-bindgen's, unused by these exports).
const imports = {};
for (const { module: m, name, kind } of WebAssembly.Module.imports(module)) {
  imports[m] ??= {};
  imports[m][name] = kind === "function" ? () => { throw new Error(`${m}.${name} called`); } : undefined;
}
const { exports } = await WebAssembly.instantiate(module, imports);

function time(name, f) {
  f(1000); // warm-up (compilation tiers)
  const ms = [];
  let bad = 0;
  for (let seed = 0; seed < count; seed++) {
    // The least of 3 runs: the machine's other work only adds.
    let least = Infinity;
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      const out = f(seed);
      least = Math.min(least, performance.now() - t);
      if (run === 0 && out < 0) bad++;
    }
    ms.push(least);
  }
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.round((ms.length - 1) * p)];
  console.log(`${name}: ${count} spectra, least of 3 runs each, median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${q(1).toFixed(2)} ms, failed ${bad}`);
}

time("wasm fit R-p(R,CPE)-p(R,CPE), 71 points, no guesses", exports.fit_two_zarcs);
time("wasm Lin-KK, 71 points", exports.kk_two_zarcs);
time("wasm DRT (GCV), 71 points", exports.drt_two_zarcs);
