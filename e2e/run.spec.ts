import { expect, test, type Page } from '@playwright/test';

interface Summary {
  name: string;
  dims: number[];
  head: number[];
}
interface ProbeResult {
  backend: string;
  mode: string;
  perLayerMs: Record<string, number> | null;
  layerTimeSource: string | null;
  shapeChecks: { tensor: string; ok: boolean; expected: number[]; actual: number[] | null }[];
  outputs: Summary[];
  warmupRuns: number;
  warmupMs: number;
}

/** seed-notes §2/§3 demo: standard vs depthwise-separable 5×5 conv, and a 1×1 bottleneck. */
const SEED_NOTES = `name: "seed-notes-demo"
input: "data"
input_shape { dim: 1 dim: 3 dim: 12 dim: 12 }
layer { name: "standard" type: "Convolution" bottom: "data" top: "standard" convolution_param { num_output: 256 kernel_size: 5 bias_term: false } }
layer { name: "dw" type: "Convolution" bottom: "data" top: "dw" convolution_param { num_output: 3 group: 3 kernel_size: 5 bias_term: false } }
layer { name: "pw" type: "Convolution" bottom: "dw" top: "pw" convolution_param { num_output: 256 kernel_size: 1 bias_term: false } }
layer { name: "sum" type: "Eltwise" bottom: "standard" bottom: "pw" top: "sum" }
layer { name: "pool" type: "Pooling" bottom: "sum" top: "pool" pooling_param { pool: MAX kernel_size: 3 stride: 2 } }
layer { name: "fc" type: "InnerProduct" bottom: "pool" top: "fc" inner_product_param { num_output: 10 } }
layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" }
`;

/** A MobileNet v1 shape at width 0.25 and a 32×32 input: depthwise/pointwise blocks, BN + Scale, global pooling. */
function tinyMobileNet(): string {
  const blocks: [number, number][] = [
    [16, 1],
    [32, 2],
    [32, 1],
    [64, 2],
  ];
  let text = `name: "mobilenet-0.25-32"
input: "data"
input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
layer { name: "conv0" type: "Convolution" bottom: "data" top: "conv0" convolution_param { num_output: 8 kernel_size: 3 pad: 1 stride: 2 bias_term: false } }
layer { name: "conv0/bn" type: "BatchNorm" bottom: "conv0" top: "conv0" }
layer { name: "conv0/scale" type: "Scale" bottom: "conv0" top: "conv0" scale_param { bias_term: true } }
layer { name: "relu0" type: "ReLU" bottom: "conv0" top: "conv0" }
`;
  let prev = 'conv0';
  let c = 8;
  blocks.forEach(([out, s], i) => {
    const dw = `conv${i + 1}/dw`;
    const pw = `conv${i + 1}`;
    text += `layer { name: "${dw}" type: "Convolution" bottom: "${prev}" top: "${dw}" convolution_param { num_output: ${c} group: ${c} kernel_size: 3 pad: 1 stride: ${s} bias_term: false } }
layer { name: "${dw}/bn" type: "BatchNorm" bottom: "${dw}" top: "${dw}" }
layer { name: "${dw}/scale" type: "Scale" bottom: "${dw}" top: "${dw}" scale_param { bias_term: true } }
layer { name: "${dw}/relu" type: "ReLU" bottom: "${dw}" top: "${dw}" }
layer { name: "${pw}" type: "Convolution" bottom: "${dw}" top: "${pw}" convolution_param { num_output: ${out} kernel_size: 1 bias_term: false } }
layer { name: "${pw}/bn" type: "BatchNorm" bottom: "${pw}" top: "${pw}" }
layer { name: "${pw}/scale" type: "Scale" bottom: "${pw}" top: "${pw}" scale_param { bias_term: true } }
layer { name: "${pw}/relu" type: "ReLU" bottom: "${pw}" top: "${pw}" }
`;
    prev = pw;
    c = out;
  });
  return `${text}layer { name: "pool" type: "Pooling" bottom: "${prev}" top: "pool" pooling_param { pool: AVE global_pooling: true } }
layer { name: "fc" type: "InnerProduct" bottom: "pool" top: "fc" inner_product_param { num_output: 10 } }
layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" }
`;
}

async function setEditorText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const m = (
      window as unknown as { monaco: { editor: { getEditors(): { getModel(): { setValue(v: string): void } }[] } } }
    ).monaco;
    m.editor.getEditors()[0]!.getModel().setValue(t);
  }, text);
}

async function openWith(page: Page, text: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  // The shared CI machine can be slow to boot Monaco: allow a minute.
  await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
  await setEditorText(page, text);
  await page.getByTestId('tab-run').click();
  await expect(page.getByTestId('run-panel')).toBeVisible();
}

async function runOnce(page: Page, backend: 'wasm' | 'webgpu', mode: 'fast' | 'profile'): Promise<ProbeResult> {
  const before = await page.evaluate(() => window.__layerscopeRun?.results.length ?? 0);
  await page.getByTestId(`run-backend-${backend}`).check();
  await page.getByTestId('run-mode').selectOption(mode);
  await page.getByTestId('run-warmup').fill('1');
  // Warm-up lasts at least 300 ms (capped at 50 runs): short for a test, but more than one run.
  await page.getByTestId('run-warmup-ms').fill('300');
  await page.getByTestId('run-runs').fill('3');
  await page.getByTestId('run-start').click();
  // SwiftShader compiles every WebGPU shader on the CPU: allow for it.
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-backend', backend, { timeout: 110_000 });
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-mode', mode);
  await page.waitForFunction((n) => (window.__layerscopeRun?.results.length ?? 0) > n, before);
  const r = await page.evaluate(() => {
    const r = window.__layerscopeRun!.results.at(-1)!;
    return JSON.parse(JSON.stringify(r)) as ProbeResult;
  });
  // The time-extended warm-up ran, and the panel says how much of it there was.
  expect(r.warmupRuns).toBeGreaterThanOrEqual(1);
  if (r.warmupRuns < 50) expect(r.warmupMs).toBeGreaterThanOrEqual(300);
  const runsWord = r.warmupRuns === 1 ? 'run' : 'runs';
  const ms = r.warmupMs >= 100 ? r.warmupMs.toFixed(0) : r.warmupMs.toFixed(2);
  await expect(page.getByTestId('run-warmup-done')).toHaveText(`after ${r.warmupRuns} warm-up ${runsWord} (${ms} ms)`);
  return r;
}

function expectClose(a: Summary[], b: Summary[], tol: number): void {
  expect(a.map((o) => [o.name, o.dims])).toEqual(b.map((o) => [o.name, o.dims]));
  a.forEach((o, i) => {
    o.head.forEach((v, j) => {
      const w = b[i]!.head[j]!;
      expect(Math.abs(v - w), `${o.name}[${j}]: ${v} vs ${w}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(v)));
    });
  });
}

test.describe('run panel', () => {
  test('seed-notes demo on WASM: shapes equal the analyser, a time for every layer, WebGPU agrees', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openWith(page, SEED_NOTES);
    // COOP/COEP are served, so WASM threads are on and the panel says nothing about them being off.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('run-threads-off')).toHaveCount(0);

    const wasm = await runOnce(page, 'wasm', 'profile');
    expect(wasm.shapeChecks.length).toBe(7);
    expect(wasm.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    expect(wasm.shapeChecks.find((c) => c.tensor === 'pw')!.actual).toEqual([1, 256, 8, 8]);
    await expect(page.getByTestId('run-shape-check')).toHaveAttribute('data-ok', 'true');
    const layers = ['standard', 'dw', 'pw', 'sum', 'pool', 'fc', 'prob'];
    expect(Object.keys(wasm.perLayerMs!).sort()).toEqual([...layers].sort());
    await expect(page.getByTestId('run-layer-row')).toHaveCount(layers.length);
    await expect(page.getByTestId('run-roofline')).toBeVisible();

    const gpu = await runOnce(page, 'webgpu', 'profile');
    expect(gpu.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    expect(Object.keys(gpu.perLayerMs!).sort()).toEqual([...layers].sort());
    expectClose(wasm.outputs, gpu.outputs, 1e-3);
    expect(errors).toEqual([]);
  });

  test('reduced-width MobileNet at 32×32 on both backends: same shapes, outputs agree', async ({ page }) => {
    test.setTimeout(300_000);
    await openWith(page, tinyMobileNet());
    const wasm = await runOnce(page, 'wasm', 'fast');
    expect(wasm.shapeChecks.map((c) => [c.tensor, c.actual])).toEqual([['prob', [1, 10]]]);
    const wasmProfile = await runOnce(page, 'wasm', 'profile');
    expect(wasmProfile.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    // 1 + 4 blocks × (conv, bn, scale, relu) × 2 + conv0 block… every lowered layer has a time.
    const tableLayers = await page.getByTestId('run-layer-row').count();
    expect(tableLayers).toBe(Object.keys(wasmProfile.perLayerMs!).length);
    expect(tableLayers).toBe(4 + 4 * 8 + 3);
    const gpu = await runOnce(page, 'webgpu', 'fast');
    expect(gpu.shapeChecks.every((c) => c.ok)).toBe(true);
    expectClose(wasm.outputs, gpu.outputs, 1e-3);
  });

  test('a layer without an ONNX equivalent is listed and the run refused up front; the memory guard refuses huge inputs', async ({
    page,
  }) => {
    await openWith(
      page,
      `input: "data"
input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }
layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 } }
layer { name: "i2c" type: "Im2col" bottom: "c" top: "i2c" convolution_param { kernel_size: 2 } }
layer { name: "pb" type: "PriorBox" bottom: "c" bottom: "data" top: "pb" prior_box_param { min_size: 4 } }
`,
    );
    await expect(page.getByTestId('run-refused-upfront')).toContainText(
      'i2c (Im2col): no ONNX lowering for type "Im2col": ONNX has no im2col op',
    );
    await expect(page.getByTestId('run-refused-upfront')).toContainText(
      'pb (PriorBox): no ONNX lowering for type "PriorBox"',
    );
    await expect(page.getByTestId('run-start')).toBeDisabled();

    await setEditorText(
      page,
      `input: "data"
input_shape { dim: 1 dim: 3 dim: 4096 dim: 4096 }
layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 64 kernel_size: 3 pad: 1 } }
`,
    );
    await expect(page.getByTestId('run-memory')).toContainText('refused: this run needs about');
    await expect(page.getByTestId('run-start')).toBeDisabled();
  });

  test('cancel stops a run and the next run works', async ({ page }) => {
    test.setTimeout(180_000);
    await openWith(page, tinyMobileNet());
    await page.getByTestId('run-backend-wasm').check();
    await page.getByTestId('run-runs').fill('200');
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-progress')).toBeVisible();
    // The default warm-up (at least 2 runs and 3 s) is long enough to be seen.
    await expect(page.getByTestId('run-progress')).toContainText(/warm-up run \d+ \(at least 2 runs and 3\.0 s\)/, {
      timeout: 30_000,
    });
    await page.getByTestId('run-cancel').click();
    await expect(page.getByTestId('run-error')).toHaveAttribute('data-kind', 'cancelled');
    const r = await runOnce(page, 'wasm', 'fast');
    expect(r.shapeChecks.every((c) => c.ok)).toBe(true);
  });
});
