// ionpath's microstructure worker: the microstructure workspace's jobs
// (generate, read, solve, sweep, simulate) with the compute module (the
// crate built with the `compute` feature by scripts/build-compute.sh, which
// the page's first load never fetches): the page starts this worker on the
// workspace's first job and cancels a job by ending it. Written by scripts/gen-sw.mjs at build time as
// dist/micro-worker.js, bound to the build's hashed files; never edit
// micro-worker.js. The messages are described in src/web/worker.rs; byte
// arrays are transferred, not copied.
import init, { micro_job } from '__IONPATH_JS__';

const ready = init({ module_or_path: new URL('__IONPATH_WASM__', import.meta.url) });
const message = (e) => (typeof e === 'string' ? e : String(e?.message ?? e));

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch (e) {
    self.postMessage({ kind: 'broken', message: `the microstructure worker could not load its wasm: ${message(e)}` });
    return;
  }
  // Progress at most ten times a second; every other event at once.
  let last = 0;
  const post = (msg, transfer) => {
    if (msg.progress) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
    }
    self.postMessage(msg, transfer);
  };
  try {
    const bytes = data.file ? new Uint8Array(await data.file.arrayBuffer()) : data.codes;
    micro_job(data, bytes, post);
  } catch (e) {
    self.postMessage({ kind: 'micro', id: data.id, error: message(e) });
  }
};
