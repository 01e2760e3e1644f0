import { describe, expect, test } from 'vitest';
import { analyzeLayers } from '../../ops/spatial-test-graph';
import { runLowered } from '../engine';
import type { AttributeObject, NodeObject } from '../onnx/proto';
import { seededInputs } from '../onnx/encode';
import { nodeOrt } from '../testing/node-ort';
import { allFinite, lowerOrThrow, mismatches, runOnce } from '../testing/run-check';
import { lowerAnalysis, type LoweredModel } from './index';

function attr(node: NodeObject, name: string): number | number[] | string | undefined {
  const a: AttributeObject | undefined = node.attribute.find((x) => x.name === name);
  if (!a) return undefined;
  if (a.ints) return a.ints;
  if (a.floats) return a.floats;
  if (a.s) return new TextDecoder().decode(a.s);
  return a.i ?? a.f;
}

function opsOf(m: LoweredModel, name: string): string[] {
  return m.nodes.filter((n) => m.nodeLayer[n.name] === name).map((n) => n.op_type);
}

function node(m: LoweredModel, name: string, opType: string): NodeObject {
  const n = m.nodes.find((x) => m.nodeLayer[x.name] === name && x.op_type === opType);
  if (!n) throw new Error(`no ${opType} for ${name}`);
  return n;
}

async function expectRuns(m: LoweredModel): Promise<void> {
  const r = await runOnce(m);
  expect(mismatches(r)).toEqual([]);
  expect(r.shapeChecks.length).toBe(m.tops.length);
  expect(allFinite(r)).toBe(true);
}

describe('Caffe MAX pooling with a mask top', () => {
  test('MaxPool Indices → Mod by H·W → float: the mask is the argmax offset inside its channel plane', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [2, 3, 5, 5],
        [
          {
            name: 'pool',
            type: 'Pooling',
            tops: ['pool', 'mask'],
            attrs: { pooling_param: { pool: 'MAX', kernel_size: 2, stride: 2 } },
          },
        ],
      ),
    );
    expect(opsOf(m, 'pool')).toEqual(['MaxPool', 'Mod', 'Cast']);
    expect(m.consts.find((c) => c.name === 'pool/plane_size')!.values).toEqual([25]);
    // Caffe rounds up: 5 → 3 windows, the last one clipped (explicit end pad 1).
    expect(attr(node(m, 'pool', 'MaxPool'), 'pads')).toEqual([0, 0, 1, 1]);
    const ort = await nodeOrt();
    const r = await runLowered(ort, m, { backend: 'wasm', mode: 'fast', warmup: 0, runs: 1, seed: 3 });
    expect(mismatches(r)).toEqual([]);
    // Recompute Caffe's mask from the same seeded input and compare every value.
    const input = seededInputs(m, 3).data!;
    const mask = r.outputs.find((o) => o.name === 'mask')!;
    const pooled = r.outputs.find((o) => o.name === 'pool')!;
    const expected: number[] = [];
    const maxima: number[] = [];
    for (let nc = 0; nc < 6; nc++)
      for (let ph = 0; ph < 3; ph++)
        for (let pw = 0; pw < 3; pw++) {
          let best = -Infinity;
          let at = -1;
          for (let h = ph * 2; h < Math.min(ph * 2 + 2, 5); h++)
            for (let w = pw * 2; w < Math.min(pw * 2 + 2, 5); w++) {
              const v = input[nc * 25 + h * 5 + w]!;
              if (v > best) {
                best = v;
                at = h * 5 + w;
              }
            }
          expected.push(at);
          maxima.push(best);
        }
    expect(mask.head).toEqual(expected.slice(0, 54));
    pooled.head.forEach((v, i) => expect(v).toBeCloseTo(maxima[i]!, 6));
  });

  test('SegNet: pooling mask feeds Upsample → MaxUnpool with per-plane offsets, back to the odd input size', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [1, 2, 7, 7],
        [
          {
            name: 'pool',
            type: 'Pooling',
            tops: ['pool', 'mask'],
            attrs: { pooling_param: { pool: 'MAX', kernel_size: 2, stride: 2 } },
          },
          {
            name: 'up',
            type: 'Upsample',
            bottoms: ['pool', 'mask'],
            attrs: { upsample_param: { scale: 2, upsample_h: 7, upsample_w: 7 } },
          },
        ],
      ),
    );
    expect(opsOf(m, 'up')).toEqual(['Reshape', 'Cast', 'Add', 'MaxUnpool']);
    expect(m.consts.find((c) => c.name === 'up/offsets')!.values).toEqual([0, 49]);
    expect(attr(node(m, 'up', 'MaxUnpool'), 'pads')).toEqual([0, 0, 1, 1]);
    await expectRuns(m);
  });
});

describe('Caffe fork and extra layers', () => {
  test('activations: Threshold, Mish, HSwish, HSigmoid (α = 1/6, β = ½)', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [1, 3, 4, 4],
        [
          { name: 'mish', type: 'Mish' },
          { name: 'hs', type: 'HSwish' },
          { name: 'hsig', type: 'HSigmoid' },
          { name: 'th', type: 'Threshold', attrs: { threshold_param: { threshold: 0.3 } } },
        ],
      ),
    );
    expect(opsOf(m, 'mish')).toEqual(['Softplus', 'Tanh', 'Mul']);
    expect(opsOf(m, 'hs')).toEqual(['HardSwish']);
    expect(attr(node(m, 'hsig', 'HardSigmoid'), 'alpha')).toBeCloseTo(1 / 6, 6);
    expect(opsOf(m, 'th')).toEqual(['Greater', 'Cast']);
    const r = await runOnce(m);
    expect(mismatches(r)).toEqual([]);
    expect(r.outputs[0]!.head.every((v) => v === 0 || v === 1)).toBe(true);
  });

  test('SegNet BN (LEARN with statistics tops, INFERENCE), MVN both ways, Axpy, Tile', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [2, 3, 4, 4],
        [
          { name: 'bn', type: 'BN', tops: ['bn', 'bn_mean', 'bn_var'] },
          { name: 'bn2', type: 'BN', bottoms: ['bn'], attrs: { bn_param: { bn_mode: 'INFERENCE' } } },
          { name: 'mvn', type: 'MVN', attrs: { mvn_param: { across_channels: true } } },
          { name: 'mvn2', type: 'MVN', attrs: { mvn_param: { normalize_variance: false } } },
          { name: 'gap', type: 'Pooling', attrs: { pooling_param: { pool: 'AVE', global_pooling: true } } },
          { name: 'axpy', type: 'Axpy', bottoms: ['gap', 'mvn2', 'bn2'] },
          { name: 'tile', type: 'Tile', attrs: { tile_param: { axis: 2, tiles: 3 } } },
        ],
      ),
    );
    expect(attr(node(m, 'bn', 'ReduceMean'), 'axes')).toEqual([0, 2, 3]);
    expect(opsOf(m, 'bn2')).toEqual(['Mul', 'Add']);
    expect(attr(node(m, 'mvn', 'ReduceMean'), 'axes')).toEqual([1, 2, 3]);
    expect(opsOf(m, 'mvn2')).toEqual(['ReduceMean', 'Sub']);
    expect(m.tops.find((t) => t.name === 'bn_mean')!.shape).toEqual([1, 3, 1, 1]);
    expect(m.consts.find((c) => c.name === 'tile/repeats')!.values).toEqual([1, 1, 3, 1]);
    await expectRuns(m);
  });

  /** The reorg layer's loop (caffe-yolov2 reorg_cpu with the bottom's dims), for a value check. */
  function reorgReference(x: Float32Array, dims: number[], s: number, reverse: boolean): number[] {
    const [c, h, w] = dims as [number, number, number];
    const out = new Array<number>(x.length).fill(NaN);
    const tc = c / (s * s);
    for (let k = 0; k < c; k++)
      for (let j = 0; j < h; j++)
        for (let i = 0; i < w; i++) {
          const bottom = i + w * (j + h * k);
          const offset = Math.floor(k / tc);
          const top = i * s + (offset % s) + w * s * (j * s + Math.floor(offset / s) + h * s * (k % tc));
          if (reverse) out[top] = x[bottom]!;
          else out[bottom] = x[top]!;
        }
    return out;
  }

  test.each([
    [false, [1, 4, 2, 2], [1, 16, 1, 1]],
    [true, [1, 8, 2, 4], [1, 2, 4, 8]],
  ])('Reorg reverse=%s moves every value where reorg_cpu does', async (reverse, input, output) => {
    const m = lowerOrThrow(
      analyzeLayers(input, [{ name: 'reorg', type: 'Reorg', attrs: { reorg_param: { stride: 2, reverse } } }]),
    );
    expect(attr(node(m, 'reorg', 'Transpose'), 'perm')).toEqual(reverse ? [0, 3, 4, 1, 5, 2] : [0, 3, 5, 1, 2, 4]);
    expect(m.outputs[0]!.shape).toEqual(output);
    const r = await runOnce(m);
    expect(mismatches(r)).toEqual([]);
    const x = seededInputs(m, 1).data!;
    expect(r.outputs[0]!.head).toEqual(reorgReference(x, input.slice(1), 2, reverse).map((v) => Math.fround(v)));
  });

  test('ArgMax per image (indices then values) and along an axis; Reduction SUMSQ from axis 1 × coeff', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [1, 4, 3, 5],
        [
          { name: 'am', type: 'ArgMax', bottoms: ['data'], attrs: { argmax_param: { top_k: 3, out_max_val: true } } },
          { name: 'amx', type: 'ArgMax', bottoms: ['data'], attrs: { argmax_param: { axis: 1, top_k: 2 } } },
          {
            name: 'red',
            type: 'Reduction',
            bottoms: ['data'],
            attrs: { reduction_param: { operation: 'SUMSQ', axis: 1, coeff: 0.5 } },
          },
        ],
      ),
    );
    expect(opsOf(m, 'am')).toEqual(['Flatten', 'TopK', 'Cast', 'Concat', 'Reshape']);
    expect(m.tops.map((t) => t.shape)).toEqual([[1, 2, 3, 1], [1, 2, 3, 5], [1]]);
    const r = await runOnce(m);
    expect(mismatches(r)).toEqual([]);
    const x = seededInputs(m, 1).data!;
    const sorted = Array.from(x.keys()).sort((a, b) => x[b]! - x[a]!);
    const am = r.outputs.find((o) => o.name === 'am')!;
    expect(am.head.slice(0, 3)).toEqual(sorted.slice(0, 3));
    am.head.slice(3, 6).forEach((v, i) => expect(v).toBeCloseTo(x[sorted[i]!]!, 6));
    const red = r.outputs.find((o) => o.name === 'red')!;
    expect(red.head[0]).toBeCloseTo(0.5 * x.reduce((a, v) => a + v * v, 0), 3);
  });

  test('Embed and BatchReindex gather rows; ROIPooling is MaxRoiPool; SPP pools three levels and concatenates', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [2, 3, 9, 7],
        [
          { name: 'spp', type: 'SPP', attrs: { spp_param: { pyramid_height: 3 } } },
          {
            name: 'roi',
            type: 'ROIPooling',
            bottoms: ['data', 'rois'],
            attrs: { roi_pooling_param: { pooled_h: 2, pooled_w: 3, spatial_scale: 0.5 } },
          },
          { name: 'emb', type: 'Embed', bottoms: ['ids'], attrs: { embed_param: { input_dim: 5, num_output: 4 } } },
          { name: 'reidx', type: 'BatchReindex', bottoms: ['data', 'perm'] },
        ],
        { rois: [4, 5], ids: [2, 3], perm: [3] },
      ),
    );
    expect(opsOf(m, 'spp')).toEqual(['MaxPool', 'Flatten', 'MaxPool', 'Flatten', 'MaxPool', 'Flatten', 'Concat']);
    // Level 2 on 9×7: 4 bins, kernel ⌈9/4⌉ = 3 pad 2 / ⌈7/4⌉ = 2 pad 1 (spp_layer.cpp).
    expect(attr(m.nodes.filter((n) => n.op_type === 'MaxPool')[2]!, 'kernel_shape')).toEqual([3, 2]);
    expect(attr(node(m, 'roi', 'MaxRoiPool'), 'pooled_shape')).toEqual([2, 3]);
    expect(opsOf(m, 'emb')).toEqual(['Clip', 'Cast', 'Gather', 'Add']);
    expect(m.tops.map((t) => t.shape)).toEqual([
      [2, 3 * (1 + 4 + 16)],
      [4, 3, 2, 3],
      [2, 3, 4],
      [3, 3, 9, 7],
    ]);
    await expectRuns(m);
  });

  test('LSTMUnit: gates split from 1×N×4H, cont masks the forget gate', async () => {
    const m = lowerOrThrow(
      analyzeLayers([1, 2, 3], [{ name: 'unit', type: 'LSTMUnit', bottoms: ['data', 'x', 'cont'], tops: ['c', 'h'] }], {
        x: [1, 2, 12],
        cont: [1, 2],
      }),
    );
    expect(m.consts.find((c) => c.name === 'unit/split')!.values).toEqual([3, 3, 3, 3]);
    await expectRuns(m);
  });

  test('LRN WITHIN_CHANNEL (lrn_layer.cpp: x·(1 + α·mean of x² over the size² window)^−β) and Normalize across_spatial', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [1, 1, 4, 4],
        [
          {
            name: 'lrn',
            type: 'LRN',
            attrs: { lrn_param: { norm_region: 'WITHIN_CHANNEL', local_size: 3, alpha: 2, beta: 0.75 } },
          },
          { name: 'norm', type: 'Normalize', bottoms: ['data'], attrs: { norm_param: { across_spatial: true } } },
        ],
      ),
    );
    expect(opsOf(m, 'lrn')).toEqual(['Mul', 'AveragePool', 'Mul', 'Add', 'Pow', 'Mul']);
    expect(opsOf(m, 'norm')).toEqual(['ReduceSumSquare', 'Add', 'Sqrt', 'Div', 'Mul']);
    const r = await runOnce(m);
    expect(mismatches(r)).toEqual([]);
    const x = seededInputs(m, 1).data!;
    const at = (h: number, w: number) => (h < 0 || w < 0 || h > 3 || w > 3 ? 0 : x[h * 4 + w]!);
    const expected: number[] = [];
    for (let h = 0; h < 4; h++)
      for (let w = 0; w < 4; w++) {
        let sum = 0;
        for (let dh = -1; dh <= 1; dh++) for (let dw = -1; dw <= 1; dw++) sum += at(h + dh, w + dw) ** 2;
        expected.push(x[h * 4 + w]! * (1 + (2 * sum) / 9) ** -0.75);
      }
    const lrn = r.outputs.find((o) => o.name === 'lrn')!;
    lrn.head.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    // across_spatial: the whole image has unit L2 norm before the learned scale.
    const norm = r.outputs.find((o) => o.name === 'norm')!;
    const scale = norm.head[0]! / (x[0]! / Math.hypot(...x));
    norm.head.forEach((v, i) => expect(v).toBeCloseTo((scale * x[i]!) / Math.hypot(...x), 5));
  });

  test('STOCHASTIC pooling at test time is Σx²/Σx per window (two average pools sharing a divisor)', async () => {
    const m = lowerOrThrow(
      analyzeLayers(
        [1, 1, 4, 4],
        [{ name: 'st', type: 'Pooling', attrs: { pooling_param: { pool: 'STOCHASTIC', kernel_size: 2, stride: 2 } } }],
      ),
    );
    expect(opsOf(m, 'st')).toEqual(['Mul', 'AveragePool', 'AveragePool', 'Div']);
    const r = await runOnce(m);
    expect(mismatches(r)).toEqual([]);
    const x = seededInputs(m, 1).data!;
    const expected = [0, 2, 8, 10].map((o) => {
      const w = [x[o]!, x[o + 1]!, x[o + 4]!, x[o + 5]!];
      return w.reduce((a, v) => a + v * v, 0) / w.reduce((a, v) => a + v, 0);
    });
    r.outputs[0]!.head.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
  });

  test('types without an ONNX equivalent are refused with the reason', () => {
    const r = lowerAnalysis(
      analyzeLayers([1, 3, 8, 8], [{ name: 'i2c', type: 'Im2col', attrs: { convolution_param: { kernel_size: 3 } } }]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refused).toEqual([
      { layer: 'i2c', type: 'Im2col', reason: 'no ONNX lowering for type "Im2col": ONNX has no im2col op' },
    ]);
  });
});
