// ionpath's page worker: reads impedance files and fits spectra off the
// main thread, and runs the discharge model's jobs, with the compute module
// (the crate built with the `compute` feature by scripts/build-compute.sh;
// the page's own wasm holds none of that code); the page starts it on its
// first job, after the first results are on screen, or when the impedance
// workspace is first painted, with a warm-up fit (`warm`). The microstructure
// workspace's jobs run in micro-worker.js, with the same module. Written by
// scripts/gen-sw.mjs at build time (from www/worker-template.js) as
// dist/worker.js, bound to the build's hashed files; never edit worker.js.
// The messages are described in src/web/worker.rs; typed arrays are
// transferred, not copied.
import init, { worker_warm, worker_read, worker_fit, worker_circuit, worker_drt, worker_series, worker_discharge } from '__IONPATH_JS__';

const ready = init({ module_or_path: new URL('__IONPATH_WASM__', import.meta.url) });
const message = (e) => (typeof e === 'string' ? e : String(e?.message ?? e));
// Jobs answered in one reply whose numbers (`answer`, a Float64Array) are transferred.
const ANSWERED = new Map([['circuit', worker_circuit], ['series', worker_series], ['drt', worker_drt]]);
const buffers = (arrays) => arrays.filter((a) => a instanceof Float64Array).map((a) => a.buffer);

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch (e) {
    self.postMessage({ kind: 'broken', message: `the worker could not load the wasm: ${message(e)}` });
    return;
  }
  if (data.kind === 'warm') {
    worker_warm(data.query);
  } else if (data.kind === 'read') {
    const name = data.file.name;
    try {
      const spectra = worker_read(name, new Uint8Array(await data.file.arrayBuffer()));
      self.postMessage({ kind: 'read', id: data.id, name, spectra },
        buffers(spectra.flatMap((s) => [s.freq, s.z])));
    } catch (e) {
      self.postMessage({ kind: 'read', id: data.id, name, error: message(e) });
    }
  } else if (data.kind === 'fit') {
    // With `first`, the fit without profile intervals is answered at once,
    // then the complete one (intervals, and any better minimum they found).
    try {
      for (const quick of data.first ? [true, false] : [false]) {
        const reply = worker_fit(data, quick);
        self.postMessage(reply, buffers([reply.model, reply.residuals, reply.kk_residuals]));
      }
    } catch (e) {
      self.postMessage({ kind: 'fit', id: data.id, error: message(e) });
    }
  } else if (ANSWERED.has(data.kind)) {
    try {
      const reply = ANSWERED.get(data.kind)(data);
      self.postMessage(reply, [reply.answer.buffer]);
    } catch (e) {
      self.postMessage({ kind: data.kind, id: data.id, error: message(e) });
    }
  } else if (data.kind === 'discharge' || data.kind === 'fit-discharge') {
    const t0 = performance.now();
    try {
      const reply = worker_discharge(data);
      reply.ms = performance.now() - t0;
      self.postMessage(reply, [reply.answer.buffer]);
    } catch (e) {
      self.postMessage({ kind: data.kind, id: data.id, error: message(e), ms: performance.now() - t0 });
    }
  }
};
