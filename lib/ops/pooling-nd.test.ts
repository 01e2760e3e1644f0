import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../analysis';
import { analyzeText } from '../index';

/**
 * Pooling on 5-D blobs, as the N-D pooling forks of 3-D U-Net / V-Net style segmentation
 * nets run it. Written from the N-D src/caffe/layers/pooling_layer.cpp those forks carry (as
 * stored): LayerSetUp takes num_spatial_axes = num_axes − 2; kernel_size / stride / pad given
 * once or once per spatial axis (CHECK num_kernel_dims == 1 || == num_spatial_axes), kernel_h /
 * kernel_w only for 2-D ("can only be used for 2D pooling"), global pooling over every spatial
 * axis with pad 0 and stride 1. Reshape: pooled_shape[i+2] = ceil((in + 2·pad − k) / stride) + 1,
 * then, with padding, one less when (out − 1)·stride ≥ in + pad ("ensure that the last pooling
 * starts strictly inside the image"). BVLC's own Pooling refuses anything but 4-D.
 */

const head = 'input: "vol"\ninput_shape { dim: 1 dim: 8 dim: 16 dim: 32 dim: 5 }\n';
const pool = (name: string, params: string) =>
  `layer { name: "${name}" type: "Pooling" bottom: "vol" top: "${name}" pooling_param { ${params} } }`;

function out(r: AnalysisResult, name: string): readonly number[] | null | undefined {
  return r.layers.find((l) => l.name === name)?.outputs[0];
}

describe('Pooling on 5-D blobs (N-D pooling forks)', () => {
  it('one kernel_size / stride for every spatial axis, rounded up and clipped per axis, with a note', () => {
    const r = analyzeText(head + pool('p', 'pool: MAX kernel_size: 2 stride: 2 pad: 1'));
    // 16: ceil(16/2)+1 = 9, (9−1)·2 = 16 ≥ 17? no → 9. 32 → 17. 5: ceil(5/2)+1 = 4, 6 ≥ 6 → 3.
    expect(out(r, 'p')).toEqual([1, 8, 9, 17, 3]);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual([
      'info p: 5-D input: pooled over its 3 spatial axes as the N-D pooling forks do (3-D U-Net / V-Net style); BVLC Caffe’s Pooling takes 4-D blobs only',
    ]);
    // MAX: 2·2·2 − 1 = 7 compares per output.
    expect(r.layers[0]!.flops).toBe(8 * 9 * 17 * 3 * 7);
  });

  it('kernel_size once per axis: accepted with the fork’s note, each axis its own window', () => {
    const r = analyzeText(
      head + pool('p', 'pool: AVE kernel_size: 1 kernel_size: 2 kernel_size: 2 stride: 1 stride: 2 stride: 2'),
    );
    expect(out(r, 'p')).toEqual([1, 8, 16, 16, 3]);
    expect(r.diagnostics.filter((d) => d.severity === 'info').map((d) => d.message)).toEqual([
      'p: pooling_param.kernel_size is given more than once, which the N-D pooling fork allows (3-D U-Net / V-Net style forks whose Pooling takes 5-D blobs and one kernel_size/stride/pad per axis); BVLC Caffe takes it once',
      'p: 5-D input: pooled over its 3 spatial axes as the N-D pooling forks do (3-D U-Net / V-Net style); BVLC Caffe’s Pooling takes 4-D blobs only',
    ]);
  });

  it('global pooling covers every spatial axis', () => {
    const r = analyzeText(head + pool('g', 'pool: AVE global_pooling: true'));
    expect(out(r, 'g')).toEqual([1, 8, 1, 1, 1]);
    // AVE: window + 1 = 16·32·5 + 1 per output.
    expect(r.layers[0]!.flops).toBe(8 * (16 * 32 * 5 + 1));
  });

  it('refuses kernel_h on 3 spatial axes and a per-axis count that fits neither 1 nor 3', () => {
    const errors = (params: string) =>
      analyzeText(head + pool('p', params))
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.message);
    expect(errors('kernel_h: 2 kernel_w: 2')).toEqual([
      'p: kernel_h & kernel_w can only be used for 2-D inputs (input has 3 spatial axes)',
    ]);
    expect(errors('kernel_size: 2 kernel_size: 2')).toEqual([
      'p: kernel_size must be specified once, or once per spatial dimension (kernel_size specified 2 times; 3 spatial dims)',
    ]);
  });
});
