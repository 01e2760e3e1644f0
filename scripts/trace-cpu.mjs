// Main-thread and worker CPU time from a Chrome trace, for the browser benchmarks. Wall-clock
// times on a shared, loaded machine mostly measure the neighbours; the thread CPU time of each
// task (`tdur` in the trace) is what our code costs, and is what the targets are reasoned from.
//
// Usage: const t = await traceStart(browser, page); …; const r = analyseTrace(await traceStop(t), { from, to })

/** Trace categories: tasks with thread time, script evaluation and calls, user-timing marks. */
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
].join(',');

/** Starts tracing the whole browser (a fresh context's renderer included). */
export async function traceStart(browser, page, { samples = false } = {}) {
  const cats = CATEGORIES.split(',');
  if (samples) cats.push('disabled-by-default-v8.cpu_profiler');
  await browser.startTracing(page, { categories: cats });
  return browser;
}

/** Stops tracing; the parsed trace events. */
export async function traceStop(browser) {
  const buf = await browser.stopTracing();
  const json = JSON.parse(buf.toString('utf8'));
  return Array.isArray(json) ? json : json.traceEvents;
}

const TOP_TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/** What a task's child event did, for the breakdown: a script's file name, a GC, layout… */
function label(e) {
  const d = e.args?.data ?? e.args?.beginData ?? {};
  const url = d.url || d.scriptName || d.fileName || '';
  const file = url ? url.split('/').pop().split('?')[0] : '';
  switch (e.name) {
    case 'EvaluateScript':
    case 'v8.evaluateModule':
      return `evaluate ${file || '(inline)'}`;
    case 'v8.compile':
    case 'v8.compileModule':
    case 'V8.CompileCode':
      return `compile ${file || '(inline)'}`;
    case 'FunctionCall':
      return `call ${file || '?'}${d.functionName ? ` ${d.functionName}` : ''}`;
    case 'EventDispatch':
      return `event ${d.type ?? '?'}`;
    case 'TimerFire':
      return 'timer';
    case 'FireAnimationFrame':
      return 'animation frame';
    case 'ParseHTML':
      return 'parse HTML';
    case 'MajorGC':
    case 'MinorGC':
    case 'V8.GC_SCAVENGER':
    case 'BlinkGC.AtomicPhase':
      return 'GC';
    default:
      return e.name;
  }
}

/**
 * CPU per thread and the longest main-thread tasks of the page whose URL starts with `origin`,
 * between trace marks or page times. `from` / `to`: names of performance.mark()s in the page
 * (the first occurrence after the previous bound), or 'navigationStart'; omitted: the whole trace.
 * `frames`: the name of a mark set once per frame; adds the CPU of each frame (main thread, and
 * the compositor and raster threads that draw it) from one mark to the next.
 */
export function analyseTrace(events, { origin, from, to, frames } = {}) {
  const names = new Map();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  // The page's renderer: the process whose main thread parsed our HTML or ran our scripts.
  const score = new Map();
  for (const e of events) {
    const name = names.get(`${e.pid}:${e.tid}`);
    if (name !== 'CrRendererMain') continue;
    const d = e.args?.data ?? e.args?.beginData ?? {};
    const url = d.url || d.frame?.url || '';
    if (origin && typeof url === 'string' && url.startsWith(origin))
      score.set(e.pid, (score.get(e.pid) ?? 0) + (e.tdur ?? 0) + 1);
  }
  let pid = null;
  for (const [p, s] of score) if (pid === null || s > score.get(pid)) pid = p;
  if (pid === null) return null;
  const mainTid = [...names].find(([k, v]) => v === 'CrRendererMain' && k.startsWith(`${pid}:`))?.[0].split(':')[1];
  const marks = events
    .filter((e) => e.pid === pid && (e.cat ?? '').includes('blink.user_timing'))
    .sort((a, b) => a.ts - b.ts);
  const markTs = (name, after) => marks.find((e) => e.name === name && e.ts >= after)?.ts;
  const t0 = from ? markTs(from, 0) : -Infinity;
  const t1 = to ? markTs(to, t0 ?? 0) : Infinity;
  if (t0 === undefined || t1 === undefined) return { pid, missing: t0 === undefined ? from : to };

  const threads = new Map();
  const mainTasks = [];
  const mainEvents = [];
  /** Top-level tasks of every other thread of the page's process, by thread. */
  const otherTasks = new Map();
  for (const e of events) {
    if (e.pid !== pid || e.ph !== 'X') continue;
    const key = `${e.pid}:${e.tid}`;
    const isMain = String(e.tid) === String(mainTid);
    if (isMain && e.ts + (e.dur ?? 0) > t0 && e.ts < t1) mainEvents.push(e);
    if (!TOP_TASKS.has(e.name) || e.ts < t0 || e.ts >= t1) continue;
    if (isMain) {
      mainTasks.push(e);
      continue;
    }
    const list = otherTasks.get(key) ?? [];
    list.push(e);
    otherTasks.set(key, list);
  }
  // Other threads too: a task runner's task often wraps another (ThreadControllerImpl::RunTask
  // around RunTask), so only the outermost task of each nesting is counted, as on the main thread.
  for (const [key, list] of otherTasks) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const name = names.get(key) ?? key;
    const t = threads.get(name) ?? { cpu: 0, wall: 0, tasks: 0 };
    let end = -Infinity;
    for (const e of list) {
      if (e.ts < end) continue;
      end = e.ts + (e.dur ?? 0);
      t.cpu += (e.tdur ?? 0) / 1000;
      t.wall += (e.dur ?? 0) / 1000;
      t.tasks++;
    }
    threads.set(name, t);
  }
  // A task runner's task often wraps another (RunTask inside ThreadControllerImpl::RunTask): count the outermost.
  mainTasks.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer = [];
  for (const e of mainTasks) {
    const last = outer[outer.length - 1];
    if (last && e.ts < last.ts + (last.dur ?? 0)) continue;
    outer.push(e);
  }
  mainTasks.length = 0;
  for (const e of outer) mainTasks.push(e);
  const mainAll = { cpu: 0, wall: 0, tasks: mainTasks.length };
  for (const e of mainTasks) {
    mainAll.cpu += (e.tdur ?? 0) / 1000;
    mainAll.wall += (e.dur ?? 0) / 1000;
  }
  threads.set('CrRendererMain', mainAll);
  // Children of each main-thread task, for the breakdown (the first level below the task).
  mainEvents.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const breakdown = new Map();
  const childrenOf = (task) => {
    const end = task.ts + task.dur;
    const out = [];
    let until = -Infinity;
    for (const e of mainEvents) {
      if (e === task || e.ts < task.ts || e.ts >= end || TOP_TASKS.has(e.name)) continue;
      if (e.ts < until) continue; // nested in a child already taken
      if ((e.dur ?? 0) < 50) continue;
      out.push(e);
      until = e.ts + (e.dur ?? 0);
    }
    return out;
  };
  const describe = (task) => {
    const parts = new Map();
    for (const c of childrenOf(task)) {
      const l = label(c);
      parts.set(l, (parts.get(l) ?? 0) + (c.tdur ?? c.dur ?? 0) / 1000);
    }
    return [...parts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([l, ms]) => `${l} ${ms.toFixed(0)}`)
      .join(', ');
  };
  for (const task of mainTasks)
    for (const c of childrenOf(task)) {
      const l = label(c).replace(/^(call|evaluate|compile) .*/, (m) => m); // keep the script name
      breakdown.set(l, (breakdown.get(l) ?? 0) + (c.tdur ?? c.dur ?? 0) / 1000);
    }
  let perFrame = null;
  if (frames) {
    const at = marks.filter((e) => e.name === frames && e.ts >= t0 && e.ts <= t1).map((e) => e.ts);
    perFrame = at.slice(1).map(() => ({ main: 0, draw: 0 }));
    const slot = (ts) => {
      // The last mark at or before ts (binary search).
      let lo = 0;
      let hi = at.length - 1;
      if (ts < at[0] || ts >= at[hi]) return -1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (at[mid] <= ts) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    for (const e of mainTasks) {
      const k = slot(e.ts);
      if (k >= 0) perFrame[k].main += (e.tdur ?? 0) / 1000;
    }
    for (const e of events) {
      if (e.pid !== pid || e.ph !== 'X' || !TOP_TASKS.has(e.name)) continue;
      if (!/^Compositor/.test(names.get(`${e.pid}:${e.tid}`) ?? '')) continue;
      const k = slot(e.ts);
      if (k >= 0) perFrame[k].draw += (e.tdur ?? 0) / 1000;
    }
  }
  const byCpu = [...mainTasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0));
  const byWall = [...mainTasks].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  const fmt = (e) =>
    e ? { wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000, what: describe(e), at: (e.ts - t0) / 1000 } : null;
  const main = threads.get('CrRendererMain') ?? { cpu: 0, wall: 0, tasks: 0 };
  return {
    pid,
    tasks: mainTasks.map((e) => ({
      at: (e.ts - t0) / 1000,
      wall: (e.dur ?? 0) / 1000,
      cpu: (e.tdur ?? 0) / 1000,
      what: () => describe(e),
    })),
    windowMs: Number.isFinite(t1 - t0) ? (t1 - t0) / 1000 : null,
    main,
    workers: [...threads].filter(([n]) => n !== 'CrRendererMain').map(([name, t]) => ({ name, ...t })),
    longestByCpu: fmt(byCpu[0]),
    longestByWall: fmt(byWall[0]),
    over100Cpu: mainTasks.filter((e) => (e.tdur ?? 0) > 100_000).length,
    top: byCpu.slice(0, 5).map(fmt),
    breakdown: [...breakdown].sort((a, b) => b[1] - a[1]),
    perFrame,
  };
}

/** One line: main-thread CPU and the longest task by CPU (with its wall time and what it did). */
export function traceLine(r) {
  if (!r) return 'trace: page not found';
  if (r.missing) return `trace: mark ${r.missing} not found`;
  const l = r.longestByCpu;
  const w = r.workers
    .filter((t) => t.cpu >= 5)
    .map((t) => `${t.name.replace(/ thread$/, '')} ${t.cpu.toFixed(0)}`)
    .join(', ');
  return (
    `main thread CPU ${r.main.cpu.toFixed(0)} ms in ${r.main.tasks} tasks (wall ${r.main.wall.toFixed(0)}); ` +
    `longest task ${l ? `${l.cpu.toFixed(0)} ms CPU / ${l.wall.toFixed(0)} ms wall (${l.what})` : 'none'}` +
    (w ? `; other threads CPU: ${w}` : '')
  );
}
