import { describe, expect, it } from 'vitest';
import { LAYER_PARAMETER } from '../parse/caffe/schema';
import { convAlgorithms, fftEstimateFlops, winogradApplies, winogradCost } from './util-algorithms';
import { getOp } from './registry';

describe('algorithm view helper', () => {
  it('Winograd tiles round up partial tiles', () => {
    // 7×5 output: F(2,3) needs 4×3 tiles, F(4,3) 2×2.
    expect(winogradCost(2, [7, 5], 8, 16, 1)).toEqual({ tiles: 12, multiplications: 12 * 16 * 128 });
    expect(winogradCost(4, [7, 5], 8, 16, 1)).toEqual({ tiles: 4, multiplications: 4 * 36 * 128 });
    expect(winogradCost(2, [4, 4], 8, 16, 8)).toEqual({ tiles: 4, multiplications: 4 * 16 * 16 });
  });

  it('Winograd applies only to 2-D 3×3, stride 1, dilation 1', () => {
    expect(winogradApplies({ kernel: [3, 3], stride: [1, 1], dilation: [1, 1] })).toBe(true);
    expect(winogradApplies({ kernel: [3, 3], stride: [2, 2], dilation: [1, 1] })).toBe(false);
    expect(winogradApplies({ kernel: [3, 3], stride: [1, 1], dilation: [2, 2] })).toBe(false);
    expect(winogradApplies({ kernel: [1, 3], stride: [1, 1], dilation: [1, 1] })).toBe(false);
    expect(winogradApplies({ kernel: [3, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1] })).toBe(false);
  });

  it('FFT estimate: 2.5·P·log2 P per transform, 8 flops per half-spectrum complex MAC', () => {
    // 1 → 1 channel, 6×6 input, no pad: P = 36, transforms 3, pairs 1.
    const g = {
      cIn: 1,
      cOut: 1,
      group: 1,
      kernel: [3, 3],
      stride: [1, 1],
      dilation: [1, 1],
      pad: [0, 0],
      inSpatial: [6, 6],
      outSpatial: [4, 4],
    };
    expect(fftEstimateFlops(g)).toBe(Math.round(2.5 * 36 * Math.log2(36) * 3 + 8 * 18));
    // Padding grows the transform: P = 8·8.
    expect(fftEstimateFlops({ ...g, pad: [1, 1], outSpatial: [6, 6] })).toBe(Math.round(2.5 * 64 * 6 * 3 + 8 * 32));
  });

  it('a repeated geometry gets the same frozen figures; any differing value gets its own', () => {
    const g = () => ({
      cIn: 64,
      cOut: 64,
      group: 1,
      kernel: [3, 3],
      stride: [1, 1],
      dilation: [1, 1],
      pad: [1, 1],
      inSpatial: [56, 56],
      outSpatial: [56, 56],
    });
    const a = convAlgorithms(g());
    const b = convAlgorithms(g());
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.gemm) && Object.isFrozen(a.winograd!.f2x2_3x3)).toBe(true);
    expect(() => {
      (a.gemm as { m: number }).m = 1;
    }).toThrow(TypeError);
    const wider = convAlgorithms({ ...g(), cOut: 128 });
    expect(wider).not.toBe(a);
    expect(wider.gemm).toEqual({ m: 128, k: 576, n: 3136, groups: 1 });
    const padded = convAlgorithms({ ...g(), pad: [0, 1], outSpatial: [54, 56] });
    expect(padded).not.toBe(a);
    expect(padded.gemm.n).toBe(54 * 56);
    expect(a.gemm).toEqual({ m: 64, k: 576, n: 3136, groups: 1 });
  });

  it('grouped GEMM view: per-group M and K, buffer over all groups', () => {
    const a = convAlgorithms({
      cIn: 96,
      cOut: 256,
      group: 2,
      kernel: [5, 5],
      stride: [1, 1],
      dilation: [1, 1],
      pad: [2, 2],
      inSpatial: [27, 27],
      outSpatial: [27, 27],
    });
    expect(a.gemm).toEqual({ m: 128, k: 1200, n: 729, groups: 2 });
    expect(a.directMacs).toBe(223_948_800);
    expect(a.im2colBufferElements).toBe(2400 * 729);
    expect(a.im2colInputRatio).toBe(25);
    expect(a.winograd).toBeUndefined();
  });
});

describe('spatial op metadata (editor completion, hover docs)', () => {
  const types = [
    'Convolution',
    'ConvolutionDepthwise',
    'DepthwiseConvolution',
    'NdConvolution',
    'Deconvolution',
    'Pooling',
    'NdPooling',
    'InnerProduct',
    'ROIPooling',
    'SPP',
    'Im2col',
  ];
  it.each(types)('%s has category, doc, formula, param block, fields and arity', (type) => {
    const op = getOp(type)!;
    expect(op.type).toBe(type);
    expect(op.doc.length).toBeGreaterThan(20);
    expect(op.formula!.length).toBeGreaterThan(20);
    expect(op.paramBlock).toMatch(/_param$/);
    expect(blockFields(type).length).toBeGreaterThan(0);
    expect(op.arity![0]).toBeGreaterThanOrEqual(1);
  });
  it('conv fields (from the Caffe schema) include the per-axis spellings', () => {
    expect(blockFields('Convolution')).toEqual(
      expect.arrayContaining(['kernel_h', 'stride_w', 'dilation', 'group', 'axis']),
    );
    expect(blockFields('NdConvolution')).toEqual(expect.arrayContaining(['kernel_shape', 'stride_shape', 'pad_shape']));
    expect(blockFields('Pooling')).toEqual(expect.arrayContaining(['global_pooling', 'round_mode', 'ceil_mode']));
  });
});

/** Field names of a layer type's parameter block, as the Caffe schema (the one list) gives them. */
function blockFields(type: string): string[] {
  const block = getOp(type)?.paramBlock;
  return block ? (LAYER_PARAMETER.byName.get(block)?.message?.fields.map((f) => f.name) ?? []) : [];
}
