// One-thread wasm speed of the microstructure core (what the page's worker
// will run): generate the benchmark electrode, then τ of its SE along x.
//   cargo build --manifest-path bench/micro-wasm/Cargo.toml --profile speed \
//     --target wasm32-unknown-unknown
//   node bench/micro_wasm.mjs [N ...]        (default 128 200)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const path = new URL('micro-wasm/target/wasm32-unknown-unknown/speed/ionpath_micro_wasm.wasm', import.meta.url);
// The ionpath library brings the page's wasm-bindgen exports along; their
// imports are never called here, so stubs satisfy them.
const module = await WebAssembly.compile(readFileSync(path));
const imports = {};
for (const { module: m, name, kind } of WebAssembly.Module.imports(module)) {
  if (kind !== 'function') throw new Error(`unexpected import ${m}.${name} (${kind})`);
  (imports[m] ??= {})[name] = () => { throw new Error(`${m}.${name} called`); };
}
const instance = await WebAssembly.instantiate(module, imports);
const e = instance.exports;
const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [128, 200]) {
  let t = performance.now();
  if (e.micro_generate(n, 1) !== 1) throw new Error(`generate ${n} failed`);
  const generate = (performance.now() - t) / 1e3;
  t = performance.now();
  const tau = e.micro_tau_se_x();
  const solve = (performance.now() - t) / 1e3;
  console.log(JSON.stringify({ n, generate_s: +generate.toFixed(3), tau_se_x: tau, tau_s: +solve.toFixed(3) }));
}
