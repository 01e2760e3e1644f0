/* global PerformanceObserver, DataTransfer, ClipboardEvent, WheelEvent -- in-page functions below run in the browser */
// Headless-Chromium part of `npm run bench`, against the built app (`npm run build` first). Prints
// medians next to their targets; asserts nothing. Every figure comes as wall time and as CPU time
// (thread time of the page's tasks, read from a Chrome trace: see trace-cpu.mjs): on a shared,
// loaded machine the wall times mostly measure the neighbours, the CPU times what our code costs.
// Parts (BENCH_PAINT_PARTS=cold,paste,stress,pan,keys):
//   cold   open a share link in a fresh browser context → graph painted (resnet152, googlenet,
//          inception-v4), next to Netscope's and Netron's figures measured on this kind of machine
//   paste  paste into an open page → first graph paint (resnet152, inception-v4, densenet121),
//          with the longest main-thread task during each paste
//   stress the longest main-thread task while pasting a 30,000-layer model, 5 MB of garbage, a
//          20 MB model (20,000 layers and comments) and 20 MB of layers (~174,000), and how long
//          until the analysis answers (the table shows the model)
//   pan    frame times while panning a 20,000-layer model (cards, and the zoomed-out overview)
//   keys   keystroke → figures on screen in resnet152 (real key events, read from the DOM)
// BENCH_PAINT_STRESS=word: only the stress cases whose name holds it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { analyseTrace, traceStart, traceStop } from './trace-cpu.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.LAYERSCOPE_SHARED ?? path.resolve(repo, '../shared');
const RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PAINT_PORT ?? 3310);
const PARTS = new Set((process.env.BENCH_PAINT_PARTS ?? 'cold,paste,stress,pan,keys').split(','));
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Anchors measured on this kind of machine (same Chromium, tools alternating, 5 rounds, quiet
 * machine; issue 13): seconds from opening the file to the graph painted. Not re-measured here.
 */
const ANCHORS = {
  resnet152: { netscope: [3.08, 3.2], netron: 1.76 },
  googlenet: { netscope: [1.41, 1.65], netron: 1.44 },
  'inception-v4': { netscope: [3.03, 3.51], netron: 1.9 },
};
const LONG_TASK_TARGET = 100;
const PASTE_TARGET = 500;

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const load = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;
const model = (name) => readFileSync(path.join(shared, 'models/caffe', `${name}.prototxt`), 'utf8');

/** The library's own share-link and synthetic-model code, bundled for this script. */
async function libHelpers() {
  const dir = mkdtempSync(path.join(tmpdir(), 'layerscope-bench-paint-'));
  const outfile = path.join(dir, 'helpers.mjs');
  await build({
    stdin: {
      contents:
        "export { encodeShare } from './lib/share/codec';\nexport { syntheticPrototxt } from './lib/testing/synthetic';",
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

/**
 * In-page probe: records when the graph of at least `minNodes` boxes is painted: `at` when the
 * app's own (interactive) view is laid out and its cards are painted, `bootAt` when the boot
 * picture (lib/boot: drawn over the graph view before the app has started) is on screen, and
 * `firstAt`, the earlier of the two: the first time the user sees the graph.
 */
function paintProbe() {
  window.__paint = { at: null, bootAt: null, firstAt: null, minNodes: 50, after: 0 };
  const painted = (key, mark) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        const p = window.__paint;
        p[key] = performance.now();
        performance.mark(mark);
        if (p.firstAt === null) {
          p.firstAt = p[key];
          performance.mark('bench:first-painted');
        }
      }, 0),
    );
  let bootSeen = false;
  const check = () => {
    const p = window.__paint;
    if (!bootSeen && performance.now() >= p.after) {
      const b = document.querySelector('[data-testid=graph-boot]');
      if (b && Number(b.getAttribute('data-node-count')) >= p.minNodes && b.querySelector('g.boot-node')) {
        bootSeen = true;
        painted('bootAt', 'bench:boot-painted');
      }
    }
    const v = document.querySelector('[data-testid=graph-view]');
    const drawn =
      document.querySelector('g.graph-node') ||
      document.querySelector('[data-testid=graph-canvas][data-detail=overview]');
    if (
      p.at === null &&
      v &&
      v.getAttribute('data-layout-state') === 'done' &&
      Number(v.getAttribute('data-node-count')) >= p.minNodes &&
      drawn &&
      performance.now() >= p.after
    ) {
      // This frame shows the graph; the time is taken once it has been painted.
      painted('at', 'bench:painted');
      return;
    }
    requestAnimationFrame(check);
  };
  window.__paintCheck = check;
  requestAnimationFrame(check);
}

/** In-page: long tasks and long animation frames (with their longest script) from now on. */
function longTaskProbe() {
  const out = { tasks: [], frames: [] };
  window.__long = out;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => out.tasks.push(e.duration))).observe({
    type: 'longtask',
  });
  try {
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => {
        const s = [...(e.scripts ?? [])].sort((a, b) => b.duration - a.duration)[0];
        out.frames.push({ ms: e.duration, what: s ? `${s.invoker} ${s.sourceURL.split('/').pop()}` : '' });
      }),
    ).observe({ type: 'long-animation-frame' });
  } catch {
    // No long-animation-frame entries in this browser: tasks only.
  }
}

/** In-page: pastes `text` into the editor over its whole content, as Ctrl+A, Ctrl+V would. */
function pasteText(text) {
  const ed = window.monaco.editor.getEditors()[0];
  ed.focus();
  ed.setSelection(ed.getModel().getFullModelRange());
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  const ta = document.querySelector('[data-testid=editor-host] textarea');
  ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
}

async function waitPaint(page) {
  await page.waitForFunction(() => window.__paint?.at != null, null, { timeout: 120_000, polling: 100 });
  return page.evaluate(() => window.__paint.at);
}

async function openPage(browser, base) {
  // bypassCSP: the page's Content-Security-Policy refuses inline scripts, and the bench's helpers
  // below are injected as one; the app itself runs as it would without it.
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await page.goto(`${base}/#/preset/demo-depthwise-separable`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${base}/#/preset/demo-depthwise-separable`);
  await page.waitForSelector('[data-testid=editor-host] .monaco-editor', { timeout: 90_000 });
  await page.waitForSelector('[data-testid=graph-view][data-layout-state=done]', { timeout: 90_000 });
  // The in-page helpers, as globals the evaluate calls below use.
  await page.addScriptTag({ content: [pasteText, paintProbe, longTaskProbe, panFrames].map(String).join('\n') });
  return page;
}

/** CPU figures of a traced window: main-thread CPU, the longest main-thread task, the workers' CPU. */
function cpuOf(r) {
  if (!r || r.missing) return null;
  const worker = r.workers.filter((t) => /DedicatedWorker/.test(t.name)).reduce((sum, t) => sum + t.cpu, 0);
  const pool = r.workers.filter((t) => /ThreadPool/.test(t.name)).reduce((sum, t) => sum + t.cpu, 0);
  return {
    main: r.main.cpu,
    worker,
    pool,
    longest: r.longestByCpu?.cpu ?? 0,
    longestWall: r.longestByCpu?.wall ?? 0,
    longestWhat: r.longestByCpu?.what ?? '',
    over: r.over100Cpu,
  };
}

const ms0 = (x) => (x === undefined || x === null ? '?' : x.toFixed(0));
/** Medians of the CPU figures of several runs, as one line. */
function cpuLine(runs) {
  const ok = runs.filter(Boolean);
  if (ok.length === 0) return 'CPU: no trace';
  const m = (k) => med(ok.map((r) => r[k]));
  const worst = [...ok].sort((a, b) => b.longest - a.longest)[0];
  return (
    `CPU: main thread ${ms0(m('main'))} ms, analysis/layout workers ${ms0(m('worker'))} ms, V8/compositor pool ${ms0(m('pool'))} ms; ` +
    `longest main-thread task ${ms0(m('longest'))} ms CPU median, worst ${ms0(worst.longest)} ms CPU / ${ms0(worst.longestWall)} ms wall (${worst.longestWhat})`
  );
}

/** Traced rounds of the cold open (CPU breakdown only: tracing itself slows the page). */
const TRACE_RUNS = Number(process.env.BENCH_PAINT_TRACE_RUNS ?? 3);

/** One cold open in a fresh context: [first graph paint, interactive graph painted] in ms after navigation start. */
async function coldOpen(browser, base, link, traced) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(paintProbe);
  if (traced) await traceStart(browser, page);
  await page.goto(link);
  // Navigation start is performance.now() = 0 in the new document.
  await waitPaint(page);
  const { firstAt, at, bootAt, mode } = await page.evaluate(() => ({ ...window.__paint, mode: window.__lsBoot?.mode }));
  const cpu = traced
    ? cpuOf(
        analyseTrace(await traceStop(browser), { origin: base, from: 'navigationStart', to: 'bench:first-painted' }),
      )
    : null;
  await ctx.close();
  return { first: firstAt, interactive: at, boot: bootAt, mode, cpu };
}

async function cold(browser, base, lib) {
  const names = Object.keys(ANCHORS).filter((n) => existsSync(path.join(shared, 'models/caffe', `${n}.prototxt`)));
  const links = Object.fromEntries(names.map((n) => [n, `${base}/#${lib.encodeShare({ text: model(n) })}`]));
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  // Models alternate within each round, each in a fresh context (no cache, no storage). The times
  // come from untraced rounds; the CPU breakdown from separate traced ones.
  for (let r = 0; r < RUNS; r++) for (const n of names) runs[n].push(await coldOpen(browser, base, links[n], false));
  for (let r = 0; r < TRACE_RUNS; r++)
    for (const n of names) cpu[n].push((await coldOpen(browser, base, links[n], true)).cpu);
  console.log(`cold open of a share link → graph painted, fresh browser context, median of ${RUNS} (${load()})`);
  console.log('  anchors: Netscope and Netron measured on this kind of machine (issue 13), not in this run');
  console.log(
    '  the target is read from the FIRST GRAPH PAINT: the boot picture (real cards and figures, drawn before the app has',
  );
  console.log(
    '  started) or the app\'s own view, whichever is on screen first; "interactive" is the app\'s own view painted.',
  );
  console.log(
    `  times from ${RUNS} untraced rounds; CPU (until the first graph paint) from ${TRACE_RUNS} separate traced rounds`,
  );
  const s = (ms) => (ms === null || ms === undefined ? '—' : (ms / 1000).toFixed(2));
  for (const n of names) {
    const a = ANCHORS[n];
    const target = Math.min(0.8 * a.netron, 0.5 * a.netscope[0]);
    const firsts = runs[n].map((x) => x.first);
    const m = med(firsts) / 1000;
    const inter = med(runs[n].map((x) => x.interactive)) / 1000;
    const boots = runs[n].filter((x) => x.boot !== null).length;
    const onMain = runs[n].filter((x) => x.mode === 'main').length;
    console.log(
      `  ${n.padEnd(13)} first graph paint median ${m.toFixed(2)} s (all ${firsts.map(s).join(', ')}; boot picture in ${boots}/${RUNS}, drawn on the page's main thread in ${onMain}/${RUNS}); ` +
        `interactive median ${inter.toFixed(2)} s (all ${runs[n].map((x) => s(x.interactive)).join(', ')})`,
    );
    console.log(
      `  ${''.padEnd(13)} Netscope ${a.netscope.join('–')} s, Netron ${a.netron} s → first paint ${(m / a.netron).toFixed(2)}× Netron, ${(m / a.netscope[0]).toFixed(2)}× Netscope; ` +
        `target ≤ ${target.toFixed(2)} s (0.8× Netron, 0.5× Netscope) ${m <= target ? 'met' : 'NOT met'}`,
    );
    console.log(`  ${''.padEnd(13)} until the first graph paint, ${cpuLine(cpu[n])}`);
  }
}

async function paste(browser, base) {
  const names = ['resnet152', 'inception-v4', 'densenet121'].filter((n) =>
    existsSync(path.join(shared, 'models/caffe', `${n}.prototxt`)),
  );
  const page = await openPage(browser, base);
  const demo = await page.evaluate(() => window.monaco.editor.getEditors()[0].getValue());
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const longest = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < RUNS; r++)
    for (const n of names) {
      // Back to the small demo, so each paste brings a new topology (a real layout).
      await page.evaluate(pasteText, demo);
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid=graph-view]')?.getAttribute('data-node-count')) < 30,
        null,
        { timeout: 60_000, polling: 100 },
      );
      await page.waitForTimeout(300);
      // The text travels into the page first (a CDP message as big as the text: harness cost,
      // not the app's), then the timed window starts at the paste itself.
      await page.evaluate((t) => {
        window.__benchText = t;
      }, model(n));
      await page.evaluate(paintProbe);
      await page.evaluate(longTaskProbe);
      await traceStart(browser, page);
      const t0 = await page.evaluate(() => {
        const at = performance.now();
        window.__paint.after = at;
        performance.mark('bench:paste');
        pasteText(window.__benchText);
        window.__benchText = null;
        return at;
      });
      const at = await waitPaint(page);
      times[n].push(at - t0);
      await page.waitForTimeout(500);
      await page.evaluate(() => performance.mark('bench:settled'));
      longest[n].push(
        await page.evaluate(() => Math.max(0, ...window.__long.tasks, ...window.__long.frames.map((f) => f.ms))),
      );
      const events = await traceStop(browser);
      const toPaint = cpuOf(analyseTrace(events, { origin: base, from: 'bench:paste', to: 'bench:painted' }));
      const settled = cpuOf(analyseTrace(events, { origin: base, from: 'bench:paste', to: 'bench:settled' }));
      cpu[n].push(toPaint && settled ? { ...toPaint, ...pick(settled) } : null);
    }
  await page.close();
  console.log(`paste into an open page → first graph paint, median of ${RUNS} (${load()})`);
  for (const n of names) {
    const m = med(times[n]);
    const worstCpu = Math.max(0, ...cpu[n].filter(Boolean).map((c) => c.settledLongest));
    console.log(
      `  ${n.padEnd(13)} median ${m.toFixed(0)} ms (all ${times[n].map((t) => t.toFixed(0)).join(', ')}); target < ${PASTE_TARGET} ms ${m < PASTE_TARGET ? 'met' : 'NOT met'}; ` +
        `longest main-thread task (wall, long-task API) median ${med(longest[n]).toFixed(0)} ms`,
    );
    console.log(
      `  ${''.padEnd(13)} paste → painted ${cpuLine(cpu[n]).replace(/; longest.*/, '')}; until 0.5 s after: longest task ${cpuLine(
        cpu[n].map(
          (c) => c && { ...c, longest: c.settledLongest, longestWall: c.settledWall, longestWhat: c.settledWhat },
        ),
      ).replace(
        /.*longest main-thread task /,
        '',
      )}; target ≤ ${LONG_TASK_TARGET} ms CPU ${worstCpu <= LONG_TASK_TARGET ? 'met' : 'NOT met'}`,
    );
  }
}

/** The longest-task figures of a wider window, under their own names. */
function pick(c) {
  return { settledLongest: c.longest, settledWall: c.longestWall, settledWhat: c.longestWhat, settledOver: c.over };
}

/** A 20 MB text: the 20,000-layer model padded with comment lines (a dump of notes), still one valid model. */
function twentyMegabytes(lib) {
  const body = lib.syntheticPrototxt(19996);
  const line = `# ${'weights and notes '.repeat(5)}\n`;
  // Just under the page's limit (MAX_TEXT_LENGTH, 20 MB = 20,000,000 characters, SI like every
  // figure on the page): a 20 MiB text is refused, and the bench would time the refusal.
  const target = 20_000_000 - 1024;
  return body + line.repeat(Math.floor((target - body.length) / line.length));
}

/**
 * The biggest synthetic model the page takes (under MAX_TEXT_LENGTH): ~174,000 layers and no
 * padding, the issue's "20 MB model" as bench:big reads it, here opened in the app.
 */
function layersUpTo(lib, limit) {
  let n = 175_000;
  let text = lib.syntheticPrototxt(n);
  while (text.length >= limit) {
    n -= 1000;
    text = lib.syntheticPrototxt(n);
  }
  return text;
}

function garbage(bytes) {
  let seed = 42;
  const chars = 'abcdefghijklmnopqrstuvwxyz{}:"_ 0123456789\n';
  let s = '';
  const chunk = [];
  for (let i = 0; i < bytes; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    chunk.push(chars[seed % chars.length]);
    if (chunk.length === 65536) {
      s += chunk.join('');
      chunk.length = 0;
    }
  }
  return s + chunk.join('');
}

async function stress(browser, base, lib) {
  const cases = [
    ['30,000-layer model', () => lib.syntheticPrototxt(30000)],
    ['5 MB of garbage', () => garbage(5 * 1024 * 1024)],
    ['20 MB model', () => twentyMegabytes(lib)],
    ['20 MB of layers', () => layersUpTo(lib, 20_000_000)],
  ];
  console.log(`longest main-thread task while pasting (until the page has settled) (${load()})`);
  // BENCH_PAINT_STRESS=word runs only the cases whose name holds it (e.g. `layers`).
  const only = process.env.BENCH_PAINT_STRESS;
  for (const [name, make] of cases.filter(([n]) => !only || n.includes(only))) {
    const text = make();
    const page = await openPage(browser, base);
    // The text travels into the page before the measured window: pushing 20 MB through CDP is one
    // long "Receive mojo message" task of the harness's own, not of the app.
    await page.evaluate((t) => {
      window.__benchText = t;
    }, text);
    await page.evaluate(longTaskProbe);
    await traceStart(browser, page);
    const t0 = Date.now();
    await page.evaluate(() => {
      performance.mark('bench:paste');
      pasteText(window.__benchText);
      window.__benchText = null;
    });
    // Settled: the analysis answered (a table, a failure or problems) and a few seconds passed.
    await page.waitForFunction(
      () =>
        /of \d{3,} layers/.test(document.querySelector('[data-testid=table-count]')?.textContent ?? '') ||
        document.querySelector('[data-testid=status-failure]') !== null ||
        document.querySelectorAll('[data-testid=problem]').length > 0,
      null,
      { timeout: 180_000, polling: 250 },
    );
    const answered = Date.now() - t0;
    await page.waitForTimeout(5000);
    await page.evaluate(() => performance.mark('bench:settled'));
    const r = await page.evaluate(() => {
      const l = window.__long;
      const top = [...l.frames].sort((a, b) => b.ms - a.ms)[0];
      return {
        task: Math.max(0, ...l.tasks),
        frame: top?.ms ?? 0,
        what: top?.what ?? '',
        over: l.tasks.filter((t) => t > 100).length,
      };
    });
    const c = cpuOf(analyseTrace(await traceStop(browser), { origin: base, from: 'bench:paste', to: 'bench:settled' }));
    console.log(
      `  ${name.padEnd(20)} ${(text.length / 1e6).toFixed(1)} MB: wall: longest task ${r.task.toFixed(0)} ms, longest frame ${r.frame.toFixed(0)} ms (${r.what}), ` +
        `${r.over} tasks over 100 ms; analysis answered after ${answered} ms`,
    );
    console.log(
      `  ${''.padEnd(20)} CPU: longest main-thread task ${c ? `${c.longest.toFixed(0)} ms CPU / ${c.longestWall.toFixed(0)} ms wall (${c.longestWhat}), ${c.over} tasks over 100 ms CPU; main thread ${c.main.toFixed(0)} ms, workers ${c.worker.toFixed(0)} ms in all` : 'no trace'}; ` +
        `target ≤ ${LONG_TASK_TARGET} ms CPU ${c && c.longest <= LONG_TASK_TARGET ? 'met' : 'NOT met'}`,
    );
    await page.close();
  }
}

/** rAF-paced wheel scrolling (pan) for `frames` frames; returns the frame intervals. */
function panFrames(frames) {
  const c = document.querySelector('[data-testid=graph-canvas]');
  const r = c.getBoundingClientRect();
  return new Promise((done) => {
    const out = [];
    let last = performance.now();
    let n = 0;
    const tick = (t) => {
      out.push(t - last);
      last = t;
      performance.mark('bench:frame');
      const dir = Math.floor(n / 30) % 2 ? -1 : 1;
      c.dispatchEvent(
        new WheelEvent('wheel', {
          deltaY: 40 * dir,
          deltaX: 10 * dir,
          clientX: r.x + r.width / 2,
          clientY: r.y + r.height / 2,
          bubbles: true,
          cancelable: true,
        }),
      );
      if (++n < frames) requestAnimationFrame(tick);
      else done(out.slice(2));
    };
    requestAnimationFrame(tick);
  });
}

async function pan(browser, base, lib) {
  const page = await openPage(browser, base);
  await page.evaluate(pasteText, lib.syntheticPrototxt(19996));
  await page.waitForFunction(
    () => {
      const v = document.querySelector('[data-testid=graph-view]');
      return v?.getAttribute('data-layout-state') === 'done' && Number(v.getAttribute('data-node-count')) > 6000;
    },
    null,
    { timeout: 180_000, polling: 500 },
  );
  await page.waitForTimeout(1500);
  const report = async (label) => {
    await traceStart(browser, page);
    const gaps = await page.evaluate(panFrames, 120);
    const r = analyseTrace(await traceStop(browser), { origin: base, frames: 'bench:frame' });
    const detail = await page.getByTestId('graph-canvas').getAttribute('data-detail');
    const m = med(gaps);
    console.log(
      `  ${label.padEnd(34)} (${detail}) wall: frame median ${m.toFixed(1)} ms (${(1000 / m).toFixed(0)} fps), p95 ${pct(gaps, 0.95).toFixed(1)} ms, max ${Math.max(...gaps).toFixed(1)} ms; ` +
        `target p95 ≤ 33 ms ${pct(gaps, 0.95) <= 33.4 ? 'met' : 'NOT met'}`,
    );
    const f = r?.perFrame ?? [];
    if (f.length > 0) {
      const main = f.map((x) => x.main);
      const all = f.map((x) => x.main + x.draw);
      console.log(
        `  ${''.padEnd(34)} CPU per frame: main thread median ${med(main).toFixed(1)} ms, p95 ${pct(main, 0.95).toFixed(1)} ms; ` +
          `with compositing and raster median ${med(all).toFixed(1)} ms, p95 ${pct(all, 0.95).toFixed(1)} ms (${f.length} frames); ` +
          `target p95 ≤ 33 ms CPU ${pct(all, 0.95) <= 33.4 ? 'met' : 'NOT met'}`,
      );
    }
  };
  console.log(`panning a 20,000-layer model (6,666 boxes), 120 wheel-scroll frames (${load()})`);
  await report('default zoom (cards)');
  await page.click('[data-testid=graph-fit-all]');
  await page.waitForTimeout(500);
  await report('Fit all (overview)');
  for (let i = 0; i < 12; i++) await page.click('[aria-label="Zoom in"]');
  await page.waitForTimeout(500);
  await report(`zoom ${await page.getByTestId('graph-canvas').getAttribute('data-zoom')}`);
  await page.close();
}

const KEYSTROKES = 15;
/** Keystrokes right after the paste run on code the worker's JIT has seen once; reported apart. */
const COLD_KEYS = 3;

/**
 * Real keystrokes through Monaco in resnet152: select the last digit of conv1's `num_output: 64`
 * and type its replacement, alternating 5 and 4. Each is timed from the keydown event to the
 * first frame painted with conv1's graph card, conv1's table row and the table totals all showing
 * the new figures (read from the DOM, so nothing the app reports about itself is trusted).
 */
async function keystrokes(browser, base) {
  const text = model('resnet152');
  const page = await openPage(browser, base);
  await page.evaluate(pasteText, text);
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=graph-view]')?.getAttribute('data-node-count')) > 100,
    null,
    { timeout: 60_000, polling: 200 },
  );
  await page.click('[data-testid=tab-layers]');
  await page.waitForTimeout(1000);
  const offset = text.indexOf('num_output: 64') + 'num_output: 6'.length;
  const out = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.evaluate((offset) => {
      const ed = window.monaco.editor.getEditors()[0];
      const s = ed.getModel().getPositionAt(offset);
      ed.setSelection({
        startLineNumber: s.lineNumber,
        startColumn: s.column,
        endLineNumber: s.lineNumber,
        endColumn: s.column + 1,
      });
      ed.focus();
      const q = (sel) => document.querySelector(sel);
      const read = () => [
        q('g.graph-node[data-node-name="conv1"]')?.textContent ?? '',
        q('[data-testid=table-row][data-layer="conv1"] [data-testid=cell-macs] span')?.getAttribute('title') ?? '',
        [...(q('[data-testid=table-totals]')?.querySelectorAll('span[title]') ?? [])]
          .map((e) => e.getAttribute('title'))
          .join('|'),
      ];
      const before = read();
      const probe = { keyAt: null, ms: null };
      window.__benchKey = probe;
      window.addEventListener('keydown', (e) => (probe.keyAt = e.timeStamp), { once: true, capture: true });
      const poll = () => {
        const now = read();
        if (probe.keyAt !== null && now.every((v, j) => v !== '' && v !== before[j])) {
          // A task queued from this frame's rAF callback runs once the frame has been painted.
          setTimeout(() => (probe.ms = performance.now() - probe.keyAt), 0);
          return;
        }
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }, offset);
    await page.keyboard.type(i % 2 === 0 ? '5' : '4');
    await page.waitForFunction(() => window.__benchKey.ms !== null, null, { timeout: 20_000, polling: 50 });
    out.push(await page.evaluate(() => window.__benchKey.ms));
    await page.waitForTimeout(300);
  }
  await page.close();
  const warm = out.slice(COLD_KEYS);
  console.log(
    `keystroke → figures on screen (resnet152) median ${med(out).toFixed(0)} ms over ${out.length} keystrokes (target 100 ms); ` +
      `first ${COLD_KEYS} after the paste ${out
        .slice(0, COLD_KEYS)
        .map((k) => k.toFixed(0))
        .join(', ')} ms, the rest median ${med(warm).toFixed(0)} ms (${load()})`,
  );
}

export async function benchPaint() {
  if (!existsSync(path.join(repo, '.next/BUILD_ID'))) {
    console.log('browser benchmarks: skipped (no build; run `npm run build` first)');
    return;
  }
  if (!existsSync('/usr/bin/chromium') || !existsSync(path.join(shared, 'models/caffe/resnet152.prototxt'))) {
    console.log('browser benchmarks: skipped (needs /usr/bin/chromium and ../shared)');
    return;
  }
  const lib = await libHelpers();
  const server = spawn('npx', ['next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    cwd: repo,
    stdio: 'ignore',
    detached: true,
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(base)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
    if (PARTS.has('cold')) await cold(browser, base, lib);
    if (PARTS.has('paste')) await paste(browser, base);
    if (PARTS.has('stress')) await stress(browser, base, lib);
    if (PARTS.has('pan')) await pan(browser, base, lib);
    if (PARTS.has('keys')) await keystrokes(browser, base);
    await browser.close();
  } finally {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchPaint();
