import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import type { AnalysisResult, LayerResult } from '../analysis/types';

/**
 * The worked examples of ../shared/docs/seed-notes.md as small prototxt definitions, read by
 * the real Caffe reader and analysed end to end, with the exact numbers the notes give.
 */

function net(dims: readonly number[], layers: string): AnalysisResult {
  const text = `name: "seed"\ninput: "data"\ninput_shape { ${dims.map((d) => `dim: ${d}`).join(' ')} }\n${layers}`;
  const r = analyzeText(text, { batch: 'declared' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r;
}

function conv(name: string, bottom: string, params: string, type = 'Convolution'): string {
  return `layer { name: "${name}" type: "${type}" bottom: "${bottom}" top: "${name}" convolution_param { ${params} } }\n`;
}

function L(r: AnalysisResult, name: string): LayerResult {
  const l = r.layers.find((x) => x.name === name);
  if (!l) throw new Error(`no layer ${name}`);
  return l;
}

const sumMacs = (r: AnalysisResult, names: string[]) => names.reduce((s, n) => s + L(r, n).macs, 0);

describe('seed-notes §2: depthwise-separable convolution (12×12×3, 5×5, no padding, 8×8×256)', () => {
  it('standard 1,228,800 MACs vs depthwise 4,800 + pointwise 49,152 = 53,952', () => {
    const r = net(
      [1, 3, 12, 12],
      conv('standard', 'data', 'num_output: 256 kernel_size: 5 bias_term: false') +
        conv('depthwise', 'data', 'num_output: 3 group: 3 kernel_size: 5 bias_term: false') +
        conv('pointwise', 'depthwise', 'num_output: 256 kernel_size: 1 bias_term: false'),
    );
    expect(L(r, 'standard').outputs[0]).toEqual([1, 256, 8, 8]);
    expect(L(r, 'pointwise').outputs[0]).toEqual([1, 256, 8, 8]);
    expect(L(r, 'standard').macs).toBe(1_228_800);
    expect(L(r, 'depthwise').macs).toBe(4_800);
    expect(L(r, 'pointwise').macs).toBe(49_152);
    expect(sumMacs(r, ['depthwise', 'pointwise'])).toBe(53_952); // not the slide's 52,952 typo
    // FLOPs are labelled separately: 2 per MAC without bias.
    expect(L(r, 'standard').flops).toBe(2 * 1_228_800);
  });

  it('the ConvolutionDepthwise dialect gives the same 4,800', () => {
    const r = net(
      [1, 3, 12, 12],
      conv('dw', 'data', 'num_output: 3 kernel_size: 5 bias_term: false', 'ConvolutionDepthwise'),
    );
    expect(L(r, 'dw').macs).toBe(4_800);
    expect(L(r, 'dw').params).toBe(75);
  });
});

describe('seed-notes §3: 1×1 bottleneck on 28×28×192 → 32 channels of 5×5', () => {
  it('153,600 weights / 120,422,400 MACs vs 15,872 weights / 12,443,648 MACs', () => {
    const r = net(
      [1, 192, 28, 28],
      conv('direct5x5', 'data', 'num_output: 32 kernel_size: 5 pad: 2 bias_term: false') +
        conv('reduce1x1', 'data', 'num_output: 16 kernel_size: 1 bias_term: false') +
        conv('after5x5', 'reduce1x1', 'num_output: 32 kernel_size: 5 pad: 2 bias_term: false'),
    );
    expect(L(r, 'direct5x5').outputs[0]).toEqual([1, 32, 28, 28]);
    expect(L(r, 'direct5x5').params).toBe(153_600);
    expect(L(r, 'direct5x5').macs).toBe(120_422_400);
    expect(L(r, 'reduce1x1').params + L(r, 'after5x5').params).toBe(15_872);
    expect(L(r, 'reduce1x1').macs).toBe(2_408_448);
    expect(L(r, 'after5x5').macs).toBe(10_035_200);
    expect(sumMacs(r, ['reduce1x1', 'after5x5'])).toBe(12_443_648);
    // A 1×1 changes depth, not locality.
    expect(L(r, 'reduce1x1').outputs[0]).toEqual([1, 16, 28, 28]);
    expect(L(r, 'reduce1x1').receptiveField![0]!.size).toBe(1);
  });
});

describe('seed-notes §3: one 5×5 vs two stacked 3×3 (1 channel)', () => {
  it('same padding: 25·N² vs 18·N², same 5×5 receptive field', () => {
    const n = 10;
    const r = net(
      [1, 1, n, n],
      conv('c5', 'data', 'num_output: 1 kernel_size: 5 pad: 2 bias_term: false') +
        conv('c3a', 'data', 'num_output: 1 kernel_size: 3 pad: 1 bias_term: false') +
        conv('c3b', 'c3a', 'num_output: 1 kernel_size: 3 pad: 1 bias_term: false'),
    );
    expect(L(r, 'c5').macs).toBe(25 * n * n);
    expect(sumMacs(r, ['c3a', 'c3b'])).toBe(18 * n * n);
    expect(L(r, 'c5').receptiveField![0]!.size).toBe(5);
    expect(L(r, 'c3b').receptiveField![0]!.size).toBe(5);
    expect(L(r, 'c5').params).toBe(25);
    expect(L(r, 'c3a').params + L(r, 'c3b').params).toBe(18);
  });

  it('corner case: 5×5 input without padding to 1×1 costs 25 vs 9·9 + 9 = 90', () => {
    const r = net(
      [1, 1, 5, 5],
      conv('c5', 'data', 'num_output: 1 kernel_size: 5 bias_term: false') +
        conv('c3a', 'data', 'num_output: 1 kernel_size: 3 bias_term: false') +
        conv('c3b', 'c3a', 'num_output: 1 kernel_size: 3 bias_term: false'),
    );
    expect(L(r, 'c5').outputs[0]).toEqual([1, 1, 1, 1]);
    expect(L(r, 'c3b').outputs[0]).toEqual([1, 1, 1, 1]);
    expect(L(r, 'c5').macs).toBe(25);
    expect(L(r, 'c3a').macs).toBe(81);
    expect(sumMacs(r, ['c3a', 'c3b'])).toBe(90);
  });
});

describe('seed-notes §5: how a convolution is computed', () => {
  it('im2col + GEMM: 256×1152 times 1152×192 ≈ 57 M multiply-adds, buffer 9× the input', () => {
    // 128 channels of 16×12, 3×3, pad 1 → 256 channels: M = 256, K = 128·9 = 1152, N = 192.
    const r = net([1, 128, 16, 12], conv('c', 'data', 'num_output: 256 kernel_size: 3 pad: 1 bias_term: false'));
    const a = L(r, 'c').algorithms!;
    expect(a.gemm).toEqual({ m: 256, k: 1152, n: 192, groups: 1 });
    expect(a.directMacs).toBe(256 * 1152 * 192);
    expect(a.directMacs).toBe(56_623_104);
    expect(Math.round(a.directMacs / 1e6)).toBe(57);
    expect(a.im2colBufferElements).toBe(1152 * 192);
    expect(a.im2colBufferBytes).toBe(884_736);
    expect(a.im2colInputRatio).toBe(9); // k_w·k_h/s² with stride 1
  });

  it('im2col with stride 2: about k²/s² times the input', () => {
    const r = net([1, 64, 32, 32], conv('c', 'data', 'num_output: 64 kernel_size: 3 stride: 2 pad: 1'));
    expect(L(r, 'c').algorithms!.im2colInputRatio).toBe(9 / 4);
  });

  it('Winograd F(2×2,3×3): 16 vs 36 multiplications per tile; F(4×4,3×3): 36 vs 144', () => {
    // 6×6 input, 3×3 → 4×4 output, one channel: 4 tiles of 2×2 or 1 tile of 4×4.
    const r = net([1, 1, 6, 6], conv('c', 'data', 'num_output: 1 kernel_size: 3 bias_term: false'));
    const a = L(r, 'c').algorithms!;
    expect(a.directMacs).toBe(144);
    expect(a.winograd!.f2x2_3x3).toEqual({ tiles: 4, multiplications: 64 });
    expect(a.winograd!.f2x2_3x3.multiplications / a.winograd!.f2x2_3x3.tiles).toBe(16);
    expect(a.directMacs / a.winograd!.f2x2_3x3.tiles).toBe(36);
    expect(a.winograd!.f4x4_3x3).toEqual({ tiles: 1, multiplications: 36 });
    expect(a.directMacs / a.winograd!.f4x4_3x3.multiplications).toBe(4);
  });

  it('Winograd is not offered for stride 2 or 5×5; FFT is always an estimate > 0', () => {
    const r = net(
      [1, 8, 16, 16],
      conv('s2', 'data', 'num_output: 8 kernel_size: 3 stride: 2 pad: 1') +
        conv('k5', 'data', 'num_output: 8 kernel_size: 5 pad: 2'),
    );
    expect(L(r, 's2').algorithms!.winograd).toBeUndefined();
    expect(L(r, 'k5').algorithms!.winograd).toBeUndefined();
    expect(L(r, 'k5').algorithms!.fftEstimateFlops).toBeGreaterThan(0);
  });
});

describe('seed-notes §1–2: transposed, dilated, grouped + shuffled and 3-D convolutions', () => {
  it('transposed convolution: o = (i − 1)·s + k − 2p', () => {
    const r = net(
      [1, 16, 4, 4],
      `layer { name: "up" type: "Deconvolution" bottom: "data" top: "up" convolution_param { num_output: 8 kernel_size: 3 stride: 2 pad: 1 } }\n` +
        `layer { name: "up2" type: "Deconvolution" bottom: "data" top: "up2" convolution_param { num_output: 8 kernel_size: 4 stride: 2 pad: 1 } }\n`,
    );
    expect(L(r, 'up').outputs[0]).toEqual([1, 8, (4 - 1) * 2 + 3 - 2, 7]);
    expect(L(r, 'up2').outputs[0]).toEqual([1, 8, 8, 8]); // the usual ×2 upsampling
    // Every input element scatters one kernel: C_in·∏in·(C_out/g)·∏k.
    expect(L(r, 'up').macs).toBe(16 * 16 * 8 * 9);
  });

  it('dilated convolution: receptive field 3 → 7 → 15 with dilations 1, 2, 4, no extra params or MACs', () => {
    const r = net(
      [1, 1, 64, 64],
      conv('d1', 'data', 'num_output: 1 kernel_size: 3 pad: 1') +
        conv('d2', 'd1', 'num_output: 1 kernel_size: 3 pad: 2 dilation: 2') +
        conv('d4', 'd2', 'num_output: 1 kernel_size: 3 pad: 4 dilation: 4'),
    );
    expect(['d1', 'd2', 'd4'].map((n) => L(r, n).receptiveField![0]!.size)).toEqual([3, 7, 15]);
    expect(['d1', 'd2', 'd4'].map((n) => L(r, n).params)).toEqual([10, 10, 10]);
    expect(['d1', 'd2', 'd4'].map((n) => L(r, n).macs)).toEqual([64 * 64 * 9, 64 * 64 * 9, 64 * 64 * 9]);
    expect(L(r, 'd4').outputs[0]).toEqual([1, 1, 64, 64]);
  });

  it('grouped 1×1 (g = 3) costs a third; ShuffleChannel reorders channels for free', () => {
    const r = net(
      [1, 240, 28, 28],
      conv('dense', 'data', 'num_output: 60 kernel_size: 1 bias_term: false') +
        conv('grouped', 'data', 'num_output: 60 kernel_size: 1 group: 3 bias_term: false') +
        `layer { name: "shuffle" type: "ShuffleChannel" bottom: "grouped" top: "shuffle" shuffle_channel_param { group: 3 } }\n`,
    );
    expect(L(r, 'dense').macs).toBe(11_289_600);
    expect(L(r, 'grouped').macs).toBe(3_763_200);
    expect(L(r, 'dense').macs / L(r, 'grouped').macs).toBe(3);
    expect(L(r, 'grouped').params).toBe(4_800);
    expect(L(r, 'shuffle').outputs[0]).toEqual([1, 60, 28, 28]);
    expect(L(r, 'shuffle').macs).toBe(0);
    expect(L(r, 'shuffle').flops).toBe(0);
    expect(L(r, 'shuffle').params).toBe(0);
  });

  it('3-D convolution: the depth (time) axis joins kernel, stride, pad and output', () => {
    const r = net(
      [1, 3, 16, 112, 112],
      conv('c3d', 'data', 'num_output: 64 kernel_size: 3 pad: 1') +
        conv(
          'c3d_s',
          'c3d',
          'num_output: 64 kernel_size: 3 kernel_size: 3 kernel_size: 3 stride: 1 stride: 2 stride: 2 pad: 1',
        ),
    );
    expect(L(r, 'c3d').outputs[0]).toEqual([1, 64, 16, 112, 112]);
    expect(L(r, 'c3d').params).toBe(5_248);
    expect(L(r, 'c3d').macs).toBe(1_040_449_536);
    expect(L(r, 'c3d').receptiveField).toEqual([
      { size: 3, jump: 1, start: 0 },
      { size: 3, jump: 1, start: 0 },
      { size: 3, jump: 1, start: 0 },
    ]);
    expect(L(r, 'c3d_s').outputs[0]).toEqual([1, 64, 16, 56, 56]);
    expect(L(r, 'c3d_s').macs).toBe(16 * 56 * 56 * 64 * 64 * 27);
  });
});
