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
 * each figure is the median of RUNS timed runs after at least WARMUP warm-up runs lasting at least
 * WARMUP_MS (the panel's defaults). A first round per model is run but not counted (start-up).
 * Prints every round, the median of the round medians and their ratio, the median of the
 * per-round ratios (target < 1.10×), then the profile-mode total and the achieved GFLOP/s of the
 * biggest conv layer.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { analyzeText } from '../lib/index';
import { MAX_WARMUP_RUNS, sessionOptions } from '../lib/exec/engine';
import { DEFAULT_WARMUP_MS, DEFAULT_WARMUP_RUNS } from '../lib/exec/worker/protocol';
import { lowerAnalysis } from '../lib/exec/lower';
import { encodeLowered, seededInputs } from '../lib/exec/onnx/encode';
import { readCorpus } from '../lib/testing/corpus';

const PORT = Number(process.env.BENCH_PORT ?? 3121);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = 10;
const WARMUP = Number(process.env.BENCH_WARMUP ?? DEFAULT_WARMUP_RUNS);
// Warm-up also goes on until it has lasted this long (at most MAX_WARMUP_RUNS runs), the panel's
// defaults: Chromium tiers the runtime's WebAssembly up in the background, and MobileNet's first
// ~10 runs were 2× slower than the rest, which made 3 fixed warm-up runs a noisy benchmark.
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? DEFAULT_WARMUP_MS);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SETTLE_MS = 2_000;
const DIAG = process.env.BENCH_DIAG === '1';
const SEED = 1;
const MODELS = (process.env.BENCH_MODELS ?? 'mobilenet_v1.prototxt,resnet50.prototxt').split(',');

interface PanelResult {
  medianMs: number;
  perLayerMs: Record<string, number> | null;
  runMs: number[];
  warmupRuns: number;
  threads: number | null;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
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

/** One Run-panel run in a fresh context (closed after, which ends its worker and runtime). */
async function panelRun(
  browser: Browser,
  text: string,
  mode: 'fast' | 'profile',
  runs: number,
  threads: number,
): Promise<PanelResult> {
  const { context, page } = await openApp(browser, text);
  try {
    await page.getByTestId('run-backend-wasm').check();
    await page.getByTestId('run-mode').selectOption(mode);
    await page.getByTestId('run-threads').fill(String(threads));
    await page.getByTestId('run-warmup').fill(String(WARMUP));
    await page.getByTestId('run-warmup-ms').fill(String(WARMUP_MS));
    await page.getByTestId('run-runs').fill(String(runs));
    await page.getByTestId('run-start').click();
    // Polled once a second, not on every animation frame (Playwright's default): rAF polling
    // makes the page render 60 frames a second, which took ~20% of a core from the run it times.
    await page.waitForFunction(() => (window.__layerscopeRun?.results.length ?? 0) > 0, null, {
      timeout: 600_000,
      polling: 1_000,
    });
    return await page.evaluate(() => {
      const probe = window.__layerscopeRun!;
      const r = probe.results.at(-1)!;
      return {
        medianMs: r.medianMs,
        perLayerMs: r.perLayerMs ? { ...r.perLayerMs } : null,
        runMs: [...r.runMs],
        warmupRuns: r.warmupRuns,
        threads: probe.state.threads,
      };
    });
  } finally {
    await context.close();
  }
}

/**
 * The same ONNX bytes through onnxruntime-web directly, with nothing of ours in between: a
 * fresh context on a blank page of the same (cross-origin isolated) origin, a plain module
 * worker (blob URL) with the same thread count and session options, timed the same way.
 */
async function directRun(
  browser: Browser,
  modelUrl: string,
  threads: number,
  inApp: string | null = null,
): Promise<{ runMs: number[]; warmupRuns: number }> {
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
    return await page.evaluate(
      async ({ runs, warmup, warmupMs, maxWarmup, modelUrl, threads, options }) => {
        if (!crossOriginIsolated) throw new Error('direct page is not cross-origin isolated');
        const src = `
          const ort = await import('${location.origin}/ort/ort.min.mjs');
          ort.env.wasm.wasmPaths = '${location.origin}/ort/';
          ort.env.wasm.numThreads = ${threads};
          ort.env.wasm.proxy = false;
          const [bytes, data] = await new Promise((r) => { onmessage = (e) => r(e.data); });
          const s = await ort.InferenceSession.create(new Uint8Array(bytes), ${JSON.stringify(options)});
          const feeds = { [s.inputNames[0]]: new ort.Tensor('float32', new Float32Array(data), [1, 3, 224, 224]) };
          const warmStart = performance.now();
          let warm = 0;
          while (warm < ${warmup} || (performance.now() - warmStart < ${warmupMs} && warm < ${Math.max(warmup, maxWarmup)})) {
            await s.run(feeds);
            warm++;
          }
          const times = [];
          for (let k = 0; k < ${runs}; k++) {
            const t = performance.now();
            await s.run(feeds);
            times.push(performance.now() - t);
          }
          await s.release();
          postMessage({ times, warm });`;
        const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
        const w = new Worker(url, { type: 'module' });
        // Fetched here and moved to the worker, so the worker only runs the model.
        const model = await (await fetch(`${modelUrl}.onnx`)).arrayBuffer();
        const input = await (await fetch(`${modelUrl}.input`)).arrayBuffer();
        w.postMessage([model, input], [model, input]);
        const out = await new Promise<{ times: number[]; warm: number }>((resolve, reject) => {
          w.onmessage = (e: MessageEvent<{ times: number[]; warm: number }>) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
        });
        w.terminate();
        URL.revokeObjectURL(url);
        return { runMs: out.times, warmupRuns: out.warm };
      },
      { runs: RUNS, warmup: WARMUP, warmupMs: WARMUP_MS, maxWarmup: MAX_WARMUP_RUNS, modelUrl, threads, options },
    );
  } finally {
    await context.close();
  }
}

const fmt = (xs: readonly number[]) => xs.map((v) => v.toFixed(1)).join(', ');

async function main(): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no build: run `npm run build` first');
  // The exact bytes the panel builds (same lowering, same seed), served as static files for the
  // direct run (public/ is read when the server starts; removed again at the end).
  const benchDir = 'public/bench-exec';
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(`${benchDir}/blank.html`, '<!doctype html><title>bench-exec direct</title>');
  const prepared = MODELS.map((file) => {
    const text = readCorpus('caffe', file);
    const analysis = analyzeText(text);
    const lowered = lowerAnalysis(analysis);
    if (!lowered.ok) throw new Error(`${file} refused: ${lowered.refused.map((r) => r.layer).join(', ')}`);
    const bytes = encodeLowered(lowered.model, { seed: SEED, expose: 'outputs' });
    writeFileSync(`${benchDir}/${file}.onnx`, bytes);
    // The panel's own seeded input, so both contenders compute on the same values.
    const input = Object.values(seededInputs(lowered.model, SEED));
    if (input.length !== 1) throw new Error(`${file}: expected one input`);
    writeFileSync(`${benchDir}/${file}.input`, new Uint8Array(input[0]!.buffer));
    return { file, text, analysis, bytes: bytes.byteLength };
  });
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
        `${ROUNDS} rounds, order alternating, each contender in a fresh browser context; ` +
        `each figure = median of ${RUNS} runs after ≥ ${WARMUP} warm-up runs lasting ≥ ${WARMUP_MS} ms (≤ ${Math.max(WARMUP, MAX_WARMUP_RUNS)} runs)`,
    );
    for (const { file, text, analysis, bytes } of prepared) {
      const label = `${file.replace('.prototxt', '')} @224`;
      console.log(`${label} (${(bytes / 1e6).toFixed(1)} MB ONNX):`);
      const oursMs: number[] = [];
      const directMs: number[] = [];
      // Round 0 is run and printed but not counted: the first contender after the browser starts
      // (and after the previous model) was often several times slower for its whole run.
      for (let round = 0; round <= ROUNDS; round++) {
        const counted = round > 0;
        const base = round % 2 === 1 ? (['ours', 'direct'] as const) : (['direct', 'ours'] as const);
        const order: readonly ('ours' | 'direct' | 'direct@app')[] = DIAG ? [...base, 'direct@app'] : base;
        const line: string[] = [];
        for (const who of order) {
          if (who === 'ours') {
            const r = await panelRun(browser, text, 'fast', RUNS, threads);
            if (r.threads !== threads) throw new Error(`panel ran with ${r.threads} threads, expected ${threads}`);
            if (counted) oursMs.push(r.medianMs);
            line.push(`ours ${r.medianMs.toFixed(1)} ms (${r.warmupRuns} warm-up) [${fmt(r.runMs)}]`);
          } else if (who === 'direct') {
            const r = await directRun(browser, `/bench-exec/${file}`, threads);
            if (counted) directMs.push(median(r.runMs));
            line.push(`direct ${median(r.runMs).toFixed(1)} ms (${r.warmupRuns} warm-up) [${fmt(r.runMs)}]`);
          } else {
            const r = await directRun(browser, `/bench-exec/${file}`, threads, text);
            line.push(`direct@app ${median(r.runMs).toFixed(1)} ms (${r.warmupRuns} warm-up) [${fmt(r.runMs)}]`);
          }
        }
        const load = loadavg()[0]!.toFixed(1);
        const tag = counted ? `round ${round}` : 'round 0 (start-up, not counted)';
        console.log(`  ${tag} (${order.join(' then ')}, load ${load}): ${line.join(' | ')}`);
      }
      const ours = median(oursMs);
      const direct = median(directMs);
      // Paired: the two contenders of a round ran back to back, so a slow spell of the shared
      // machine that hits one round moves one ratio, not the median of the ratios.
      const paired = median(oursMs.map((o, i) => o / directMs[i]!));
      console.log(
        `  fast: ours ${ours.toFixed(2)} ms vs direct onnxruntime-web ${direct.toFixed(2)} ms (medians of ${ROUNDS} round medians) → ratio ${(ours / direct).toFixed(3)}×; ` +
          `median of the ${ROUNDS} per-round ratios ${paired.toFixed(3)}× (target < 1.10×)`,
      );
      const profile = await panelRun(browser, text, 'profile', 5, threads);
      const layerSum = Object.values(profile.perLayerMs ?? {}).reduce((a, b) => a + b, 0);
      const convs = analysis.layers.filter((l) => l.category === 'conv').sort((a, b) => b.flops - a.flops);
      const big = convs[0]!;
      const bigMs = profile.perLayerMs?.[big.name] ?? NaN;
      console.log(
        `  profile (optimisations off, median of 5): total ${profile.medianMs.toFixed(2)} ms, sum of layer medians ${layerSum.toFixed(2)} ms`,
      );
      console.log(
        `  biggest conv ${big.name}: ${(big.flops / 1e9).toFixed(3)} GFLOPs in ${bigMs.toFixed(3)} ms → ${(big.flops / (bigMs * 1e6)).toFixed(2)} GFLOP/s`,
      );
    }
    await browser.close();
  } finally {
    // The server runs in its own process group: stop npx and next-server together.
    if (server.pid) process.kill(-server.pid);
    rmSync(benchDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
