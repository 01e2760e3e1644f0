import { describe, expect, it } from 'vitest';
import { analyzeLayers, layer, spanAt } from './spatial-test-graph';

const conv = (name: string, p: Record<string, unknown>, extra: object = {}) => ({
  name,
  type: 'Convolution',
  attrs: { convolution_param: p as never },
  ...extra,
});

describe('Convolution', () => {
  it('AlexNet conv1: 11×11 stride 4 on 227 gives 55×55, exact params/MACs/FLOPs, RF and GEMM view', () => {
    const r = analyzeLayers([1, 3, 227, 227], [conv('conv1', { num_output: 96, kernel_size: 11, stride: 4 })]);
    const l = layer(r, 'conv1');
    expect(l.status).toBe('ok');
    expect(l.outputs[0]).toEqual([1, 96, 55, 55]);
    expect(l.params).toBe(96 * 3 * 121 + 96); // 34,944
    expect(l.macs).toBe(105_415_200);
    expect(l.flops).toBe(2 * 105_415_200 + 96 * 55 * 55);
    expect(l.receptiveField).toEqual([
      { size: 11, jump: 4, start: 5 },
      { size: 11, jump: 4, start: 5 },
    ]);
    const a = l.algorithms!;
    expect(a.directMacs).toBe(105_415_200);
    expect(a.gemm).toEqual({ m: 96, k: 363, n: 3025, groups: 1 });
    expect(a.im2colBufferElements).toBe(363 * 3025);
    expect(a.im2colBufferBytes).toBe(363 * 3025 * 4);
    expect(a.im2colInputRatio).toBeCloseTo((363 * 3025) / (3 * 227 * 227), 10);
    expect(a.winograd).toBeUndefined(); // 11×11 stride 4: no Winograd
    expect(a.fftEstimateFlops).toBeGreaterThan(0);
  });

  it('batch multiplies MACs but not params', () => {
    const r = analyzeLayers([10, 3, 227, 227], [conv('conv1', { num_output: 96, kernel_size: 11, stride: 4 })]);
    const l = layer(r, 'conv1');
    expect(l.outputs[0]).toEqual([10, 96, 55, 55]);
    expect(l.params).toBe(34_944);
    expect(l.macs).toBe(10 * 105_415_200);
    expect(l.algorithms!.directMacs).toBe(105_415_200); // per image
  });

  it('kernel_h/kernel_w, pad_h/pad_w, stride_h/stride_w (Inception-v3 1×7)', () => {
    const r = analyzeLayers(
      [1, 128, 17, 17],
      [
        conv('c', {
          num_output: 192,
          kernel_h: 1,
          kernel_w: 7,
          pad_h: 0,
          pad_w: 3,
          stride_h: 1,
          stride_w: 1,
          bias_term: false,
        }),
      ],
    );
    const l = layer(r, 'c');
    expect(l.outputs[0]).toEqual([1, 192, 17, 17]);
    expect(l.params).toBe(192 * 128 * 7);
    expect(l.macs).toBe(17 * 17 * 192 * 128 * 7);
    expect(l.flops).toBe(2 * l.macs); // no bias adds
    expect(l.receptiveField).toEqual([
      { size: 1, jump: 1, start: 0 },
      { size: 7, jump: 1, start: 0 },
    ]);
  });

  it('repeated kernel_size/pad/stride give one value per axis', () => {
    const r = analyzeLayers(
      [1, 4, 20, 30],
      [conv('c', { num_output: 8, kernel_size: [3, 5], pad: [1, 0], stride: [1, 2] })],
    );
    expect(layer(r, 'c').outputs[0]).toEqual([1, 8, 20, 13]);
    expect(layer(r, 'c').params).toBe(8 * 4 * 15 + 8);
  });

  it('dilation widens the receptive field without extra params or MACs', () => {
    const plain = analyzeLayers([1, 1, 32, 32], [conv('c', { num_output: 1, kernel_size: 3, pad: 1 })]);
    const dil = analyzeLayers([1, 1, 32, 32], [conv('c', { num_output: 1, kernel_size: 3, pad: 2, dilation: 2 })]);
    const a = layer(plain, 'c');
    const b = layer(dil, 'c');
    expect(b.outputs[0]).toEqual([1, 1, 32, 32]);
    expect(b.params).toBe(a.params);
    expect(b.macs).toBe(a.macs);
    expect(b.macs).toBe(32 * 32 * 9);
    expect(a.receptiveField![0]!.size).toBe(3);
    expect(b.receptiveField![0]!.size).toBe(5);
    expect(b.algorithms!.winograd).toBeUndefined(); // dilation 2
    expect(a.algorithms!.winograd!.f2x2_3x3.tiles).toBe(16 * 16);
  });

  it('group divides weights and MACs (AlexNet conv2, group 2)', () => {
    const r = analyzeLayers([1, 96, 27, 27], [conv('conv2', { num_output: 256, kernel_size: 5, pad: 2, group: 2 })]);
    const l = layer(r, 'conv2');
    expect(l.outputs[0]).toEqual([1, 256, 27, 27]);
    expect(l.params).toBe(256 * 48 * 25 + 256); // 307,456
    expect(l.macs).toBe(223_948_800);
    expect(l.algorithms!.gemm).toEqual({ m: 128, k: 48 * 25, n: 729, groups: 2 });
    expect(l.algorithms!.im2colBufferElements).toBe(48 * 25 * 729 * 2);
  });

  it('N-D: repeated kernel_size on a 5-D input is a 3-D convolution', () => {
    const r = analyzeLayers([1, 3, 16, 112, 112], [conv('conv1a', { num_output: 64, kernel_size: 3, pad: 1 })]);
    const l = layer(r, 'conv1a');
    expect(l.outputs[0]).toEqual([1, 64, 16, 112, 112]);
    expect(l.params).toBe(64 * 3 * 27 + 64);
    expect(l.macs).toBe(16 * 112 * 112 * 64 * 3 * 27);
    expect(l.receptiveField).toHaveLength(3);
    expect(l.algorithms!.winograd).toBeUndefined(); // 3-D
    expect(l.algorithms!.gemm.k).toBe(81);
  });

  it('NdConvolution reads kernel_shape/stride_shape/pad_shape blocks', () => {
    const r = analyzeLayers(
      [1, 64, 16, 56, 56],
      [
        {
          name: 'conv2a',
          type: 'NdConvolution',
          attrs: {
            convolution_param: {
              num_output: 128,
              kernel_shape: { dim: [3, 3, 3] },
              stride_shape: { dim: [1, 2, 2] },
              pad_shape: { dim: [1, 1, 1] },
            },
          },
        },
      ],
    );
    const l = layer(r, 'conv2a');
    expect(l.outputs[0]).toEqual([1, 128, 16, 28, 28]);
    expect(l.params).toBe(128 * 64 * 27 + 128);
    expect(l.macs).toBe(16 * 28 * 28 * 128 * 64 * 27);
  });

  it('axis 2: everything before the channel axis multiplies the work', () => {
    const r = analyzeLayers([2, 3, 4, 10], [conv('c', { num_output: 8, kernel_size: 3, axis: 2 })]);
    const l = layer(r, 'c');
    expect(l.outputs[0]).toEqual([2, 3, 8, 8]);
    expect(l.macs).toBe(2 * 3 * 8 * 8 * 4 * 3);
    expect(l.params).toBe(8 * 4 * 3 + 8);
  });
});

describe('depthwise dialects', () => {
  it('ConvolutionDepthwise: group = C_in, weights C×1×k×k', () => {
    const r = analyzeLayers(
      [1, 54, 56, 56],
      [
        {
          name: 'dw',
          type: 'ConvolutionDepthwise',
          attrs: { convolution_param: { num_output: 54, kernel_size: 3, stride: 2, pad: 1, bias_term: false } },
        },
      ],
    );
    const l = layer(r, 'dw');
    expect(l.outputs[0]).toEqual([1, 54, 28, 28]);
    expect(l.params).toBe(486);
    expect(l.macs).toBe(381_024);
    expect(l.algorithms!.gemm).toEqual({ m: 1, k: 9, n: 784, groups: 54 });
    expect(l.diagnostics).toEqual([]);
  });

  it('DepthwiseConvolution with num_output 2·C_in is a channel multiplier of 2', () => {
    const r = analyzeLayers(
      [1, 32, 112, 112],
      [
        {
          name: 'dw',
          type: 'DepthwiseConvolution',
          attrs: { convolution_param: { num_output: 64, kernel_size: 3, pad: 1 } },
        },
      ],
    );
    const l = layer(r, 'dw');
    expect(l.outputs[0]).toEqual([1, 64, 112, 112]);
    expect(l.params).toBe(64 * 9 + 64);
    expect(l.macs).toBe(112 * 112 * 64 * 9);
    // Winograd on a depthwise 3×3: C_in·C_out/g = 64 channel pairs.
    expect(l.algorithms!.winograd!.f2x2_3x3).toEqual({ tiles: 56 * 56, multiplications: 56 * 56 * 16 * 64 });
    expect(l.algorithms!.winograd!.f4x4_3x3).toEqual({ tiles: 28 * 28, multiplications: 28 * 28 * 36 * 64 });
  });

  it('num_output defaults to C_in; a non-multiple is an error', () => {
    const ok = analyzeLayers(
      [1, 8, 10, 10],
      [{ name: 'dw', type: 'DepthwiseConvolution', attrs: { convolution_param: { kernel_size: 3 } } }],
    );
    expect(layer(ok, 'dw').outputs[0]).toEqual([1, 8, 8, 8]);
    const bad = analyzeLayers(
      [1, 8, 10, 10],
      [{ name: 'dw', type: 'ConvolutionDepthwise', attrs: { convolution_param: { num_output: 12, kernel_size: 3 } } }],
    );
    const l = layer(bad, 'dw');
    expect(l.status).toBe('broken');
    expect(l.diagnostics[0]!.message).toMatch(/^dw: num_output 12 must be a positive multiple of the 8 input channels/);
  });
});

describe('Convolution bad input', () => {
  const spans = {
    'convolution_param.kernel_size': spanAt(7, 17, 1),
    'convolution_param.group': spanAt(8, 12, 1),
    'convolution_param.num_output': spanAt(6, 17, 2),
    convolution_param: spanAt(5, 3, 40),
  };

  it('kernel larger than the padded input: message on the kernel_size span, downstream unknown, siblings analysed', () => {
    const r = analyzeLayers(
      [1, 3, 5, 5],
      [
        conv('big', { num_output: 4, kernel_size: 9, pad: 1 }, { attrSpans: spans }),
        conv('after', { num_output: 4, kernel_size: 1 }),
        conv('sibling', { num_output: 4, kernel_size: 3 }, { bottoms: ['data'] }),
      ],
    );
    const big = layer(r, 'big');
    expect(big.status).toBe('broken');
    expect(big.diagnostics).toHaveLength(1);
    expect(big.diagnostics[0]!.severity).toBe('error');
    expect(big.diagnostics[0]!.message).toBe('big: kernel 9 is larger than the padded input 7 (5 + 2·1) on axis H');
    expect(big.diagnostics[0]!.span).toMatchObject({ line: 7, column: 17 });
    expect(big.outputs).toEqual([null]);
    expect(big.macs).toBe(0);
    const after = layer(r, 'after');
    expect(after.outputs).toEqual([null]);
    expect(after.macs).toBe(0);
    expect(layer(r, 'sibling').outputs[0]).toEqual([1, 4, 3, 3]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
  });

  it('dilated kernel larger than the input', () => {
    const r = analyzeLayers([1, 3, 5, 5], [conv('d', { num_output: 4, kernel_size: 3, dilation: 3 })]);
    expect(layer(r, 'd').diagnostics[0]!.message).toBe(
      'd: kernel 7 (3 dilated by 3) is larger than the padded input 5 (5 + 2·0) on axis H',
    );
  });

  it('channels not divisible by group, num_output not divisible by group', () => {
    const r = analyzeLayers(
      [1, 10, 8, 8],
      [
        conv('g3', { num_output: 12, kernel_size: 3, group: 3 }, { attrSpans: spans }),
        conv('g4', { num_output: 10, kernel_size: 3, group: 2 }, { bottoms: ['data'] }),
        conv('g5', { num_output: 15, kernel_size: 3, group: 5 }, { bottoms: ['data'] }),
      ],
    );
    expect(layer(r, 'g3').diagnostics[0]!.message).toBe('g3: input channels 10 are not divisible by group 3');
    expect(layer(r, 'g3').diagnostics[0]!.span).toMatchObject({ line: 8, column: 12 });
    expect(layer(r, 'g4').status).toBe('ok');
    expect(layer(r, 'g4').params).toBe(10 * 5 * 9 + 10);
    expect(layer(r, 'g5').status).toBe('ok'); // 10 and 15 both divisible by 5
  });

  it('num_output not divisible by group', () => {
    const r = analyzeLayers([1, 4, 8, 8], [conv('g', { num_output: 6, kernel_size: 3, group: 4 })]);
    expect(layer(r, 'g').diagnostics[0]!.message).toBe('g: num_output 6 is not divisible by group 4');
  });

  it('missing num_output, kernel_size 0, missing kernel, kernel_size count mismatch, wrong rank', () => {
    const r = analyzeLayers(
      [1, 3, 8, 8],
      [
        conv('noout', { kernel_size: 3 }, { attrSpans: spans }),
        conv('k0', { num_output: 2, kernel_size: 0 }, { bottoms: ['data'], attrSpans: spans }),
        conv('nok', { num_output: 2 }, { bottoms: ['data'] }),
        conv('k3x', { num_output: 2, kernel_size: [3, 3, 3] }, { bottoms: ['data'] }),
        conv('onlyh', { num_output: 2, kernel_h: 3 }, { bottoms: ['data'] }),
        { name: 'ip', type: 'InnerProduct', attrs: { inner_product_param: { num_output: 10 } }, bottoms: ['data'] },
        conv('rank', { num_output: 2, kernel_size: 1 }),
      ],
    );
    const msg = (n: string) => layer(r, n).diagnostics[0]?.message;
    expect(msg('noout')).toBe('noout: num_output is missing (required for Convolution)');
    expect(layer(r, 'noout').diagnostics[0]!.span).toMatchObject({ line: 5, column: 3 });
    expect(msg('k0')).toBe('k0: kernel_size 0 is not allowed (filter dimensions must be nonzero)');
    expect(layer(r, 'k0').diagnostics[0]!.span).toMatchObject({ line: 7, column: 17 });
    expect(msg('nok')).toBe('nok: kernel_size is required (kernel_size, or kernel_h and kernel_w)');
    expect(msg('k3x')).toBe(
      'k3x: kernel_size must be specified once, or once per spatial dimension (kernel_size specified 3 times; 2 spatial dims)',
    );
    expect(msg('onlyh')).toBe('onlyh: kernel_w is missing: kernel_h and kernel_w must be given together');
    expect(msg('rank')).toBe('rank: input 1×10 has 0 spatial axes after the channel axis 1; at least 1 needed');
    for (const n of ['noout', 'k0', 'nok', 'k3x', 'onlyh', 'rank']) expect(layer(r, n).status).toBe('broken');
  });
});
