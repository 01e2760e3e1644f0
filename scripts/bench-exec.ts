/**
 * `npm run bench:exec` (tsx scripts/bench-exec.ts): execution overhead of the Run panel.
 * Needs a built app (`npm run build`). Starts `next start`, opens it in headless Debian Chromium,
 * and for MobileNet v1 and ResNet-50 at 224 on WASM (threads on: the app is cross-origin
 * isolated) measures the median of 10 fast runs after warm-up through the Run panel, next to
 * the very same ONNX bytes run directly through onnxruntime-web in a plain worker of the same page. Prints the
 * ratio (target < 1.10×), the profile-mode total and the achieved GFLOP/s of the biggest conv.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { analyzeText } from '../lib/index';
import { lowerAnalysis } from '../lib/exec/lower';
import { encodeLowered } from '../lib/exec/onnx/encode';
import { readCorpus } from '../lib/testing/corpus';

const PORT = Number(process.env.BENCH_PORT ?? 3121);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = 10;
const WARMUP = 3;
const SEED = 1;
const MODELS = ['mobilenet_v1.prototxt', 'resnet50.prototxt'];

interface PanelResult {
  medianMs: number;
  perLayerMs: Record<string, number> | null;
  runMs: number[];
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

async function panelRun(page: Page, mode: 'fast' | 'profile', runs: number): Promise<PanelResult> {
  const before = await page.evaluate(() => window.__layerscopeRun?.results.length ?? 0);
  await page.getByTestId('run-backend-wasm').check();
  await page.getByTestId('run-mode').selectOption(mode);
  await page.getByTestId('run-warmup').fill(String(WARMUP));
  await page.getByTestId('run-runs').fill(String(runs));
  await page.getByTestId('run-start').click();
  await page.waitForFunction((n) => (window.__layerscopeRun?.results.length ?? 0) > n, before, { timeout: 600_000 });
  return page.evaluate(() => {
    const r = window.__layerscopeRun!.results.at(-1)!;
    return { medianMs: r.medianMs, perLayerMs: r.perLayerMs ? { ...r.perLayerMs } : null, runMs: [...r.runMs] };
  });
}

/**
 * The same ONNX bytes through onnxruntime-web directly, with nothing of ours in between: a
 * plain module worker (blob URL) in the same page, the same thread count, terminated after.
 */
async function directRun(page: Page, modelUrl: string): Promise<{ medianMs: number }> {
  return page.evaluate(
    async ({ runs, warmup, modelUrl }) => {
      const src = `
        const ort = await import('${location.origin}/ort/ort.min.mjs');
        ort.env.wasm.wasmPaths = '${location.origin}/ort/';
        ort.env.wasm.numThreads = ${navigator.hardwareConcurrency};
        const bytes = await new Promise((r) => { onmessage = (e) => r(new Uint8Array(e.data)); });
        const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
        const dims = [1, 3, 224, 224];
        const data = new Float32Array(3 * 224 * 224).map((_, i) => Math.sin(i));
        const feeds = { [s.inputNames[0]]: new ort.Tensor('float32', data, dims) };
        const times = [];
        for (let k = 0; k < ${warmup} + ${runs}; k++) {
          const t = performance.now();
          await s.run(feeds);
          if (k >= ${warmup}) times.push(performance.now() - t);
        }
        await s.release();
        postMessage(times);`;
      const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      const w = new Worker(url, { type: 'module' });
      // Fetched here and moved to the worker, so the worker only runs the model.
      const model = await (await fetch(modelUrl)).arrayBuffer();
      w.postMessage(model, [model]);
      const times = await new Promise<number[]>((resolve, reject) => {
        w.onmessage = (e: MessageEvent<number[]>) => resolve(e.data);
        w.onerror = (e) => reject(new Error(e.message));
      });
      w.terminate();
      URL.revokeObjectURL(url);
      times.sort((a, b) => a - b);
      const m = times.length >> 1;
      return { medianMs: times.length % 2 ? times[m]! : (times[m - 1]! + times[m]!) / 2 };
    },
    { runs: RUNS, warmup: WARMUP, modelUrl },
  );
}

async function main(): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no build: run `npm run build` first');
  // The exact bytes the panel builds (same lowering, same seed), served as static files for the
  // direct run (public/ is read when the server starts; removed again at the end).
  const benchDir = 'public/bench-exec';
  mkdirSync(benchDir, { recursive: true });
  const prepared = MODELS.map((file) => {
    const text = readCorpus('caffe', file);
    const analysis = analyzeText(text);
    const lowered = lowerAnalysis(analysis);
    if (!lowered.ok) throw new Error(`${file} refused: ${lowered.refused.map((r) => r.layer).join(', ')}`);
    writeFileSync(`${benchDir}/${file}.onnx`, encodeLowered(lowered.model, { seed: SEED, expose: 'outputs' }));
    return { file, text, analysis };
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
    const rows: string[] = [];
    for (const { file, text, analysis } of prepared) {
      const page = await browser.newPage();
      await page.goto(BASE);
      await page.evaluate(() => localStorage.clear());
      await page.goto(BASE);
      await page.getByTestId('editor-host').locator('.monaco-editor').waitFor({ timeout: 120_000 });
      await page.evaluate((t) => {
        const m = (
          window as unknown as { monaco: { editor: { getEditors(): { getModel(): { setValue(v: string): void } }[] } } }
        ).monaco;
        m.editor.getEditors()[0]!.getModel().setValue(t);
      }, text);
      await page.getByTestId('tab-run').click();
      await page.getByTestId('run-start').waitFor();
      const threads = await page.evaluate(() => (crossOriginIsolated ? navigator.hardwareConcurrency : 1));
      // Alternate ours and direct twice so machine load drifts hit both alike.
      const oursMs: number[] = [];
      const directMs: number[] = [];
      for (let round = 0; round < 2; round++) {
        oursMs.push((await panelRun(page, 'fast', RUNS)).medianMs);
        directMs.push((await directRun(page, `/bench-exec/${file}.onnx`)).medianMs);
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const ours = { medianMs: mean(oursMs) };
      const directMed = { medianMs: mean(directMs) };
      const profile = await panelRun(page, 'profile', 5);
      const layerSum = Object.values(profile.perLayerMs ?? {}).reduce((a, b) => a + b, 0);
      const convs = analysis.layers.filter((l) => l.category === 'conv').sort((a, b) => b.flops - a.flops);
      const big = convs[0]!;
      const bigMs = profile.perLayerMs?.[big.name] ?? NaN;
      rows.push(
        [
          `${file.replace('.prototxt', '')} @224, WASM ${threads} thread(s):`,
          `  fast (median of ${RUNS} after ${WARMUP} warm-up, mean of 2 alternating rounds): ours ${ours.medianMs.toFixed(2)} ms [${oursMs.map((v) => v.toFixed(1)).join(', ')}] vs direct onnxruntime-web ${directMed.medianMs.toFixed(2)} ms [${directMs.map((v) => v.toFixed(1)).join(', ')}] → ratio ${(ours.medianMs / directMed.medianMs).toFixed(3)}×`,
          `  profile (optimisations off): median total ${profile.medianMs.toFixed(2)} ms, sum of layers ${layerSum.toFixed(2)} ms`,
          `  biggest conv ${big.name}: ${(big.flops / 1e9).toFixed(3)} GFLOPs in ${bigMs.toFixed(3)} ms → ${(big.flops / (bigMs * 1e6)).toFixed(2)} GFLOP/s`,
        ].join('\n'),
      );
      console.log(rows.at(-1));
      await page.close();
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
