// Start-up trace (not a test): the main-thread tasks of loading the built page
// in headless Chromium, each with what it spent its time on, so that
// Lighthouse's Total Blocking Time can be traced to its tasks. Run after
// `trunk build --release --offline`:
//   node bench/boot_tasks.mjs [--runs 5] [--against DIR] [--list] [--min 10] [--top 6]
// Each run loads the page (a 412×823 viewport, as Lighthouse's mobile preset)
// until body[data-ready] plus one second, and notes when the first results
// are on screen (the page bench's "load to interactive", here side by side). Lighthouse's mobile preset
// (simulated throttling, lantern) multiplies each observed task by 4, or by 2
// if it lays out, and counts the part over 50 ms of each task after the first
// contentful paint; the same sum over this trace is the "TBT estimate", once
// with each task's thread (CPU) time, which the machine's load does not
// inflate (what an idle machine would show), once with its wall time (what
// Lighthouse would see on this machine now). --against DIR loads another build
// in turn with this one, run by run, so both see the same machine load;
// medians are printed at the end. --list prints every task of at least --min
// ms (thread time) of the first run of each build; script evaluations without
// a URL are the harness's own (Playwright's) and left out of the sums.
import path from 'node:path';
import { serve, launch, dist } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const against = option('--against') && path.resolve(option('--against'));
const runs = Number(option('--runs', 5));
const min = Number(option('--min', 10));
const top = Number(option('--top', 6));
const slowdown = 4; // Lighthouse's mobile CPU multiplier, halved for a task that lays out
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

/** The main-thread trace events of one load of `url`, and navigation start. */
async function trace(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  // When the first results are on screen (the page bench's "load to interactive").
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('#o-cap .value')?.textContent.length > 0) {
        window.firstResultsMs = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,v8.wasm,disabled-by-default-v8.wasm.detailed,loading',
    transferMode: 'ReportEvents',
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout: 60000 });
  await page.waitForTimeout(1000);
  await cdp.send('Tracing.end');
  await done;
  const results = await page.evaluate(() => window.firstResultsMs);
  await context.close();
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((f) => f.pid === e.pid && f.tid === e.tid && f.name === 'ParseHTML'));
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const start = mine.find((e) => e.name === 'navigationStart')?.ts
    ?? Math.min(...mine.filter((e) => e.ts > 0).map((e) => e.ts));
  return { mine, start, results };
}

/** What `task` spent its time on: the trace events inside it, by name. */
function breakdown(mine, task) {
  const by = new Map();
  for (const e of mine) {
    if (e.ph !== 'X' || e === task || e.name === 'RunTask' || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
    const url = (e.args?.data?.url ?? '').split('/').pop();
    const label = e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? `${e.name}(${url || e.args?.data?.functionName || ''})` : e.name;
    by.set(label, (by.get(label) ?? 0) + e.dur / 1000);
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, d]) => `${name} ${d.toFixed(0)}`).join(', ');
}

/** One load's summary (and its task list when `list`). */
async function run(browser, url, list) {
  const { mine, start, results } = await trace(browser, url);
  const ms = (ts) => (ts - start) / 1000;
  const fcp = ms(mine.find((e) => e.name === 'firstContentfulPaint')?.ts ?? start);
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.ts >= start).sort((a, b) => a.ts - b.ts);
  let tbt = 0;
  let wallTbt = 0;
  let longest = 0;
  let total = 0;
  const inside = (task, name) => mine.some((e) => e.name === name && e.ts >= task.ts && e.ts <= task.ts + task.dur);
  for (const task of tasks) {
    // Thread time, not wall time: a task the loaded machine descheduled is not longer.
    const d = (task.tdur ?? task.dur) / 1000;
    const harness = mine.some((e) => e.name === 'EvaluateScript' && !e.args?.data?.url
      && e.ts >= task.ts && e.ts <= task.ts + task.dur);
    if (ms(task.ts) >= fcp && !harness) {
      const multiplier = inside(task, 'Layout') ? slowdown / 2 : slowdown;
      tbt += Math.max(0, multiplier * d - 50);
      wallTbt += Math.max(0, multiplier * task.dur / 1000 - 50);
      longest = Math.max(longest, d);
      total += d;
    }
    if (list && d >= min) {
      const layout = inside(task, 'Layout') ? ', lays out' : '';
      console.log(`${ms(task.ts).toFixed(0).padStart(6)} ms ${d.toFixed(1).padStart(6)} ms (wall ${(task.dur / 1000).toFixed(0)}${layout})  ${breakdown(mine, task)}`);
    }
  }
  if (list) console.log(`${fcp.toFixed(0).padStart(6)} ms first contentful paint`);
  return { fcp, results, total, longest, tbt, wallTbt };
}

const dirs = [dist, against].filter(Boolean);
const servers = await Promise.all(dirs.map((dir) => serve(dir)));
const browser = await launch();
const results = dirs.map(() => []);
const line = (r) => `first paint ${r.fcp.toFixed(0)} ms, first results ${r.results.toFixed(0)} ms; after the paint: tasks ${r.total.toFixed(0)} ms, longest ${r.longest.toFixed(1)} ms, TBT estimate ${r.tbt.toFixed(0)} ms (wall: ${r.wallTbt.toFixed(0)} ms)`;
try {
  for (let k = 0; k < runs; k++) {
    for (const [i, dir] of dirs.entries()) {
      if (args.includes('--list') && k === 0) console.log(`${dir}:`);
      const r = await run(browser, servers[i].url, args.includes('--list') && k === 0);
      results[i].push(r);
      console.log(`run ${k + 1}, ${dir}: ${line(r)}`);
    }
  }
  console.log(`medians of ${runs} runs:`);
  for (const [i, dir] of dirs.entries()) {
    const med = Object.fromEntries(Object.keys(results[i][0]).map((key) => [key, median(results[i].map((r) => r[key]))]));
    console.log(`  ${dir}: ${line(med)}`);
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
