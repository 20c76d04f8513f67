// Chrome traces for the page benchmarks: started with
// `transferMode: 'ReturnAsStream'` on a CDP session, ended and read here.

/** Ends the trace on CDP `session` and returns its events. */
export async function endTrace(session) {
  const done = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.end');
  const { stream } = await done;
  let text = '';
  for (;;) {
    const { data, eof, base64Encoded } = await session.send('IO.read', { handle: stream, size: 1 << 20 });
    text += base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data;
    if (eof) break;
  }
  await session.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Each thread's name by "pid:tid", and the complete ('X') events of the
 * page's main thread (CrRendererMain). */
export function threads(events) {
  const names = {};
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args?.name;
  const main = new Set(Object.keys(names).filter((k) => names[k] === 'CrRendererMain'));
  const isMain = (e) => main.has(`${e.pid}:${e.tid}`);
  return { names, isMain, onMain: events.filter((e) => e.ph === 'X' && isMain(e)) };
}
