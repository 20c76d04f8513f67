// ionpath's page worker: reads impedance files and fits spectra off the
// main thread, with the page's own wasm (no second copy); a second instance
// runs the microstructure workspace's jobs (generate, read, solve, sweep,
// simulate), which the page cancels by ending that instance. Written by
// scripts/gen-sw.mjs at build time (from www/worker-template.js) as
// dist/worker.js, bound to the build's hashed files; never edit worker.js.
// The messages are described in src/web/worker.rs; typed arrays are
// transferred, not copied.
import init, * as wasm from '__IONPATH_JS__';

const { worker_read, worker_fit } = wasm;

const ready = init({ module_or_path: new URL('__IONPATH_WASM__', import.meta.url) });
const message = (e) => (typeof e === 'string' ? e : String(e?.message ?? e));
const buffers = (arrays) => arrays.filter((a) => a instanceof Float64Array).map((a) => a.buffer);

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch (e) {
    self.postMessage({ kind: 'broken', message: `the worker could not load the wasm: ${message(e)}` });
    return;
  }
  if (data.kind === 'read') {
    const name = data.file.name;
    try {
      const spectra = worker_read(name, new Uint8Array(await data.file.arrayBuffer()));
      self.postMessage({ kind: 'read', id: data.id, name, spectra },
        buffers(spectra.flatMap((s) => [s.freq, s.z])));
    } catch (e) {
      self.postMessage({ kind: 'read', id: data.id, name, error: message(e) });
    }
  } else if (data.kind === 'fit') {
    try {
      const reply = worker_fit(data);
      self.postMessage(reply, buffers([reply.residuals, reply.kk_residuals]));
    } catch (e) {
      self.postMessage({ kind: 'fit', id: data.id, error: message(e) });
    }
  } else if (data.kind === 'micro') {
    // Progress at most ten times a second; every other event at once.
    let last = 0;
    const post = (msg, transfer) => {
      if (msg.event?.Progress) {
        const now = performance.now();
        if (now - last < 100) return;
        last = now;
      }
      self.postMessage(msg, transfer);
    };
    try {
      if (!wasm.micro_job) throw new Error('this build has no microstructure worker');
      const bytes = data.file ? new Uint8Array(await data.file.arrayBuffer()) : data.codes;
      wasm.micro_job(data, bytes, post);
    } catch (e) {
      self.postMessage({ kind: 'micro', id: data.id, event: { Error: message(e) } });
    }
  }
};
