import { describe, expect, test } from 'vitest';
import { analyzeText } from '../index';
import { PROFILE_SETTLE_RUNS, runLowered, type EngineOptions } from './engine';
import { encodeForRun } from './onnx/encode';
import { decodeModel } from './onnx/proto';
import { lowerAnalysis, type LoweredModel } from './lower';
import { nodeOrt, nodePrintCapture } from './testing/node-ort';

function lowered(text: string, batch: number | 'declared' = 1): { model: LoweredModel; layers: string[] } {
  const analysis = analyzeText(text, { batch });
  const r = lowerAnalysis(analysis);
  if (!r.ok) throw new Error(r.refused.map((x) => `${x.layer}: ${x.reason}`).join('; '));
  return { model: r.model, layers: r.model.layers.slice() };
}

const base: EngineOptions = { backend: 'wasm', mode: 'fast', warmup: 1, runs: 2, seed: 7 };

// seed-notes §2 worked example: 12×12×3 input, 5×5 kernel, no padding → 8×8×256, standard and
// depthwise-separable, plus §3's 1×1 bottleneck in front of a 5×5.
const SEED_NOTES = `
name: "seed-notes"
input: "data"
input_shape { dim: 1 dim: 3 dim: 12 dim: 12 }
layer { name: "standard" type: "Convolution" bottom: "data" top: "standard"
  convolution_param { num_output: 256 kernel_size: 5 bias_term: false } }
layer { name: "dw" type: "Convolution" bottom: "data" top: "dw"
  convolution_param { num_output: 3 group: 3 kernel_size: 5 bias_term: false } }
layer { name: "pw" type: "Convolution" bottom: "dw" top: "pw"
  convolution_param { num_output: 256 kernel_size: 1 bias_term: false } }
layer { name: "reduce" type: "Convolution" bottom: "data" top: "reduce"
  convolution_param { num_output: 16 kernel_size: 1 } }
layer { name: "relu" type: "ReLU" bottom: "reduce" top: "reduce" }
layer { name: "conv5" type: "Convolution" bottom: "reduce" top: "conv5"
  convolution_param { num_output: 32 kernel_size: 5 pad: 2 } }
layer { name: "pool" type: "Pooling" bottom: "conv5" top: "pool"
  pooling_param { pool: MAX kernel_size: 3 stride: 2 } }
`;

// A small net touching most lowering families (ceil pooling, BN/Scale, concat, eltwise, fc, softmax).
const MIXED = `
name: "mixed"
layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 2 dim: 3 dim: 15 dim: 15 } } }
layer { name: "c1" type: "Convolution" bottom: "data" top: "c1" convolution_param { num_output: 8 kernel_size: 3 stride: 2 } }
layer { name: "bn" type: "BatchNorm" bottom: "c1" top: "c1" }
layer { name: "sc" type: "Scale" bottom: "c1" top: "c1" scale_param { bias_term: true } }
layer { name: "r1" type: "ReLU" bottom: "c1" top: "c1" }
layer { name: "p1" type: "Pooling" bottom: "c1" top: "p1" pooling_param { pool: MAX kernel_size: 3 stride: 2 } }
layer { name: "a" type: "Convolution" bottom: "p1" top: "a" convolution_param { num_output: 4 kernel_size: 1 } }
layer { name: "b" type: "Convolution" bottom: "p1" top: "b" convolution_param { num_output: 4 kernel_size: 3 pad: 1 dilation: 1 group: 2 } }
layer { name: "cat" type: "Concat" bottom: "a" bottom: "b" top: "cat" }
layer { name: "sum" type: "Eltwise" bottom: "cat" bottom: "p1" top: "sum" }
layer { name: "lrn" type: "LRN" bottom: "sum" top: "lrn" lrn_param { local_size: 3 } }
layer { name: "sh" type: "ShuffleChannel" bottom: "lrn" top: "sh" shuffle_channel_param { group: 2 } }
layer { name: "ap" type: "Pooling" bottom: "sh" top: "ap" pooling_param { pool: AVE kernel_size: 2 stride: 2 pad: 1 } }
layer { name: "fc" type: "InnerProduct" bottom: "ap" top: "fc" inner_product_param { num_output: 10 } }
layer { name: "drop" type: "Dropout" bottom: "fc" top: "fc" }
layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" }
`;

describe('onnxruntime-web WASM in Node', () => {
  test('seed-notes demo: engine output shapes equal the analyser, profile times every layer', async () => {
    const ort = await nodeOrt();
    const { model, layers } = lowered(SEED_NOTES);
    const r = await runLowered(ort, model, { ...base, mode: 'profile' }, { capture: nodePrintCapture() });
    expect(r.shapeChecks.length).toBe(model.tops.length);
    expect(r.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    expect(r.shapeChecks.find((c) => c.tensor === 'standard')!.actual).toEqual([1, 256, 8, 8]);
    expect(r.shapeChecks.find((c) => c.tensor === 'pw')!.actual).toEqual([1, 256, 8, 8]);
    expect(r.shapeChecks.find((c) => c.tensor === 'pool')!.actual).toEqual([1, 32, 6, 6]);
    expect(r.layerTimeSource).toBe('ort-profiler');
    expect(Object.keys(r.perLayerMs!).sort()).toEqual([...layers].sort());
    for (const ms of Object.values(r.perLayerMs!)) expect(ms).toBeGreaterThan(0);
    expect(r.runMs).toHaveLength(2);
    const sum = Object.values(r.perLayerMs!).reduce((a, b) => a + b, 0);
    expect(r.notes).toContain(
      `the layers' times sum to ${sum.toFixed(1)} ms of the ${r.medianMs.toFixed(1)} ms median: the rest is ` +
        "the time between kernels (the profiler's own cost, copying the outputs out of the runtime); fast mode measures the model's latency",
    );
  });

  test('mixed net at its declared batch 2: every top matches in profile mode; softmax rows sum to 1', async () => {
    const ort = await nodeOrt();
    const { model } = lowered(MIXED, 'declared');
    const r = await runLowered(ort, model, { ...base, mode: 'profile' }, { capture: nodePrintCapture() });
    expect(r.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    // 15 → conv k3 s2 → 7 → Caffe pool k3 s2: ceil(4/2) + 1 = 3 (floor would give 3 as well here).
    expect(r.shapeChecks.find((c) => c.tensor === 'p1')!.actual).toEqual([2, 8, 3, 3]);
    // AVE k2 s2 p1 on 3: ceil(3/2) + 1 = 3, clipped to 2 because (3 − 1)·2 ≥ 3 + 1.
    expect(r.shapeChecks.find((c) => c.tensor === 'ap')!.actual).toEqual([2, 8, 2, 2]);
    const prob = r.outputs.find((o) => o.name === 'prob')!;
    expect(prob.dims).toEqual([2, 10]);
    expect(prob.head.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(prob.head.slice(10, 20).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  test('same seed → same outputs; another seed → different outputs; fast mode agrees with profile mode', async () => {
    const ort = await nodeOrt();
    const { model } = lowered(MIXED);
    const a = await runLowered(ort, model, base);
    const b = await runLowered(ort, model, base);
    const c = await runLowered(ort, model, { ...base, seed: 8 });
    const p = await runLowered(ort, model, { ...base, mode: 'profile' }, { capture: nodePrintCapture() });
    expect(a.outputs[0]!.head).toEqual(b.outputs[0]!.head);
    expect(a.outputs[0]!.head).not.toEqual(c.outputs[0]!.head);
    a.outputs[0]!.head.forEach((v, i) => expect(p.outputs[0]!.head[i]).toBeCloseTo(v, 4));
    expect(a.perLayerMs).toBeNull();
    expect(a.shapeChecks.map((s) => s.tensor)).toEqual(['prob']);
  });

  test('warm-up: the count alone, the minimum time (no cap), or on until runs stop getting faster', async () => {
    const ort = await nodeOrt();
    const { model } = lowered(SEED_NOTES);
    const counted = await runLowered(ort, model, { ...base, warmup: 3, warmupMs: 0 });
    expect([counted.warmupRuns, counted.warmup.stop]).toEqual([3, 'minimum']);
    expect(counted.runMs).toHaveLength(2);
    // The time is honoured whatever the number of runs it takes (there is no run cap any more).
    const timed = await runLowered(ort, model, { ...base, warmup: 1, warmupMs: 400 });
    expect(timed.warmup.stop).toBe('minimum');
    expect(timed.warmupMs).toBeGreaterThanOrEqual(400);
    expect(timed.warmupRuns).toBeGreaterThan(1);
    expect(timed.warmup.head).toHaveLength(Math.min(200, timed.warmupRuns));
    // With a maximum time, warm-up ends when the last window is no more than 10% faster than the one before.
    const conv = await runLowered(ort, model, { ...base, warmup: 2, warmupMs: 0, warmupMaxMs: 5_000 });
    expect(conv.warmupRuns).toBeGreaterThanOrEqual(10);
    if (conv.warmup.stop === 'converged') {
      const w = conv.warmup.windows!;
      expect(w.earlierMs).toBeLessThanOrEqual(1.1 * w.laterMs);
    } else {
      expect(conv.warmup.stop).toBe('max-time');
      expect(conv.warmupMs).toBeGreaterThanOrEqual(5_000);
    }
  });

  test('profile mode: timed without exposing every top, every top still checked, per-layer spread over the timed runs', async () => {
    const ort = await nodeOrt();
    const { model, layers } = lowered(MIXED, 'declared');
    // The timed bytes are a prefix of the check bytes and declare only the network output.
    const enc = encodeForRun(model, 7);
    expect(enc.checkBytes.subarray(0, enc.bytes.length)).toEqual(enc.bytes);
    expect(decodeModel(enc.bytes).graph.output.map((o) => o.name)).toEqual(['prob']);
    // The runtime merges the trailing graph into the first: every top is an output there.
    const check = await ort.InferenceSession.create(enc.checkBytes);
    expect([...check.outputNames].sort()).toEqual(model.tops.map((t) => t.name).sort());
    await check.release();
    const timed = await ort.InferenceSession.create(enc.bytes);
    expect(timed.outputNames).toEqual(['prob']);
    await timed.release();

    const r = await runLowered(
      ort,
      model,
      { ...base, mode: 'profile', warmup: 3, runs: 4 },
      { capture: nodePrintCapture() },
    );
    expect(r.shapeChecks.map((c) => c.tensor).sort()).toEqual(model.tops.map((t) => t.name).sort());
    expect(r.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    // Warm-up ran in its own session; the profiled one got 2 untimed runs (its first one allocates).
    expect(r.warmup.runs).toBe(3);
    expect(r.warmup.settleRuns).toBe(PROFILE_SETTLE_RUNS);
    expect(Object.keys(r.perLayerStats!).sort()).toEqual([...layers].sort());
    for (const [layer, s] of Object.entries(r.perLayerStats!)) {
      expect(s.n, layer).toBe(4);
      expect(s.min).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.max);
      expect(r.perLayerMs![layer]).toBe(s.median);
    }
    expect(r.runStats.n).toBe(4);
    expect(r.medianMs).toBe(r.runStats.median);
  });
});
