import { expect, test, type Page } from '@playwright/test';

interface Summary {
  name: string;
  dims: number[];
  head: number[];
}
interface Stats {
  n: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}
interface ProbeResult {
  backend: string;
  mode: string;
  perLayerMs: Record<string, number> | null;
  perLayerStats: Record<string, Stats> | null;
  layerTimeSource: string | null;
  shapeChecks: { tensor: string; ok: boolean; expected: number[]; actual: number[] | null }[];
  outputs: Summary[];
  runStats: Stats;
  warmup: { runs: number; ms: number; stop: 'minimum' | 'converged' | 'max-time'; settleRuns: number };
}

/** The panel's millisecond format (components/run/run-view.ts formatMs). */
function fmtMs(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

/** A detection-shaped net: a backbone, two heads, and an SSD PriorBox (no ONNX equivalent) whose anchors a Concat joins. */
const MINI_SSD = `name: "mini-ssd"
input: "data"
input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }
layer { name: "c1" type: "Convolution" bottom: "data" top: "c1" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "relu" type: "ReLU" bottom: "c1" top: "c1" }
layer { name: "pool" type: "Pooling" bottom: "c1" top: "pool" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
layer { name: "loc" type: "Convolution" bottom: "pool" top: "loc" convolution_param { num_output: 4 kernel_size: 3 pad: 1 } }
layer { name: "conf" type: "Convolution" bottom: "pool" top: "conf" convolution_param { num_output: 6 kernel_size: 3 pad: 1 } }
layer { name: "prior" type: "PriorBox" bottom: "pool" bottom: "data" top: "prior" prior_box_param { min_size: 4 } }
layer { name: "loc_flat" type: "Flatten" bottom: "loc" top: "loc_flat" }
layer { name: "priors" type: "Concat" bottom: "prior" bottom: "prior" top: "priors" concat_param { axis: 2 } }
`;

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

async function runOnce(
  page: Page,
  backend: 'wasm' | 'webgpu',
  mode: 'fast' | 'profile',
  { runs = 3, threads }: { runs?: number; threads?: number } = {},
): Promise<ProbeResult> {
  const before = await page.evaluate(() => window.__layerscopeRun?.results.length ?? 0);
  await page.getByTestId(`run-backend-${backend}`).check();
  await page.getByTestId('run-mode').selectOption(mode);
  await page.getByTestId('run-warmup').fill('1');
  // Warm-up lasts at least 300 ms, then until runs stop getting faster, at most 5 s: short for a test.
  await page.getByTestId('run-warmup-ms').fill('300');
  await page.getByTestId('run-warmup-max').fill('5');
  await page.getByTestId('run-runs').fill(String(runs));
  if (threads !== undefined) await page.getByTestId('run-threads').fill(String(threads));
  await expect(page.getByTestId('run-warmup-rule')).toHaveText(
    `warm-up: at least 1 run and 0.3 s, then until runs stop getting faster, at most 5.0 s; then ${runs} timed run${runs === 1 ? '' : 's'}`,
  );
  await page.getByTestId('run-start').click();
  // SwiftShader compiles every WebGPU shader on the CPU: allow for it.
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-backend', backend, { timeout: 110_000 });
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-mode', mode);
  await page.waitForFunction((n) => (window.__layerscopeRun?.results.length ?? 0) > n, before, { polling: 500 });
  const r = await page.evaluate(() => {
    const r = window.__layerscopeRun!.results.at(-1)!;
    return JSON.parse(JSON.stringify(r)) as ProbeResult;
  });
  // The warm-up honoured both minimums, ended by the rule or its limit, and the panel says which.
  expect(r.warmup.runs).toBeGreaterThanOrEqual(1);
  expect(r.warmup.ms).toBeGreaterThanOrEqual(300);
  expect(['converged', 'max-time']).toContain(r.warmup.stop);
  const runsWord = r.warmup.runs === 1 ? 'run' : 'runs';
  const done = page.getByTestId('run-warmup-done');
  await expect(done).toHaveAttribute('data-stop', r.warmup.stop);
  await expect(done).toContainText(`after ${r.warmup.runs} warm-up ${runsWord} (${fmtMs(r.warmup.ms)} ms)`);
  await expect(done).toContainText(
    r.warmup.stop === 'converged' ? 'once runs stopped getting faster' : 'stopped at its time limit',
  );
  if (mode === 'profile') await expect(done).toContainText('untimed run of the profiled session');
  // The latency's spread: min–max below 10 runs.
  const s = r.runStats;
  await expect(page.getByTestId('run-total-spread')).toHaveText(
    s.n >= 10 ? `p10–p90 ${fmtMs(s.p10)}–${fmtMs(s.p90)} ms` : `min–max ${fmtMs(s.min)}–${fmtMs(s.max)} ms`,
  );
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
    // The supported part is offered with its size: the convolution alone.
    await expect(page.getByTestId('run-use-supported')).toContainText('Run the supported part instead: 1 of 3 layers');

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
    // The default warm-up (at least 2 runs and 3 s, then until steady) is long enough to be seen.
    await expect(page.getByTestId('run-progress')).toContainText(
      /warm-up run \d+, \d+\.\d s(, last [\d.]+ ms)? \(at least 2 runs and 3\.0 s, then until runs stop getting faster, at most 30\.0 s\)/,
      { timeout: 30_000 },
    );
    await page.getByTestId('run-cancel').click();
    await expect(page.getByTestId('run-error')).toHaveAttribute('data-kind', 'cancelled');
    const r = await runOnce(page, 'wasm', 'fast');
    expect(r.shapeChecks.every((c) => c.ok)).toBe(true);
  });

  test('spread and outlier marks: a cache-hostile Permute among four that keep the order is flagged, with why', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    // Permute (0,3,2,1) swaps channels and width: a strided gather over 4 MB, 30 ms against
    // 0.3 ms for a Permute that keeps the order (a plain copy) on one thread in Chromium here at
    // a load of 22. 15 runs on 1 thread: the medians hold even when the machine takes a core
    // away for a few of them.
    const perm = (name: string, order: number[]) =>
      `layer { name: "${name}" type: "Permute" bottom: "data" top: "${name}" permute_param { ${order.map((o) => `order: ${o}`).join(' ')} } }`;
    await openWith(
      page,
      ['input: "data"', 'input_shape { dim: 1 dim: 256 dim: 64 dim: 64 }']
        .concat(
          ['keep1', 'keep2', 'keep3', 'keep4'].map((n) => perm(n, [0, 1, 2, 3])),
          [perm('swap', [0, 3, 2, 1])],
        )
        .join('\n'),
    );
    const r = await runOnce(page, 'wasm', 'profile', { runs: 15, threads: 1 });
    expect(Object.keys(r.perLayerStats!).sort()).toEqual(['keep1', 'keep2', 'keep3', 'keep4', 'swap']);
    // Every row shows its p10–p90 (15 runs: the fastest and the slowest run dropped) next to the median.
    const swap = r.perLayerStats!.swap!;
    expect(swap.n).toBe(15);
    const row = page.locator('[data-testid=run-layer-row][data-layer=swap]');
    await expect(row.getByTestId('run-layer-spread')).toHaveText(`${fmtMs(swap.p10)}–${fmtMs(swap.p90)}`);
    await expect(page.getByTestId('run-layer-spread')).toHaveCount(5);
    await expect(page.getByTestId('run-layer-table').locator('th').nth(3)).toHaveText('p10–p90');
    // The swap is flagged as slow for its type, with the figures that flagged it.
    await expect(row).toHaveAttribute('data-flags', /slow-for-type/);
    await expect(row.getByTestId('run-flag-mark').first()).toHaveText(/^slow ×\d+/);
    const why = page.locator('[data-testid=run-flag][data-layer=swap][data-kind=slow-for-type]');
    await expect(why).toContainText(
      new RegExp(
        `swap \\(Permute\\): ${fmtMs(swap.median).replace('.', '\\.')} ms where 4 comparable Permute layers would take [\\d.]+ ms for its 1\\.05 M elements written: \\d+× slower than its type in this run`,
      ),
    );
    await expect(page.getByTestId('run-flags')).toContainText('Slow for their type');
  });

  test('the supported part of a model with an unsupported layer runs on WASM, the rest named; then the layers feeding one layer', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await openWith(page, MINI_SSD);
    await expect(page.getByTestId('run-start')).toBeDisabled();
    await page.getByTestId('run-use-supported').click();
    await expect(page.getByTestId('run-scope')).toHaveValue('supported');
    await expect(page.getByTestId('run-partial')).toContainText(
      'Partial run: 6 of 8 layers, each up to the first layer on its path that cannot run; the outputs checked are conf, loc_flat.',
    );
    await expect(page.getByTestId('run-excluded')).toContainText(
      'prior (PriorBox): no ONNX lowering for type "PriorBox"',
    );
    await expect(page.getByTestId('run-excluded')).toContainText(
      'priors (Concat): reads "prior", which no lowered layer produces',
    );
    await expect(page.getByTestId('run-start')).toBeEnabled();
    const partial = await runOnce(page, 'wasm', 'profile');
    // Every top of the part that ran was checked against the analyser.
    expect(partial.shapeChecks.map((c) => c.tensor).sort()).toEqual(
      ['c1', 'c1@1', 'conf', 'loc', 'loc_flat', 'pool'].sort(),
    );
    expect(partial.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    await expect(page.getByTestId('run-shape-check')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('run-partial-done')).toHaveText(
      'partial run: the supported part, 6 layers ran, 2 did not',
    );
    expect(Object.keys(partial.perLayerMs!).sort()).toEqual(['c1', 'conf', 'loc', 'loc_flat', 'pool', 'relu']);

    // Only what loc needs.
    await page.getByTestId('run-scope').selectOption('feeding');
    await page.getByTestId('run-scope-layer').selectOption('loc');
    await expect(page.getByTestId('run-partial-count')).toHaveText('4');
    const feeding = await runOnce(page, 'wasm', 'fast');
    expect(feeding.shapeChecks.map((c) => [c.tensor, c.actual])).toEqual([['loc', [1, 4, 8, 8]]]);
    await expect(page.getByTestId('run-partial-done')).toHaveText(
      'partial run: the layers feeding loc, 4 layers ran, 4 did not',
    );

    // Editing the model marks the last results as stale: kept for reference, never shown as current.
    await expect(page.getByTestId('run-stale')).toHaveCount(0);
    await setEditorText(page, MINI_SSD.replace('num_output: 6', 'num_output: 12'));
    await expect(page.getByTestId('run-stale')).toHaveText(
      'These results are from an earlier version of the model (edited since): run again for current figures.',
    );
    await expect(page.getByTestId('run-last')).toHaveAttribute('data-stale', 'true');
  });
});
