import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import type { AnalysisResult } from '../analysis/types';
import { corpusAvailable, readCorpus } from '../testing/corpus';

function shapeOf(r: AnalysisResult, layer: string, top = 0) {
  const l = r.layers.find((x) => x.name === layer);
  if (!l) throw new Error(`no layer ${layer}`);
  return l.outputs[top];
}

/**
 * SSD300 heads, derived by hand from ssd300_vgg16_voc.prototxt and weiliu89/caffe (ssd)
 * prior_box_layer.cpp: aspect ratios start at {1}; each listed ratio adds r and (flip: true) 1/r;
 * num_priors = |ratios|·|min_size| + |max_size|.
 *   conv4_3_norm 38×38: min 30, max 60, ar {2}    → {1, 2, ½}·1 + 1 = 4
 *   fc7          19×19: min 60, max 111, ar {2,3} → {1, 2, ½, 3, ⅓}·1 + 1 = 6
 *   conv6_2      10×10: ar {2,3} → 6;  conv7_2 5×5: ar {2,3} → 6
 *   conv8_2       3×3:  ar {2}   → 4;  conv9_2 1×1: ar {2}   → 4
 * Feature sizes: VGG 300 → conv4_3 38, fc7 19 (pool5 3×3/1, dilated fc6), conv6_2 10 (s2 p1),
 * conv7_2 5 (s2 p1), conv8_2 3 and conv9_2 1 (3×3 valid).
 */
const HEADS = [
  { name: 'conv4_3_norm', size: 38, priors: 4 },
  { name: 'fc7', size: 19, priors: 6 },
  { name: 'conv6_2', size: 10, priors: 6 },
  { name: 'conv7_2', size: 5, priors: 6 },
  { name: 'conv8_2', size: 3, priors: 4 },
  { name: 'conv9_2', size: 1, priors: 4 },
] as const;
const CLASSES = 21;

describe.runIf(corpusAvailable())('SSD300 (ssd300_vgg16_voc.prototxt)', () => {
  const text = corpusAvailable() ? readCorpus('caffe', 'ssd300_vgg16_voc.prototxt') : '';
  const r = analyzeText(text);

  it('analyses with no error diagnostics and every layer ok', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.layers.filter((l) => l.status !== 'ok').map((l) => l.name)).toEqual([]);
  });

  it('Normalize: conv4_3 L2-normalised per position with 512 learned scales', () => {
    const l = r.layers.find((x) => x.name === 'conv4_3_norm')!;
    expect(l.outputs).toEqual([[1, 512, 38, 38]]);
    expect(l.params).toBe(512);
  });

  it.each(HEADS)('$name head: loc/conf convs, Permute, Flatten and PriorBox shapes', ({ name, size, priors }) => {
    const hw = size * size;
    expect(shapeOf(r, `${name}_mbox_loc`)).toEqual([1, priors * 4, size, size]);
    expect(shapeOf(r, `${name}_mbox_conf`)).toEqual([1, priors * CLASSES, size, size]);
    // Permute order 0,2,3,1 moves channels last.
    expect(shapeOf(r, `${name}_mbox_loc_perm`)).toEqual([1, size, size, priors * 4]);
    expect(shapeOf(r, `${name}_mbox_conf_perm`)).toEqual([1, size, size, priors * CLASSES]);
    expect(shapeOf(r, `${name}_mbox_loc_flat`)).toEqual([1, hw * priors * 4]);
    expect(shapeOf(r, `${name}_mbox_conf_flat`)).toEqual([1, hw * priors * CLASSES]);
    expect(shapeOf(r, `${name}_mbox_priorbox`)).toEqual([1, 2, hw * priors * 4]);
  });

  it('8732 priors: mbox_loc 1×34928, mbox_conf 1×183372, mbox_priorbox 1×2×34928', () => {
    const total = HEADS.reduce((s, h) => s + h.size * h.size * h.priors, 0);
    expect(total).toBe(8732);
    expect(shapeOf(r, 'mbox_loc')).toEqual([1, 34928]);
    expect(shapeOf(r, 'mbox_conf')).toEqual([1, 183372]);
    expect(shapeOf(r, 'mbox_priorbox')).toEqual([1, 2, 34928]);
  });

  it('Reshape 0,−1,21 → 1×8732×21; Softmax over axis 2; Flatten back; DetectionOutput 1×1×200×7', () => {
    expect(shapeOf(r, 'mbox_conf_reshape')).toEqual([1, 8732, 21]);
    expect(shapeOf(r, 'mbox_conf_softmax')).toEqual([1, 8732, 21]);
    expect(r.layers.find((l) => l.name === 'mbox_conf_softmax')!.flops).toBe(3 * 183372);
    expect(shapeOf(r, 'mbox_conf_flatten')).toEqual([1, 183372]);
    expect(shapeOf(r, 'detection_out')).toEqual([1, 1, 200, 7]);
  });

  it('at batch 2 the priors stay shared (N = 1) and DetectionOutput bounds 2·keep_top_k rows', () => {
    const r2 = analyzeText(text, { batch: 2 });
    expect(shapeOf(r2, 'mbox_priorbox')).toEqual([1, 2, 34928]);
    expect(shapeOf(r2, 'mbox_loc')).toEqual([2, 34928]);
    expect(shapeOf(r2, 'mbox_conf_reshape')).toEqual([2, 8732, 21]);
    expect(shapeOf(r2, 'detection_out')).toEqual([1, 1, 400, 7]);
  });
});

describe.runIf(corpusAvailable())('C3D (c3d_ucf101.prototxt): 5-D shapes', () => {
  const r = analyzeText(corpusAvailable() ? readCorpus('caffe', 'c3d_ucf101.prototxt') : '');

  it('every blob through NdConvolution/NdPooling/ReLU keeps N×C×T×H×W', () => {
    // Input 1×3×16×112×112; 3×3×3 convs pad 1 keep T×H×W; pool1 1×2×2, pool2–5 2×2×2 stride 2
    // with Caffe's ceil rounding (pool5: 7 → ceil(5/2) + 1 = 4, 2 → 1).
    const expected: Record<string, number[]> = {
      conv1a: [1, 64, 16, 112, 112],
      relu1a: [1, 64, 16, 112, 112],
      pool1: [1, 64, 16, 56, 56],
      conv2a: [1, 128, 16, 56, 56],
      pool2: [1, 128, 8, 28, 28],
      conv3a: [1, 256, 8, 28, 28],
      pool3: [1, 256, 4, 14, 14],
      conv4a: [1, 256, 4, 14, 14],
      pool4: [1, 256, 2, 7, 7],
      conv5a: [1, 256, 2, 7, 7],
      relu5a: [1, 256, 2, 7, 7],
      pool5: [1, 256, 1, 4, 4],
      fc6: [1, 2048],
      drop6: [1, 2048],
      fc8: [1, 101],
      prob: [1, 101],
    };
    for (const [name, shape] of Object.entries(expected)) expect(shapeOf(r, name), name).toEqual(shape);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('5-D ReLU costs one FLOP per element; Dropout none; Softmax 3 per element', () => {
    const relu = r.layers.find((l) => l.name === 'relu1a')!;
    expect(relu.flops).toBe(64 * 16 * 112 * 112);
    expect(r.layers.find((l) => l.name === 'drop6')!.flops).toBe(0);
    expect(r.layers.find((l) => l.name === 'prob')!.flops).toBe(303);
  });
});
