// Speed of the discharge model as wasm32 (the page's opt-level "z" build) in node, and with
// --chromium in headless Chromium (the same timing code in a page, the wasm inlined).
//   cargo build --release --target wasm32-unknown-unknown --manifest-path bench/discharge_wasm/Cargo.toml
//   node bench/discharge_wasm.mjs [--chromium]
// The crate links ionpath's wasm-bindgen glue, which the exports never call:
// its imports are stubs that throw.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";

const path = new URL("./discharge_wasm/target/wasm32-unknown-unknown/release/discharge_wasm_bench.wasm", import.meta.url);
const bytes = readFileSync(path);

// Runs in node and, as text, in the browser page.
function run(bytes, cpu, print) {
const module = new WebAssembly.Module(bytes);
const imports = {};
for (const { module: m, name, kind } of WebAssembly.Module.imports(module)) {
  imports[m] ??= {};
  if (kind === "function") imports[m][name] = () => { throw new Error(`${m}.${name} called`); };
}
const { exports } = new WebAssembly.Instance(module, imports);

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases = [
  ["mild", 0, [0.5e-3, 2e-3, 5e-3]],
  ["transport-limited", 1, [0.2e-3, 0.5e-3, 1e-3]],
];
// Warm-up: let V8 tier the module up before timing.
for (let k = 0; k < 5; k++) exports.discharge_case(0, 2e-3);
for (const [name, which, currents] of cases) {
  for (const i of currents) {
    const times = [];
    const c0 = cpu();
    let q = 0;
    const runs = 40;
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      q = exports.discharge_case(which, i);
      times.push(performance.now() - t0);
    }
    const cpuMs = (cpu() - c0) / runs;
    print(`${name} ${(i * 1e3).toFixed(1)} mA/cm2: ${cpuMs.toFixed(2)} ms CPU, median ${median(times).toFixed(2)} ms wall per discharge (${(q / 3.6).toFixed(4)} mAh/cm2)`);
  }
  const times = [];
  const c0 = cpu();
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    exports.sweep_case(which, currents[2]);
    times.push(performance.now() - t0);
  }
  print(`${name} sweep of 10 currents: ${((cpu() - c0) / 5).toFixed(1)} ms CPU, median ${median(times).toFixed(1)} ms wall`);
}
}

if (process.argv.includes("--chromium")) {
  // The page has no CPU clock: it reports wall time (performance.now) for both columns.
  const html = `<!doctype html><meta charset="utf-8"><pre id="out"></pre><script>
const bytes = Uint8Array.from(atob("${bytes.toString("base64")}"), (c) => c.charCodeAt(0));
const lines = [];
(${run.toString()})(bytes, () => performance.now(), (l) => lines.push(l));
lines.push(navigator.userAgent);
document.getElementById("out").textContent = lines.join("\\n");
</script>`;
  mkdirSync("bench-out", { recursive: true });
  writeFileSync("bench-out/discharge_wasm.html", html);
  const dom = execFileSync("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
    `file://${process.cwd()}/bench-out/discharge_wasm.html`], { encoding: "utf8", maxBuffer: 1 << 26 });
  const text = dom.match(/<pre id="out">([\s\S]*?)<\/pre>/)[1].replace(/&amp;/g, "&");
  console.log("headless Chromium (wall time in both columns):\n" + text);
} else {
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
  run(bytes, cpu, console.log);
  console.log(`node ${process.version}`);
}
