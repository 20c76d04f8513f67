// The compute module's microstructure solve speed in node (no browser, no
// page): runs the `micro` job the page's worker runs for the benchmark
// electrode (n³ voxels of 0.25 µm, the page's default recipe) through the
// built module's `micro_job` export and times, from the call, the first
// row (τ of the SE along x, generation included) and the end of the job
// (12 rows and the metrics). Measures the module
// exactly as built (scripts/build-compute.sh), so its opt-level can be
// compared with its size.
//   node bench/compute_micro_node.mjs DIST_DIR [n=128] [runs=2]
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [dist = 'dist', n = '128', runs = '2'] = process.argv.slice(2);
const glue = fs.readdirSync(dist).find((f) => /^compute-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`no compute-<hash>.js in ${dist}`);
const wasm = glue.replace(/\.js$/, '_bg.wasm');
const m = await import(pathToFileURL(path.resolve(dist, glue)).href);
await m.default({ module_or_path: fs.readFileSync(path.join(dist, wasm)) });
const side = Number(n) * 0.25;
for (let run = 0; run < Number(runs); run += 1) {
  const query = `mlx=${side}&mlw=${side}`;
  // The job as the page sends it: postcard bytes of app::micro::model::Job
  // {id, task: Run, query, volume: None} (varint id < 128, variant 0,
  // varint length < 128 and UTF-8, None); `task` and `query` beside them
  // for modules built before the job became bytes.
  const text = new TextEncoder().encode(query);
  const job = Uint8Array.from([run + 1, 0, text.length, ...text, 0]);
  const data = { kind: 'micro', id: run + 1, job, task: 'run', query };
  let first = null;
  let tau = null;
  let events = 0;
  let error;
  const t0 = performance.now();
  m.micro_job(data, undefined, (message) => {
    error ??= message.error ?? message.event?.Error;
    if (message.progress || message.event?.Progress) return;
    events += 1;
    // The events: the volume, then a row per phase and axis (SE along x
    // first), the metrics, done. Built before the events became postcard
    // bytes, the module sends objects, whose row carries τ.
    if (events === 2 && first === null) {
      first = performance.now() - t0;
      tau = message.event?.Row?.tau ?? null;
    }
  });
  const all = performance.now() - t0;
  if (error) throw new Error(`the job failed: ${error}`);
  console.log(JSON.stringify({ n: Number(n), run, se_x_s: +(first / 1e3).toFixed(3), tau_se_x: tau,
    events, all_s: +(all / 1e3).toFixed(3) }));
}
