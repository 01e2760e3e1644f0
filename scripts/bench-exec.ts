/**
 * `npm run bench:exec` (tsx scripts/bench-exec.ts): execution overhead of the Run panel.
 * Needs a built app (`npm run build`). Starts `next start`, and in headless Debian Chromium
 * measures MobileNet v1 and ResNet-50 at 224 on WASM (threads on: the app is cross-origin
 * isolated) two ways:
 *  - ours: the Run panel in fast mode (its worker encodes, creates the session, times session.run);
 *  - direct: the very same ONNX bytes through onnxruntime-web in a plain module worker, with the
 *    very same session options (`sessionOptions` from lib/exec/engine) and thread count.
 * Fairness: each contender runs in its own fresh browser context (closed afterwards, so no idle
 * runtime, thread pool or worker of the other is alive), the order alternates every round, and
 * both warm up by the panel's rule (lib/exec/warmup.ts, the same code bundled into the direct
 * worker: at least WARMUP runs and WARMUP_MS, then until runs stop getting faster, at most
 * WARMUP_MAX_MS). Each figure is the median of RUNS timed runs. A first round per model is run
 * but not counted (start-up).
 * Prints every round with the load average, then per model the median of the round medians, their
 * ratio and the median of the per-round (paired) ratios, the target being ≤ 1.10×; then the
 * profile-mode total and the achieved GFLOP/s of the biggest conv layer. BENCH_TRACE=1 adds one
 * traced pair per model and prints the garbage-collection time in each contender's worker during
 * its timed runs (the question whether our worker pays for GC the direct one does not).
 * BENCH_AA=1 runs the direct contender a second time in every round and prints the same paired
 * ratio for direct against itself: what this machine's noise alone does to the ratio, to read
 * ours/direct against.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type Page } from '@playwright/test';
import { analyzeText } from '../lib/index';
import { sessionOptions } from '../lib/exec/engine';
import { DEFAULT_WARMUP_MAX_MS, DEFAULT_WARMUP_MS, DEFAULT_WARMUP_RUNS } from '../lib/exec/worker/protocol';
import { lowerAnalysis } from '../lib/exec/lower';
import { encodeLowered, seededInputs } from '../lib/exec/onnx/encode';
import { median } from '../lib/exec/stats';
import { readCorpus } from '../lib/testing/corpus';
import { gcDuringTimedRuns, TRACE_CATEGORIES, type GcSummary } from './bench-exec-trace';

const PORT = Number(process.env.BENCH_PORT ?? 3121);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? DEFAULT_WARMUP_RUNS);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? DEFAULT_WARMUP_MS);
const WARMUP_MAX_MS = Number(process.env.BENCH_WARMUP_MAX_MS ?? DEFAULT_WARMUP_MAX_MS);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SETTLE_MS = 2_000;
const DIAG = process.env.BENCH_DIAG === '1';
const TRACE = process.env.BENCH_TRACE === '1';
const AA = process.env.BENCH_AA === '1';
const SEED = 1;
const MODELS = (process.env.BENCH_MODELS ?? 'mobilenet_v1.prototxt,resnet50.prototxt').split(',');
const BENCH_DIR = 'public/bench-exec';

/** What one contender measured. */
interface Measured {
  runMs: number[];
  warmupRuns: number;
  warmupMs: number;
  stop: string;
}

interface PanelResult extends Measured {
  perLayerMs: Record<string, number> | null;
  threads: number | null;
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server on ${BASE} did not start`);
}

const load = () => loadavg()[0]!.toFixed(1);

/** A fresh context + page on the app with `text` in the editor and the Run tab open. */
async function openApp(browser: Browser, text: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE);
  await page.getByTestId('editor-host').locator('.monaco-editor').waitFor({ timeout: 120_000 });
  await page.evaluate((t) => {
    const m = (
      window as unknown as { monaco: { editor: { getEditors(): { getModel(): { setValue(v: string): void } }[] } } }
    ).monaco;
    m.editor.getEditors()[0]!.getModel().setValue(t);
  }, text);
  // Let the app finish what the edit started (analysis, ELK layout, graph paint) so it does not
  // share the two cores with the run; the direct contender's blank page gets the same settle time.
  await page.waitForTimeout(500);
  await page.getByTestId('graph-view').and(page.locator('[data-layout-state=done]')).waitFor({ timeout: 120_000 });
  await page.getByTestId('tab-run').click();
  await page.getByTestId('run-start').waitFor();
  await settle(page);
  return { context, page };
}

/** Waits for an idle main thread, then SETTLE_MS more, before a contender starts. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestIdleCallback(() => r(), { timeout: 5_000 })));
  await page.waitForTimeout(SETTLE_MS);
}

/** Chrome tracing around `fn` when `traced`, else just `fn`. */
async function maybeTraced<T>(browser: Browser, page: Page, traced: boolean, fn: () => Promise<T>) {
  if (!traced) return { value: await fn(), trace: null };
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const value = await fn();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as unknown;
  return { value, trace };
}

/** One Run-panel run in a fresh context (closed after, which ends its worker and runtime). */
async function panelRun(
  browser: Browser,
  text: string,
  mode: 'fast' | 'profile',
  runs: number,
  threads: number,
  traced = false,
): Promise<{ result: PanelResult; gc: GcSummary | null }> {
  const { context, page } = await openApp(browser, text);
  try {
    await page.getByTestId('run-backend-wasm').check();
    await page.getByTestId('run-mode').selectOption(mode);
    await page.getByTestId('run-threads').fill(String(threads));
    await page.getByTestId('run-warmup').fill(String(WARMUP));
    await page.getByTestId('run-warmup-ms').fill(String(WARMUP_MS));
    await page.getByTestId('run-warmup-max').fill(String(WARMUP_MAX_MS / 1000));
    await page.getByTestId('run-runs').fill(String(runs));
    const { value, trace } = await maybeTraced(browser, page, traced, async () => {
      await page.getByTestId('run-start').click();
      // Polled once a second, not on every animation frame (Playwright's default): rAF polling
      // makes the page render 60 frames a second, which took ~20% of a core from the run it times.
      await page.waitForFunction(() => (window.__layerscopeRun?.results.length ?? 0) > 0, null, {
        timeout: 900_000,
        polling: 1_000,
      });
      return page.evaluate(() => {
        const probe = window.__layerscopeRun!;
        const r = probe.results.at(-1)!;
        return {
          runMs: [...r.runMs],
          warmupRuns: r.warmup.runs,
          warmupMs: r.warmup.ms,
          stop: r.warmup.stop,
          perLayerMs: r.perLayerMs ? { ...r.perLayerMs } : null,
          threads: probe.state.threads,
        };
      });
    });
    return { result: value, gc: trace ? gcDuringTimedRuns(trace) : null };
  } finally {
    await context.close();
  }
}

/**
 * The same ONNX bytes through onnxruntime-web directly, with nothing of ours in between: a
 * fresh context on a blank page of the same (cross-origin isolated) origin, a plain module
 * worker (blob URL) with the same thread count, session options and warm-up rule, timed the
 * same way.
 */
async function directRun(
  browser: Browser,
  modelUrl: string,
  inputShape: readonly number[],
  threads: number,
  inApp: string | null = null,
  traced = false,
): Promise<{ result: Measured; gc: GcSummary | null }> {
  // inApp (BENCH_DIAG=1): the same direct worker, but started from the app page with the model
  // loaded, to tell the app's own page activity apart from what our run worker adds.
  const { context, page } = inApp
    ? await openApp(browser, inApp)
    : await browser.newContext().then(async (c) => ({ context: c, page: await c.newPage() }));
  try {
    if (!inApp) {
      await page.goto(`${BASE}/bench-exec/blank.html`);
      await settle(page);
    }
    const options = sessionOptions('wasm', 'fast');
    const rule = { minRuns: WARMUP, minMs: WARMUP_MS, maxMs: WARMUP_MAX_MS };
    const { value, trace } = await maybeTraced(browser, page, traced, () =>
      page.evaluate(
        async ({ runs, rule, modelUrl, threads, options, inputShape }) => {
          if (!crossOriginIsolated) throw new Error('direct page is not cross-origin isolated');
          // The marks bracket the timed runs, as the engine's do, for BENCH_TRACE.
          const src = `
          const ort = await import('${location.origin}/ort/ort.min.mjs');
          const { warmupVerdict } = await import('${location.origin}/bench-exec/warmup.mjs');
          ort.env.wasm.wasmPaths = '${location.origin}/ort/';
          ort.env.wasm.numThreads = ${threads};
          ort.env.wasm.proxy = false;
          const [bytes, data] = await new Promise((r) => { onmessage = (e) => r(e.data); });
          const s = await ort.InferenceSession.create(new Uint8Array(bytes), ${JSON.stringify(options)});
          const feeds = { [s.inputNames[0]]: new ort.Tensor('float32', new Float32Array(data), ${JSON.stringify(inputShape)}) };
          const rule = ${JSON.stringify(rule)};
          const series = [];
          const warmStart = performance.now();
          let stop = warmupVerdict(series, 0, rule);
          while (stop === null) {
            const t = performance.now();
            await s.run(feeds);
            series.push(performance.now() - t);
            stop = warmupVerdict(series, performance.now() - warmStart, rule);
          }
          const warmupMs = performance.now() - warmStart;
          const times = [];
          performance.mark('layerscope-timed-start');
          for (let k = 0; k < ${runs}; k++) {
            const t = performance.now();
            await s.run(feeds);
            times.push(performance.now() - t);
          }
          performance.mark('layerscope-timed-end');
          await s.release();
          postMessage({ runMs: times, warmupRuns: series.length, warmupMs, stop });`;
          const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
          const w = new Worker(url, { type: 'module' });
          // Fetched here and moved to the worker, so the worker only runs the model.
          const model = await (await fetch(`${modelUrl}.onnx`)).arrayBuffer();
          const input = await (await fetch(`${modelUrl}.input`)).arrayBuffer();
          w.postMessage([model, input], [model, input]);
          const out = await new Promise<Measured>((resolve, reject) => {
            w.onmessage = (e: MessageEvent<Measured>) => resolve(e.data);
            w.onerror = (e) => reject(new Error(e.message));
          });
          w.terminate();
          URL.revokeObjectURL(url);
          return out;
        },
        { runs: RUNS, rule, modelUrl, threads, options, inputShape: [...inputShape] },
      ),
    );
    return { result: value, gc: trace ? gcDuringTimedRuns(trace) : null };
  } finally {
    await context.close();
  }
}

const fmt = (xs: readonly number[]) => xs.map((v) => v.toFixed(1)).join(', ');
const warmText = (m: Measured) => `${m.warmupRuns} warm-up runs in ${(m.warmupMs / 1000).toFixed(1)} s, ${m.stop}`;
const gcText = (g: GcSummary) =>
  `${g.events} GC events, ${g.ms.toFixed(1)} ms in the worker thread during ${g.windowMs.toFixed(0)} ms of timed runs ` +
  `(${g.majorEvents} major, ${g.majorMs.toFixed(1)} ms); other threads of the renderer: ${g.otherMs.toFixed(1)} ms`;

/** Writes the static files the direct contender loads; returns what each model needs. */
function prepare() {
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(`${BENCH_DIR}/blank.html`, '<!doctype html><title>bench-exec direct</title>');
  // The panel's warm-up rule, bundled from the same source for the direct worker.
  const rule = buildSync({ entryPoints: ['lib/exec/warmup.ts'], bundle: true, format: 'esm', write: false });
  writeFileSync(`${BENCH_DIR}/warmup.mjs`, rule.outputFiles[0]!.text);
  return MODELS.map((file) => {
    const text = readCorpus('caffe', file);
    const analysis = analyzeText(text);
    const lowered = lowerAnalysis(analysis);
    if (!lowered.ok) throw new Error(`${file} refused: ${lowered.refused.map((r) => r.layer).join(', ')}`);
    // The exact bytes the panel builds (same lowering, same seed, same exposure).
    const bytes = encodeLowered(lowered.model, { seed: SEED, expose: 'outputs' });
    writeFileSync(`${BENCH_DIR}/${file}.onnx`, bytes);
    // The panel's own seeded input, so both contenders compute on the same values.
    const input = Object.values(seededInputs(lowered.model, SEED));
    if (input.length !== 1) throw new Error(`${file}: expected one input`);
    writeFileSync(`${BENCH_DIR}/${file}.input`, new Uint8Array(input[0]!.buffer));
    return { file, text, analysis, bytes: bytes.byteLength, inputShape: lowered.model.inputs[0]!.shape };
  });
}

async function main(): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no build: run `npm run build` first');
  const prepared = prepare();
  const server = spawn('npx', ['next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForServer();
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const probe = await browser.newPage();
    await probe.goto(`${BASE}/bench-exec/blank.html`);
    const threads = await probe.evaluate(() => (crossOriginIsolated ? navigator.hardwareConcurrency : 1));
    await probe.close();
    console.log(
      `bench:exec: WASM, ${threads} thread(s), session options ${JSON.stringify(sessionOptions('wasm', 'fast'))}; ` +
        `${ROUNDS} rounds, order alternating, each contender in a fresh browser context; each figure = median of ` +
        `${RUNS} runs after the panel's warm-up rule (≥ ${WARMUP} runs and ≥ ${WARMUP_MS} ms, then until runs stop ` +
        `getting faster, ≤ ${WARMUP_MAX_MS} ms); load average at start ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${threads} cores`,
    );
    for (const { file, text, analysis, bytes, inputShape } of prepared) {
      const label = `${file.replace('.prototxt', '')} @224`;
      console.log(`${label} (${(bytes / 1e6).toFixed(1)} MB ONNX):`);
      const oursMs: number[] = [];
      const directMs: number[] = [];
      const againMs: number[] = [];
      const loads: number[] = [];
      // Round 0 is run and printed but not counted: the first contender after the browser starts
      // (and after the previous model) was often several times slower for its whole run.
      for (let round = 0; round <= ROUNDS; round++) {
        const counted = round > 0;
        const base = round % 2 === 1 ? (['ours', 'direct'] as const) : (['direct', 'ours'] as const);
        const order: readonly ('ours' | 'direct' | 'direct@app' | 'direct again')[] = [
          ...base,
          ...(DIAG ? (['direct@app'] as const) : []),
          ...(AA ? (['direct again'] as const) : []),
        ];
        const line: string[] = [];
        const pair: Record<string, number> = {};
        for (const who of order) {
          if (who === 'ours') {
            const { result: r } = await panelRun(browser, text, 'fast', RUNS, threads);
            if (r.threads !== threads) throw new Error(`panel ran with ${r.threads} threads, expected ${threads}`);
            pair.ours = median(r.runMs);
            line.push(`ours ${pair.ours.toFixed(1)} ms (${warmText(r)}) [${fmt(r.runMs)}]`);
          } else {
            const app = who === 'direct@app' ? text : null;
            const r = (await directRun(browser, `/bench-exec/${file}`, inputShape, threads, app)).result;
            if (who === 'direct' || who === 'direct again') pair[who] = median(r.runMs);
            line.push(`${who} ${median(r.runMs).toFixed(1)} ms (${warmText(r)}) [${fmt(r.runMs)}]`);
          }
        }
        const l = loadavg()[0]!;
        if (counted) {
          oursMs.push(pair.ours!);
          directMs.push(pair.direct!);
          if (AA) againMs.push(pair['direct again']!);
          loads.push(l);
        }
        const tag = counted ? `round ${round}` : 'round 0 (start-up, not counted)';
        console.log(
          `  ${tag} (${order.join(' then ')}, load ${l.toFixed(1)}): ratio ${(pair.ours! / pair.direct!).toFixed(3)}× | ${line.join(' | ')}`,
        );
      }
      const ours = median(oursMs);
      const direct = median(directMs);
      // Paired: the two contenders of a round ran back to back, so a slow spell of the shared
      // machine that hits one round moves one ratio, not the median of the ratios.
      const ratios = oursMs.map((o, i) => o / directMs[i]!).sort((a, b) => a - b);
      const paired = median(ratios);
      console.log(
        `  fast: ours ${ours.toFixed(2)} ms vs direct onnxruntime-web ${direct.toFixed(2)} ms (medians of ${ROUNDS} round medians) → ratio ${(ours / direct).toFixed(3)}×; ` +
          `median of the ${ROUNDS} per-round ratios ${paired.toFixed(3)}× (they range ${ratios[0]!.toFixed(3)}–${ratios.at(-1)!.toFixed(3)}×); ` +
          `target ≤ 1.10×: ${paired <= 1.1 ? 'met' : 'MISSED'}; load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} ` +
          `during the rounds (figures at a load above ${threads} measure the machine, not the code)`,
      );
      if (AA) {
        const aa = againMs.map((a, i) => a / directMs[i]!).sort((a, b) => a - b);
        console.log(
          `  A/A: direct run again vs direct, median of the per-round ratios ${median(aa).toFixed(3)}× (range ` +
            `${aa[0]!.toFixed(3)}–${aa.at(-1)!.toFixed(3)}×): the noise ours/direct is to be read against`,
        );
      }
      if (TRACE) {
        const o = await panelRun(browser, text, 'fast', RUNS, threads, true);
        const d = await directRun(browser, `/bench-exec/${file}`, inputShape, threads, null, true);
        console.log(
          `  trace, ours (load ${load()}): median ${median(o.result.runMs).toFixed(1)} ms; ${o.gc ? gcText(o.gc) : 'no timed-run marks found'}`,
        );
        console.log(
          `  trace, direct (load ${load()}): median ${median(d.result.runMs).toFixed(1)} ms; ${d.gc ? gcText(d.gc) : 'no timed-run marks found'}`,
        );
      }
      const { result: profile } = await panelRun(browser, text, 'profile', 5, threads);
      const layerSum = Object.values(profile.perLayerMs ?? {}).reduce((a, b) => a + b, 0);
      const convs = analysis.layers.filter((l) => l.category === 'conv').sort((a, b) => b.flops - a.flops);
      const big = convs[0]!;
      const bigMs = profile.perLayerMs?.[big.name] ?? NaN;
      console.log(
        `  profile (optimisations off, median of 5, load ${load()}): total ${median(profile.runMs).toFixed(2)} ms, sum of layer medians ${layerSum.toFixed(2)} ms`,
      );
      console.log(
        `  biggest conv ${big.name}: ${(big.flops / 1e9).toFixed(3)} GFLOPs in ${bigMs.toFixed(3)} ms → ${(big.flops / (bigMs * 1e6)).toFixed(2)} GFLOP/s`,
      );
    }
    await browser.close();
  } finally {
    // The server runs in its own process group: stop npx and next-server together.
    if (server.pid) process.kill(-server.pid);
    rmSync(BENCH_DIR, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
