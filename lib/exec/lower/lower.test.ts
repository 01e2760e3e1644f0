import { describe, expect, test } from 'vitest';
import { analyzeLayers, type TestLayer } from '../../ops/spatial-test-graph';
import type { AttributeObject, NodeObject } from '../onnx/proto';
import { lowerAnalysis, type LoweredModel } from './index';
import { poolEndPad } from './pool';

function lower(input: number[], layers: TestLayer[], extra: Record<string, number[]> = {}): LoweredModel {
  const r = lowerAnalysis(analyzeLayers(input, layers, extra));
  if (!r.ok) throw new Error(`refused: ${r.refused.map((x) => `${x.layer}: ${x.reason}`).join('; ')}`);
  return r.model;
}

function attr(node: NodeObject, name: string): number | number[] | string | undefined {
  const a: AttributeObject | undefined = node.attribute.find((x) => x.name === name);
  if (!a) return undefined;
  if (a.ints) return a.ints;
  if (a.floats) return a.floats;
  if (a.s) return new TextDecoder().decode(a.s);
  return a.i ?? a.f;
}

function ops(m: LoweredModel): string[] {
  return m.nodes.map((n) => n.op_type);
}

describe('convolution family', () => {
  test('grouped dilated conv keeps groups, dilation, symmetric pads and [Cout, Cin/g, kh, kw] weights', () => {
    const m = lower(
      [1, 8, 20, 20],
      [
        {
          name: 'c',
          type: 'Convolution',
          attrs: { convolution_param: { num_output: 16, kernel_size: 3, pad: 2, dilation: 2, group: 4, stride: 2 } },
        },
      ],
    );
    const n = m.nodes[0]!;
    expect(n.op_type).toBe('Conv');
    expect(n.name).toBe('c');
    expect(attr(n, 'group')).toBe(4);
    expect(attr(n, 'dilations')).toEqual([2, 2]);
    expect(attr(n, 'pads')).toEqual([2, 2, 2, 2]);
    expect(attr(n, 'strides')).toEqual([2, 2]);
    expect(attr(n, 'kernel_shape')).toEqual([3, 3]);
    expect(m.weights.map((w) => [w.name, w.dims])).toEqual([
      ['c/W', [16, 2, 3, 3]],
      ['c/B', [16]],
    ]);
    expect(m.outputs[0]!.shape).toEqual([1, 16, 10, 10]);
  });

  test('kernel_h/kernel_w, no bias, and depthwise dialect with group = C_in', () => {
    const m = lower(
      [1, 6, 9, 9],
      [
        {
          name: 'c',
          type: 'Convolution',
          attrs: { convolution_param: { num_output: 6, kernel_h: 1, kernel_w: 3, pad_w: 1, bias_term: false } },
        },
        {
          name: 'dw',
          type: 'ConvolutionDepthwise',
          attrs: { convolution_param: { num_output: 6, kernel_size: 3, pad: 1 } },
        },
      ],
    );
    expect(attr(m.nodes[0]!, 'kernel_shape')).toEqual([1, 3]);
    expect(attr(m.nodes[0]!, 'pads')).toEqual([0, 1, 0, 1]);
    expect(m.nodes[0]!.input).toHaveLength(2);
    expect(attr(m.nodes[1]!, 'group')).toBe(6);
    expect(m.weights.find((w) => w.name === 'dw/W')!.dims).toEqual([6, 1, 3, 3]);
  });

  test('3-D convolution (C3D style) lowers to a 3-D Conv', () => {
    const m = lower(
      [1, 3, 8, 16, 16],
      [
        { name: 'c3', type: 'Convolution', attrs: { convolution_param: { num_output: 4, kernel_size: 3, pad: 1 } } },
        {
          name: 'nd',
          type: 'NdConvolution',
          attrs: {
            convolution_param: { num_output: 2, kernel_shape: { dim: [3, 3, 3] }, stride_shape: { dim: [1, 2, 2] } },
          },
        },
      ],
    );
    expect(attr(m.nodes[0]!, 'kernel_shape')).toEqual([3, 3, 3]);
    expect(attr(m.nodes[0]!, 'pads')).toEqual([1, 1, 1, 1, 1, 1]);
    expect(attr(m.nodes[1]!, 'strides')).toEqual([1, 2, 2]);
    expect(m.outputs[0]!.shape).toEqual([1, 2, 6, 7, 7]);
  });

  test('Deconvolution → ConvTranspose with [Cin, Cout/g, k…] weights', () => {
    const m = lower(
      [1, 4, 5, 5],
      [
        {
          name: 'up',
          type: 'Deconvolution',
          attrs: { convolution_param: { num_output: 2, kernel_size: 4, stride: 2, pad: 1 } },
        },
      ],
    );
    expect(m.nodes[0]!.op_type).toBe('ConvTranspose');
    expect(attr(m.nodes[0]!, 'pads')).toEqual([1, 1, 1, 1]);
    expect(m.weights[0]!.dims).toEqual([4, 2, 4, 4]);
    expect(m.outputs[0]!.shape).toEqual([1, 2, 10, 10]);
  });

  test('InnerProduct flattens at axis then Gemm with transB', () => {
    const m = lower(
      [2, 3, 4, 4],
      [{ name: 'fc', type: 'InnerProduct', attrs: { inner_product_param: { num_output: 10 } } }],
    );
    expect(ops(m)).toEqual(['Flatten', 'Gemm']);
    expect(attr(m.nodes[0]!, 'axis')).toBe(1);
    expect(attr(m.nodes[1]!, 'transB')).toBe(1);
    expect(m.weights[0]!.dims).toEqual([10, 48]);
    expect(m.nodeLayer).toEqual({ fc: 'fc', 'fc/Gemm_1': 'fc' });
  });
});

describe('pooling: Caffe ceil-and-clip rounding as explicit pads', () => {
  test('ceil rounding: 112 → 56 with k3 s2 p0 needs one extra end pad', () => {
    // Caffe: ceil((112 − 3)/2) + 1 = 56; floor would give 55.
    expect(poolEndPad(112, 3, 2, 0, 56)).toBe(1);
    const m = lower(
      [1, 4, 112, 112],
      [{ name: 'p', type: 'Pooling', attrs: { pooling_param: { pool: 'MAX', kernel_size: 3, stride: 2 } } }],
    );
    expect(m.outputs[0]!.shape).toEqual([1, 4, 56, 56]);
    expect(attr(m.nodes[0]!, 'pads')).toEqual([0, 0, 1, 1]);
    expect(attr(m.nodes[0]!, 'ceil_mode')).toBeUndefined();
  });

  test('clip rule: 6 → 3 with k2 s2 p1 (the ceil window that would start in the padding is dropped)', () => {
    // ceil((6 + 2 − 2)/2) + 1 = 4, but (4 − 1)·2 = 6 ≥ 6 + 1 is false… use 5: ceil((5+2−2)/2)+1 = 4, (3)·2 = 6 ≥ 5+1 → 3.
    const m = lower(
      [1, 1, 5, 5],
      [{ name: 'p', type: 'Pooling', attrs: { pooling_param: { pool: 'AVE', kernel_size: 2, stride: 2, pad: 1 } } }],
    );
    expect(m.outputs[0]!.shape).toEqual([1, 1, 3, 3]);
    expect(attr(m.nodes[0]!, 'pads')).toEqual([1, 1, 0, 0]);
    expect(attr(m.nodes[0]!, 'count_include_pad')).toBe(1);
    expect(m.nodes[0]!.op_type).toBe('AveragePool');
  });

  test('GoogLeNet pool 14 → 7 (k3 s2 p0) and floor mode via round_mode', () => {
    const m = lower(
      [1, 2, 14, 14],
      [
        { name: 'p', type: 'Pooling', attrs: { pooling_param: { pool: 'MAX', kernel_size: 3, stride: 2 } } },
        {
          name: 'q',
          type: 'Pooling',
          attrs: { pooling_param: { pool: 'MAX', kernel_size: 2, stride: 2, round_mode: 'FLOOR' } },
        },
      ],
    );
    expect(m.tops.map((t) => t.shape)).toEqual([
      [1, 2, 7, 7],
      [1, 2, 3, 3],
    ]);
    expect(attr(m.nodes[0]!, 'pads')).toEqual([0, 0, 1, 1]);
    expect(attr(m.nodes[1]!, 'pads')).toEqual([0, 0, 0, 0]);
  });

  test('global pooling and asymmetric pads from kernel_h/kernel_w', () => {
    const m = lower(
      [1, 3, 7, 9],
      [
        {
          name: 'g',
          type: 'Pooling',
          attrs: { pooling_param: { pool: 'AVE', global_pooling: true } },
          bottoms: ['data'],
        },
        {
          name: 'r',
          type: 'Pooling',
          attrs: { pooling_param: { pool: 'MAX', kernel_h: 3, kernel_w: 2, stride: 2 } },
          bottoms: ['data'],
        },
      ],
    );
    expect(ops(m)).toEqual(['GlobalAveragePool', 'MaxPool']);
    // H: ceil((7−3)/2)+1 = 3 → no extra pad; W: ceil((9−2)/2)+1 = 5 → one extra.
    expect(m.tops[1]!.shape).toEqual([1, 3, 3, 5]);
    expect(attr(m.nodes[1]!, 'pads')).toEqual([0, 0, 0, 1]);
  });
});

describe('activations and normalisation', () => {
  test('every activation maps to its ONNX op', () => {
    const m = lower(
      [1, 4, 3, 3],
      [
        { name: 'r', type: 'ReLU' },
        { name: 'lr', type: 'ReLU', attrs: { relu_param: { negative_slope: 0.1 } } },
        { name: 'pr', type: 'PReLU' },
        { name: 'e', type: 'ELU', attrs: { elu_param: { alpha: 0.5 } } },
        { name: 's', type: 'Sigmoid' },
        { name: 't', type: 'TanH' },
        { name: 'a', type: 'AbsVal' },
        { name: 'x', type: 'Exp' },
        { name: 'l', type: 'Log', attrs: { log_param: { shift: 2 } } },
        { name: 'pw', type: 'Power', attrs: { power_param: { power: 2, scale: 0.5 } } },
        { name: 'r6', type: 'ReLU6' },
        { name: 'd', type: 'Dropout' },
      ],
    );
    expect(ops(m)).toEqual([
      'Relu',
      'LeakyRelu',
      'PRelu',
      'Elu',
      'Sigmoid',
      'Tanh',
      'Abs',
      'Exp',
      'Add',
      'Log',
      'Mul',
      'Pow',
      'Clip',
      'Identity',
    ]);
    expect(attr(m.nodes[1]!, 'alpha')).toBeCloseTo(0.1);
    expect(attr(m.nodes[3]!, 'alpha')).toBe(0.5);
    expect(m.weights.find((w) => w.name === 'pr/slope')!.dims).toEqual([4, 1, 1]);
    expect(m.consts.find((c) => c.name === 'r6/max')!.values).toEqual([6]);
  });

  test('BatchNorm + Scale(bias) → BatchNormalization, Mul, Add with per-channel broadcast shapes', () => {
    const m = lower(
      [1, 5, 4, 4],
      [
        { name: 'bn', type: 'BatchNorm', attrs: { batch_norm_param: { eps: 0.001 } } },
        { name: 'sc', type: 'Scale', attrs: { scale_param: { bias_term: true } } },
        { name: 'lrn', type: 'LRN', attrs: { lrn_param: { local_size: 3, alpha: 0.0001, beta: 0.75 } } },
        { name: 'sm', type: 'Softmax' },
      ],
    );
    expect(ops(m)).toEqual(['BatchNormalization', 'Mul', 'Add', 'LRN', 'Softmax']);
    expect(attr(m.nodes[0]!, 'epsilon')).toBeCloseTo(0.001);
    expect(m.weights.filter((w) => w.name.startsWith('sc/')).map((w) => w.dims)).toEqual([
      [5, 1, 1],
      [5, 1, 1],
    ]);
    expect(attr(m.nodes[3]!, 'size')).toBe(3);
    expect(attr(m.nodes[4]!, 'axis')).toBe(1);
  });
});

describe('shape and multi-input layers', () => {
  test('Concat, Slice → Split with section sizes, Eltwise SUM with coeff, PROD, MAX', () => {
    const m = lower(
      [1, 6, 4, 4],
      [
        { name: 'sl', type: 'Slice', attrs: { slice_param: { axis: 1, slice_point: [2] } }, tops: ['a', 'b'] },
        { name: 'cat', type: 'Concat', bottoms: ['a', 'b'] },
        {
          name: 'sum',
          type: 'Eltwise',
          attrs: { eltwise_param: { operation: 'SUM', coeff: [1, -1] } },
          bottoms: ['cat', 'data'],
        },
        {
          name: 'prod',
          type: 'Eltwise',
          attrs: { eltwise_param: { operation: 'PROD' } },
          bottoms: ['sum', 'data', 'cat'],
        },
        { name: 'mx', type: 'Eltwise', attrs: { eltwise_param: { operation: 'MAX' } }, bottoms: ['prod', 'data'] },
      ],
    );
    expect(ops(m)).toEqual(['Split', 'Concat', 'Mul', 'Add', 'Mul', 'Mul', 'Max']);
    expect(m.consts.find((c) => c.name === 'sl/split')!.values).toEqual([2, 4]);
    expect(m.consts.find((c) => c.name === 'sum/coeff1')!.values).toEqual([-1]);
  });

  test('ShuffleChannel → Reshape, Transpose, Reshape; Permute completes the order; Crop → Slice', () => {
    const m = lower(
      [1, 6, 8, 8],
      [
        { name: 'sh', type: 'ShuffleChannel', attrs: { shuffle_channel_param: { group: 3 } } },
        { name: 'pm', type: 'Permute', attrs: { permute_param: { order: [0, 2] } } },
        { name: 'cr', type: 'Crop', attrs: { crop_param: { axis: 2, offset: [1] } }, bottoms: ['data', 'ref'] },
      ],
      { ref: [1, 6, 5, 5] },
    );
    const byLayer = (l: string) => m.nodes.filter((n) => m.nodeLayer[n.name] === l).map((n) => n.op_type);
    expect(byLayer('sh')).toEqual(['Reshape', 'Transpose', 'Reshape']);
    expect(byLayer('pm')).toEqual(['Transpose']);
    expect(byLayer('cr')).toEqual(['Slice']);
    expect(m.consts.find((c) => c.name === 'sh/grouped_shape')!.values).toEqual([1, 3, 2, 8, 8]);
    expect(attr(m.nodes[1]!, 'perm')).toEqual([0, 2, 1, 3, 4]);
    expect(
      attr(
        m.nodes.find((n) => n.name === 'pm')!,
        'perm',
      ),
    ).toEqual([0, 2, 1, 3]);
    expect(m.consts.find((c) => c.name === 'cr/starts')!.values).toEqual([1, 1]);
    expect(m.consts.find((c) => c.name === 'cr/ends')!.values).toEqual([6, 6]);
    expect(m.consts.find((c) => c.name === 'cr/axes')!.values).toEqual([2, 3]);
  });

  test('Interp → Resize linear align_corners; Upsample → Resize nearest to the analyser size', () => {
    const m = lower(
      [1, 2, 5, 5],
      [
        { name: 'ip', type: 'Interp', attrs: { interp_param: { zoom_factor: 2 } } },
        { name: 'up', type: 'Upsample', attrs: { upsample_param: { scale: 2 } } },
      ],
    );
    expect(ops(m)).toEqual(['Resize', 'Resize']);
    expect(attr(m.nodes[0]!, 'coordinate_transformation_mode')).toBe('align_corners');
    expect(attr(m.nodes[1]!, 'mode')).toBe('nearest');
    expect(m.consts.find((c) => c.name === 'ip/sizes')!.values).toEqual(m.tops[0]!.shape);
    expect(m.nodes[0]!.input.slice(1, 3)).toEqual(['', '']);
  });

  test('Flatten and Reshape become Reshape to the analysed shape', () => {
    const m = lower(
      [2, 3, 4, 5],
      [
        { name: 'rs', type: 'Reshape', attrs: { reshape_param: { shape: { dim: [0, -1, 5] } } } },
        { name: 'fl', type: 'Flatten' },
      ],
    );
    expect(ops(m)).toEqual(['Reshape', 'Reshape']);
    expect(m.consts.find((c) => c.name === 'rs/shape')!.values).toEqual([2, 12, 5]);
    expect(m.consts.find((c) => c.name === 'fl/shape')!.values).toEqual([2, 60]);
  });
});

describe('refusal up front', () => {
  test('every layer that cannot be lowered is listed, and nothing is returned to run', () => {
    const r = lowerAnalysis(
      analyzeLayers(
        [1, 3, 8, 8],
        [
          { name: 'c', type: 'Convolution', attrs: { convolution_param: { num_output: 4, kernel_size: 3 } } },
          { name: 'weird', type: 'NoSuchLayer' },
          { name: 'i2c', type: 'Im2col', attrs: { convolution_param: { kernel_size: 3 } }, bottoms: ['c'] },
        ],
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const reasons = Object.fromEntries(r.refused.map((x) => [x.layer, x.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['i2c', 'weird']);
    expect(reasons.weird).toMatch(/unknown layer type "NoSuchLayer"/);
    expect(reasons.i2c).toBe('no ONNX lowering for type "Im2col": ONNX has no im2col op');
  });
});
