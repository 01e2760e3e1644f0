import { describe, expect, it } from 'vitest';
import { runLayers } from './test-model';

describe('Keras Conv2D', () => {
  it('valid padding floors and counts bias and MACs', () => {
    const { layer } = runLayers([150, 150, 3], [['Conv2D', { filters: 32, kernel_size: [3, 3] }]]);
    expect(layer.outputs[0]).toEqual([1, 148, 148, 32]);
    expect(layer.params).toBe(3 * 3 * 3 * 32 + 32);
    expect(layer.macs).toBe(148 * 148 * 32 * 27);
    expect(layer.flops).toBe(2 * layer.macs + 148 * 148 * 32);
  });

  it('same padding is TF-style: out = ceil(in/s) and the odd pixel of padding goes after', () => {
    // in 224, k 3, s 2: out 112, total pad = (112−1)·2 + 3 − 224 = 1 → 0 before, 1 after.
    const { layer } = runLayers(
      [224, 224, 3],
      [['Conv2D', { filters: 8, kernel_size: 3, strides: 2, padding: 'same', use_bias: false }]],
    );
    expect(layer.outputs[0]).toEqual([1, 112, 112, 8]);
    expect(layer.params).toBe(3 * 3 * 3 * 8);
    // start of the receptive field: (k−1)/2 − pad_before = 1 − 0 (Caffe's symmetric pad 1 would give 0).
    expect(layer.receptiveField).toEqual([
      { size: 3, jump: 2, start: 1 },
      { size: 3, jump: 2, start: 1 },
    ]);
    // in 7, k 4, s 1: total pad 3 → 1 before, 2 after: start = 1.5 − 1 = 0.5.
    const even = runLayers([7, 7, 1], [['Conv2D', { filters: 1, kernel_size: 4, padding: 'same' }]]).layer;
    expect(even.outputs[0]).toEqual([1, 7, 7, 1]);
    expect(even.receptiveField?.[0]).toEqual({ size: 4, jump: 1, start: 0.5 });
  });

  it('respects data_format channels_first', () => {
    const { layer } = runLayers(
      [3, 32, 30],
      [['Conv2D', { filters: 16, kernel_size: [3, 5], strides: [1, 2], data_format: 'channels_first' }]],
    );
    expect(layer.outputs[0]).toEqual([1, 16, 30, 13]);
    expect(layer.macs).toBe(30 * 13 * 16 * 3 * 15);
  });

  it('groups divide the cost and must divide the channels', () => {
    const ok = runLayers([8, 8, 16], [['Conv2D', { filters: 32, kernel_size: 1, groups: 4, use_bias: false }]]).layer;
    expect(ok.params).toBe((16 / 4) * 32);
    expect(ok.macs).toBe(64 * 32 * 4);
    const bad = runLayers([8, 8, 15], [['Conv2D', { filters: 32, kernel_size: 1, groups: 4 }]]);
    expect(bad.layer.status).toBe('broken');
    expect(bad.result.diagnostics.map((d) => d.message)).toContain(
      'l1: input channels 15 are not divisible by groups 4',
    );
  });

  it('reports a kernel larger than the input with the kernel_size position', () => {
    const { layer, result } = runLayers([4, 4, 1], [['Conv2D', { filters: 1, kernel_size: 5 }]]);
    expect(layer.status).toBe('broken');
    const d = result.diagnostics.find((x) => x.severity === 'error')!;
    expect(d.message).toBe(
      'l1: window 5 (kernel 5) is larger than the input (4) along spatial axis 1 with padding "valid"',
    );
    // sequentialJson pretty-prints one key per line: l1's `"kernel_size": 5` is line 23, the 5 at column 26.
    expect(d.span).toMatchObject({ line: 23, column: 26, length: 1 });
  });

  it('dilation enlarges the receptive field without adding params or MACs', () => {
    const plain = runLayers([32, 32, 1], [['Conv2D', { filters: 1, kernel_size: 3, use_bias: false }]]).layer;
    const dil = runLayers(
      [32, 32, 1],
      [['Conv2D', { filters: 1, kernel_size: 3, dilation_rate: 2, use_bias: false }]],
    ).layer;
    expect(dil.outputs[0]).toEqual([1, 28, 28, 1]);
    expect(dil.params).toBe(plain.params);
    expect(dil.macs / (28 * 28)).toBe(plain.macs / (30 * 30));
    expect(dil.receptiveField?.[0]?.size).toBe(5);
    expect(plain.receptiveField?.[0]?.size).toBe(3);
  });

  it('gives the im2col, Winograd and FFT views (seed-notes GEMM example 256×1152×192)', () => {
    // 3×3 conv, 128 → 256 channels, output 16×12 = 192 positions: K = 128·9 = 1152.
    const { layer } = runLayers([16, 12, 128], [['Conv2D', { filters: 256, kernel_size: 3, padding: 'same' }]]);
    const a = layer.algorithms!;
    expect(a.gemm).toEqual({ m: 256, k: 1152, n: 192, groups: 1 });
    expect(a.directMacs).toBe(256 * 1152 * 192);
    expect(a.im2colBufferElements).toBe(1152 * 192);
    expect(a.im2colInputRatio).toBe(9);
    expect(a.winograd?.f2x2_3x3).toEqual({ tiles: 8 * 6, multiplications: 48 * 16 * 128 * 256 });
    expect(a.winograd?.f4x4_3x3).toEqual({ tiles: 4 * 3, multiplications: 12 * 36 * 128 * 256 });
    expect(a.fftEstimateFlops).toBeGreaterThan(0);
  });

  it('Conv1D causal padding keeps the length; Conv3D has a depth axis', () => {
    const c1 = runLayers(
      [100, 8],
      [['Conv1D', { filters: 4, kernel_size: 3, padding: 'causal', dilation_rate: 2 }]],
    ).layer;
    expect(c1.outputs[0]).toEqual([1, 100, 4]);
    expect(c1.receptiveField).toEqual([{ size: 5, jump: 1, start: -2 }]);
    const c3 = runLayers([16, 112, 112, 3], [['Conv3D', { filters: 64, kernel_size: 3, padding: 'same' }]]).layer;
    expect(c3.outputs[0]).toEqual([1, 16, 112, 112, 64]);
    expect(c3.params).toBe(27 * 3 * 64 + 64);
    expect(c3.macs).toBe(16 * 112 * 112 * 64 * 81);
    expect(c3.algorithms?.winograd).toBeUndefined();
  });

  it('rejects strides combined with dilation, and a missing filters', () => {
    const a = runLayers([8, 8, 1], [['Conv2D', { filters: 1, kernel_size: 3, strides: 2, dilation_rate: 2 }]]);
    expect(a.layer.status).toBe('broken');
    const b = runLayers([8, 8, 1], [['Conv2D', { kernel_size: 3 }]]);
    expect(b.result.diagnostics.map((d) => d.message)).toContain('l1: filters is required');
  });
});

describe('Keras depthwise and separable convolutions', () => {
  it('DepthwiseConv2D multiplies channels by depth_multiplier', () => {
    const { layer } = runLayers(
      [14, 14, 32],
      [['DepthwiseConv2D', { kernel_size: 3, depth_multiplier: 2, padding: 'same' }]],
    );
    expect(layer.outputs[0]).toEqual([1, 14, 14, 64]);
    expect(layer.params).toBe(9 * 32 * 2 + 64);
    expect(layer.macs).toBe(14 * 14 * 64 * 9);
    expect(layer.algorithms?.gemm).toEqual({ m: 2, k: 9, n: 196, groups: 32 });
  });

  it('seed-notes worked example: 12×12×3, 5×5 → 8×8×256 costs 1,228,800 standard vs 53,952 separable', () => {
    const std = runLayers([12, 12, 3], [['Conv2D', { filters: 256, kernel_size: 5, use_bias: false }]]).layer;
    expect(std.outputs[0]).toEqual([1, 8, 8, 256]);
    expect(std.macs).toBe(1_228_800);
    const sep = runLayers([12, 12, 3], [['SeparableConv2D', { filters: 256, kernel_size: 5, use_bias: false }]]).layer;
    expect(sep.outputs[0]).toEqual([1, 8, 8, 256]);
    expect(sep.macs).toBe(4_800 + 49_152);
    expect(sep.macs).toBe(53_952);
    expect(sep.params).toBe(5 * 5 * 3 + 3 * 256);
  });

  it('seed-notes 1×1 bottleneck: 153,600 → 15,872 weights, 120,422,400 → 12,443,648 MACs', () => {
    const direct = runLayers(
      [28, 28, 192],
      [['Conv2D', { filters: 32, kernel_size: 5, padding: 'same', use_bias: false }]],
    );
    expect(direct.layer.params).toBe(153_600);
    expect(direct.layer.macs).toBe(120_422_400);
    const neck = runLayers(
      [28, 28, 192],
      [
        ['Conv2D', { filters: 16, kernel_size: 1, use_bias: false }],
        ['Conv2D', { filters: 32, kernel_size: 5, padding: 'same', use_bias: false }],
      ],
    );
    expect(neck.result.totals.params).toBe(15_872);
    expect(neck.result.totals.macs).toBe(12_443_648);
  });
});
