import { describe, expect, it } from 'vitest';
import { corpusAvailable } from '../testing/corpus';
import type { AnalysisResult } from '../analysis/types';
import { analyzeCorpus, errorsOf } from './golden-helpers';

/**
 * The two corpus files no CSV covers. Expected shapes are derived by hand from the layer
 * definitions (SSD: Liu et al. 2016 head layout; C3D: Tran et al. 2015), not read back from us.
 */

const available = corpusAvailable();

function shapeOf(r: AnalysisResult, layer: string, top = 0): readonly number[] | null | undefined {
  return r.layers.find((l) => l.name === layer)?.outputs[top];
}

describe.skipIf(!available)('SSD300 VGG16 VOC: every blob through the detection head', () => {
  // Source maps, their H = W, and priors per location (1 + max_size + aspect ratios with flip).
  const sources = [
    { name: 'conv4_3_norm', size: 38, channels: 512, priors: 4 },
    { name: 'fc7', size: 19, channels: 1024, priors: 6 },
    { name: 'conv6_2', size: 10, channels: 512, priors: 6 },
    { name: 'conv7_2', size: 5, channels: 256, priors: 6 },
    { name: 'conv8_2', size: 3, channels: 256, priors: 4 },
    { name: 'conv9_2', size: 1, channels: 256, priors: 4 },
  ];
  const boxes = sources.reduce((s, x) => s + x.size * x.size * x.priors, 0);

  it('8732 default boxes', () => {
    expect(boxes).toBe(8732);
  });

  it('backbone and extra layers (pool3 rounds 75 up to 38; dilated fc6 keeps 19)', () => {
    const r = analyzeCorpus('caffe', 'ssd300_vgg16_voc.prototxt', 'declared');
    expect(errorsOf(r)).toEqual([]);
    expect(shapeOf(r, 'pool3')).toEqual([1, 256, 38, 38]);
    expect(shapeOf(r, 'pool5')).toEqual([1, 512, 19, 19]);
    expect(shapeOf(r, 'fc6')).toEqual([1, 1024, 19, 19]);
    for (const s of sources) expect(shapeOf(r, s.name), s.name).toEqual([1, s.channels, s.size, s.size]);
  });

  it('per source: loc/conf convs, Permute (N×H×W×C), Flatten, PriorBox (1×2×H·W·priors·4)', () => {
    const r = analyzeCorpus('caffe', 'ssd300_vgg16_voc.prototxt', 'declared');
    for (const s of sources) {
      const hw = s.size * s.size;
      const loc = 4 * s.priors;
      const conf = 21 * s.priors;
      expect(shapeOf(r, `${s.name}_mbox_loc`), s.name).toEqual([1, loc, s.size, s.size]);
      expect(shapeOf(r, `${s.name}_mbox_conf`), s.name).toEqual([1, conf, s.size, s.size]);
      expect(shapeOf(r, `${s.name}_mbox_loc_perm`), s.name).toEqual([1, s.size, s.size, loc]);
      expect(shapeOf(r, `${s.name}_mbox_conf_perm`), s.name).toEqual([1, s.size, s.size, conf]);
      expect(shapeOf(r, `${s.name}_mbox_loc_flat`), s.name).toEqual([1, hw * loc]);
      expect(shapeOf(r, `${s.name}_mbox_conf_flat`), s.name).toEqual([1, hw * conf]);
      expect(shapeOf(r, `${s.name}_mbox_priorbox`), s.name).toEqual([1, 2, hw * s.priors * 4]);
    }
  });

  it('Concat, Reshape, Softmax, Flatten and DetectionOutput', () => {
    const r = analyzeCorpus('caffe', 'ssd300_vgg16_voc.prototxt', 'declared');
    expect(shapeOf(r, 'mbox_loc')).toEqual([1, boxes * 4]);
    expect(shapeOf(r, 'mbox_conf')).toEqual([1, boxes * 21]);
    expect(shapeOf(r, 'mbox_priorbox')).toEqual([1, 2, boxes * 4]);
    expect(shapeOf(r, 'mbox_conf_reshape')).toEqual([1, boxes, 21]);
    expect(shapeOf(r, 'mbox_conf_softmax')).toEqual([1, boxes, 21]);
    expect(shapeOf(r, 'mbox_conf_flatten')).toEqual([1, boxes * 21]);
    // detection_output_layer.cpp: 1×1×num_kept×7, num_kept ≤ keep_top_k (200) known only after NMS;
    // the analysis shows the bound.
    expect(shapeOf(r, 'detection_out')).toEqual([1, 1, 200, 7]);
  });

  it('totals: VGG backbone + heads, next to convnet-burden’s figures', () => {
    const r = analyzeCorpus('caffe', 'ssd300_vgg16_voc.prototxt', 1);
    // 22,943,936 backbone + extras + norm, 534,648 loc heads, 2,806,902 conf heads (summed by hand).
    expect(r.totals.params).toBe(26_285_486); // burden: 100 MB ≈ 26.2 M (+0.3 %)
    expect(r.totals.macs).toBe(31_373_537_792); // burden: 31 G "flops" incl. extra ops (+1.2 %)
  });
});

describe.skipIf(!available)('C3D (video-caffe NdConvolution / NdPooling): 5-D shapes', () => {
  it('every blob keeps N×C×D×H×W until fc6', () => {
    const r = analyzeCorpus('caffe', 'c3d_ucf101.prototxt', 'declared');
    expect(errorsOf(r)).toEqual([]);
    const expected: [string, number[]][] = [
      ['conv1a', [1, 64, 16, 112, 112]],
      ['pool1', [1, 64, 16, 56, 56]], // 1×2×2: time kept
      ['conv2a', [1, 128, 16, 56, 56]],
      ['pool2', [1, 128, 8, 28, 28]],
      ['conv3a', [1, 256, 8, 28, 28]],
      ['pool3', [1, 256, 4, 14, 14]],
      ['conv4a', [1, 256, 4, 14, 14]],
      ['pool4', [1, 256, 2, 7, 7]],
      ['conv5a', [1, 256, 2, 7, 7]],
      ['pool5', [1, 256, 1, 4, 4]], // ceil: 7 → 4 (facebookarchive/C3D issue #219)
      ['fc6', [1, 2048]],
      ['fc7', [1, 2048]],
      ['fc8', [1, 101]],
    ];
    for (const [name, shape] of expected) expect(shapeOf(r, name), name).toEqual(shape);
    const conv1a = r.layers.find((l) => l.name === 'conv1a')!;
    expect(conv1a.params).toBe(64 * 3 * 27 + 64);
    expect(conv1a.macs).toBe(16 * 112 * 112 * 64 * 3 * 27);
    expect(conv1a.receptiveField).toHaveLength(3);
    const fc6 = r.layers.find((l) => l.name === 'fc6')!;
    expect(fc6.params).toBe(256 * 16 * 2048 + 2048);
    expect(r.totals.params).toBe(17_444_965);
    expect(r.totals.macs).toBe(19_261_106_176);
  });
});
