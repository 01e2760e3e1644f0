import { describe, expect, test } from 'vitest';
import { analyzeKerasText, sequentialJson, type LayerSpec } from '../../ops/keras/test-model';
import type { AttributeObject, NodeObject } from '../onnx/proto';
import { allFinite, lowerOrThrow, mismatches, runOnce } from '../testing/run-check';
import { lowerAnalysis, type LoweredModel } from './index';

/** Lowers a Keras Sequential of `layers` on an input of `shape` (batch 1 prepended). */
function lowerSeq(shape: number[], layers: LayerSpec[]): LoweredModel {
  return lowerOrThrow(analyzeKerasText(sequentialJson(shape, layers)));
}

function attr(node: NodeObject, name: string): number | number[] | string | string[] | undefined {
  const a: AttributeObject | undefined = node.attribute.find((x) => x.name === name);
  if (!a) return undefined;
  if (a.ints) return a.ints;
  if (a.floats) return a.floats;
  if (a.strings) return a.strings.map((s) => new TextDecoder().decode(s));
  if (a.s) return new TextDecoder().decode(a.s);
  return a.i ?? a.f;
}

/** The ONNX op types emitted for layer `name` (its own node and its helpers). */
function opsOf(m: LoweredModel, name: string): string[] {
  return m.nodes.filter((n) => m.nodeLayer[n.name] === name).map((n) => n.op_type);
}

function node(m: LoweredModel, name: string, opType: string): NodeObject {
  const n = m.nodes.find((x) => m.nodeLayer[x.name] === name && x.op_type === opType);
  if (!n) throw new Error(`no ${opType} for ${name}`);
  return n;
}

function constOf(m: LoweredModel, name: string): readonly number[] {
  const c = m.consts.find((x) => x.name === name);
  if (!c) throw new Error(`no const ${name}`);
  return c.values;
}

/** Runs the model in Node and asserts the engine's shape for every top equals the analyser's. */
async function expectRuns(m: LoweredModel): Promise<void> {
  const r = await runOnce(m);
  expect(mismatches(r)).toEqual([]);
  expect(r.shapeChecks.length).toBe(m.tops.length);
  expect(allFinite(r)).toBe(true);
}

describe('Keras spatial layers', () => {
  test('MobileNet pieces: ZeroPadding2D → Pad, BN on channels_last → broadcast affine, ReLU(6) → Relu + Min', async () => {
    const m = lowerSeq(
      [9, 9, 3],
      [
        [
          'ZeroPadding2D',
          {
            padding: [
              [1, 2],
              [0, 1],
            ],
          },
        ],
        ['Conv2D', { filters: 8, kernel_size: [3, 3], strides: [2, 2], padding: 'valid', use_bias: false }],
        ['BatchNormalization', { axis: -1, epsilon: 0.001 }],
        ['ReLU', { max_value: 6 }],
        ['DepthwiseConv2D', { kernel_size: 3, padding: 'same', depth_multiplier: 2 }],
        ['SeparableConv2D', { filters: 5, kernel_size: 3, padding: 'same', activation: 'relu6' }],
        ['GlobalAveragePooling2D', {}],
        ['Dense', { units: 4, activation: 'softmax' }],
      ],
    );
    expect(constOf(m, 'l1/pads')).toEqual([0, 1, 0, 0, 0, 2, 1, 0]);
    expect(opsOf(m, 'l2')).toEqual(['Transpose', 'Conv', 'Transpose']);
    expect(opsOf(m, 'l3')).toEqual(['Add', 'Sqrt', 'Div', 'Sub', 'Mul', 'Add']);
    expect(m.weights.find((w) => w.name === 'l3/gamma')!.dims).toEqual([1, 1, 1, 8]);
    expect(opsOf(m, 'l4')).toEqual(['Relu', 'Min']);
    expect(m.weights.find((w) => w.name === 'l5/depthwise_kernel')!.dims).toEqual([16, 1, 3, 3]);
    expect(attr(node(m, 'l5', 'Conv'), 'group')).toBe(8);
    expect(opsOf(m, 'l6')).toEqual(['Transpose', 'Conv', 'Conv', 'Transpose', 'Clip']);
    expect(m.weights.find((w) => w.name === 'l6/pointwise_kernel')!.dims).toEqual([5, 16, 1, 1]);
    expect(opsOf(m, 'l7')).toEqual(['ReduceMean']);
    expect(attr(node(m, 'l7', 'ReduceMean'), 'axes')).toEqual([1, 2]);
    expect(m.outputs[0]!.shape).toEqual([1, 4]);
    await expectRuns(m);
  });

  test('channels_first: no transposes around Conv/pooling, BatchNormalization op on axis 1, Flatten goes channels_last first', async () => {
    const cf = { data_format: 'channels_first' };
    const m = lowerSeq(
      [3, 8, 8],
      [
        ['Conv2D', { ...cf, filters: 4, kernel_size: 3, padding: 'same' }],
        ['BatchNormalization', { axis: 1 }],
        ['MaxPooling2D', { ...cf, pool_size: 2 }],
        ['Flatten', cf],
        ['Dense', { units: 3 }],
      ],
    );
    expect(opsOf(m, 'l1')).toEqual(['Conv']);
    expect(attr(node(m, 'l1', 'Conv'), 'pads')).toEqual([1, 1, 1, 1]);
    expect(opsOf(m, 'l2')).toEqual(['BatchNormalization']);
    expect(opsOf(m, 'l3')).toEqual(['MaxPool']);
    expect(opsOf(m, 'l4')).toEqual(['Transpose', 'Reshape']);
    expect(attr(node(m, 'l4', 'Transpose'), 'perm')).toEqual([0, 2, 3, 1]);
    await expectRuns(m);
  });

  test('1-D: causal Conv1D pads k−1 before, pooling, upsampling, cropping, global max', async () => {
    const m = lowerSeq(
      [10, 3],
      [
        ['Conv1D', { filters: 4, kernel_size: 3, padding: 'causal', dilation_rate: 2 }],
        ['MaxPooling1D', { pool_size: 2 }],
        ['UpSampling1D', { size: 3 }],
        ['Cropping1D', { cropping: [1, 2] }],
        ['AveragePooling1D', { pool_size: 3, padding: 'same' }],
        ['GlobalMaxPooling1D', {}],
      ],
    );
    expect(attr(node(m, 'l1', 'Conv'), 'pads')).toEqual([4, 0]);
    expect(attr(node(m, 'l5', 'AveragePool'), 'count_include_pad')).toBe(0);
    expect(constOf(m, 'l4/starts')).toEqual([1]);
    expect(constOf(m, 'l4/axes')).toEqual([1]);
    expect(m.tops.find((t) => t.layer === 'l4')!.shape).toEqual([1, 12, 4]);
    await expectRuns(m);
  });

  test('3-D: Conv3D, ZeroPadding3D, AveragePooling3D same, UpSampling3D, Conv3DTranspose', async () => {
    const m = lowerSeq(
      [4, 6, 6, 2],
      [
        ['Conv3D', { filters: 3, kernel_size: [2, 3, 3], padding: 'valid' }],
        ['ZeroPadding3D', { padding: 1 }],
        ['AveragePooling3D', { pool_size: 2, padding: 'same' }],
        ['UpSampling3D', { size: [1, 2, 2] }],
        ['Conv3DTranspose', { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }],
      ],
    );
    expect(attr(node(m, 'l1', 'Conv'), 'kernel_shape')).toEqual([2, 3, 3]);
    expect(attr(node(m, 'l1', 'Transpose'), 'perm')).toEqual([0, 4, 1, 2, 3]);
    expect(m.weights.find((w) => w.name === 'l5/kernel')!.dims).toEqual([3, 2, 3, 3, 3]);
    await expectRuns(m);
  });

  test('Conv2DTranspose: same (TF crop, odd pixel at the end), valid with k < s (output_padding), explicit output_padding', async () => {
    const m = lowerSeq(
      [5, 5, 3],
      [
        ['Conv2DTranspose', { filters: 4, kernel_size: 4, strides: 2, padding: 'same' }],
        ['Conv2DTranspose', { filters: 2, kernel_size: 1, strides: 3, padding: 'valid' }],
        ['Conv2DTranspose', { filters: 2, kernel_size: 3, strides: 2, padding: 'same', output_padding: 1 }],
      ],
    );
    // same: out = 10, total = 2·4 + 4 − 10 = 2 → [1, 1] each side.
    expect(attr(node(m, 'l1', 'ConvTranspose'), 'pads')).toEqual([1, 1, 1, 1]);
    // valid k=1 < s=3: out = 30, total = 3·9 + 1 − 30 = −2 → output_padding 2.
    expect(attr(node(m, 'l2', 'ConvTranspose'), 'output_padding')).toEqual([2, 2]);
    expect(m.tops.map((t) => t.shape)).toEqual([
      [1, 10, 10, 4],
      [1, 30, 30, 2],
      [1, 60, 60, 2],
    ]);
    await expectRuns(m);
  });

  test('UpSampling2D bilinear, Resizing, CenterCrop, Cropping2D', async () => {
    const m = lowerSeq(
      [6, 8, 2],
      [
        ['UpSampling2D', { size: [2, 2], interpolation: 'bilinear' }],
        ['Resizing', { height: 7, width: 5, interpolation: 'bicubic' }],
        ['Resizing', { height: 9, width: 9, interpolation: 'nearest' }],
        ['CenterCrop', { height: 4, width: 6 }],
        [
          'Cropping2D',
          {
            cropping: [
              [1, 0],
              [2, 1],
            ],
          },
        ],
      ],
    );
    expect(attr(node(m, 'l1', 'Resize'), 'coordinate_transformation_mode')).toBe('half_pixel');
    expect(opsOf(m, 'l1')).toEqual(['Transpose', 'Resize', 'Transpose']);
    expect(attr(node(m, 'l2', 'Resize'), 'cubic_coeff_a')).toBeCloseTo(-0.5);
    expect(opsOf(m, 'l3')).toEqual(['Resize']);
    expect(constOf(m, 'l4/starts')).toEqual([2, 1]);
    expect(m.outputs[0]!.shape).toEqual([1, 3, 3, 2]);
    await expectRuns(m);
  });
});

describe('Keras activations, normalisation and other layers', () => {
  test('every Activation name and activation layer lowers and runs', async () => {
    const names = [
      'relu',
      'relu6',
      'sigmoid',
      'hard_sigmoid',
      'tanh',
      'elu',
      'selu',
      'celu',
      'softplus',
      'softsign',
      'exponential',
      'leaky_relu',
      'softmax',
      'log_softmax',
      'swish',
      'silu',
      'hard_swish',
      'log_sigmoid',
      'tanh_shrink',
      'hard_tanh',
      'mish',
      'gelu',
      'linear',
    ];
    const m = lowerSeq(
      [4, 6],
      [
        ...names.map((a): LayerSpec => ['Activation', { activation: a }]),
        ['LeakyReLU', { alpha: 0.1 }],
        ['PReLU', { shared_axes: [1] }],
        ['ELU', { alpha: 0.5 }],
        ['ThresholdedReLU', { theta: 0.2 }],
        ['ReLU', { threshold: 0.1, negative_slope: 0.2, max_value: 2 }],
        ['Softmax', { axis: 1 }],
        ['Rescaling', { scale: 0.5, offset: 1 }],
        ['LayerNormalization', { axis: -1 }],
        ['Normalization', { axis: -1 }],
      ],
    );
    expect(opsOf(m, 'l21')).toEqual(['Softplus', 'Tanh', 'Mul']);
    expect(opsOf(m, 'l22')).toEqual(['Mul', 'Erf', 'Add', 'Mul', 'Mul']);
    expect(m.weights.find((w) => w.name === 'l25/alpha')!.dims).toEqual([1, 6]);
    expect(opsOf(m, 'l28')).toEqual(['Sub', 'Mul', 'GreaterOrEqual', 'Where', 'Min']);
    expect(attr(node(m, 'l29', 'Softmax'), 'axis')).toBe(1);
    expect(attr(node(m, 'l31', 'LayerNormalization'), 'axis')).toBe(2);
    await expectRuns(m);
  });

  test('Reshape, Permute, RepeatVector, Embedding, TimeDistributed(Dense), dropout and noise as Identity', async () => {
    const m = lowerSeq(
      [6],
      [
        ['Embedding', { input_dim: 10, output_dim: 4 }],
        ['Permute', { dims: [2, 1] }],
        ['Reshape', { target_shape: [2, -1] }],
        ['TimeDistributed', { layer: { class_name: 'Dense', config: { units: 5, activation: 'relu' } } }],
        ['Flatten', {}],
        ['RepeatVector', { n: 3 }],
        ['SpatialDropout1D', { rate: 0.2 }],
        ['GaussianNoise', { stddev: 0.1 }],
      ],
    );
    expect(opsOf(m, 'l1')).toEqual(['Clip', 'Cast', 'Gather']);
    expect(attr(node(m, 'l2', 'Transpose'), 'perm')).toEqual([0, 2, 1]);
    expect(opsOf(m, 'l4')).toEqual(['Reshape', 'MatMul', 'Add', 'Relu', 'Reshape']);
    expect(opsOf(m, 'l6')).toEqual(['Reshape', 'Expand']);
    expect(m.outputs[0]!.shape).toEqual([1, 3, 10]);
    await expectRuns(m);
  });

  test('LSTM, GRU (reset_after off), SimpleRNN and Bidirectional merge modes → ONNX recurrent ops', async () => {
    const m = lowerSeq(
      [5, 3],
      [
        ['LSTM', { units: 4, return_sequences: true }],
        ['GRU', { units: 3, return_sequences: true, reset_after: false }],
        [
          'Bidirectional',
          { layer: { class_name: 'LSTM', config: { units: 2, return_sequences: true } }, merge_mode: 'concat' },
        ],
        [
          'Bidirectional',
          { layer: { class_name: 'GRU', config: { units: 2, return_sequences: true } }, merge_mode: 'ave' },
        ],
        ['Bidirectional', { layer: { class_name: 'SimpleRNN', config: { units: 3 } }, merge_mode: 'mul' }],
        ['RepeatVector', { n: 2 }],
        ['SimpleRNN', { units: 2, activation: 'relu' }],
      ],
    );
    const lstm = node(m, 'l1', 'LSTM');
    expect(attr(lstm, 'hidden_size')).toBe(4);
    expect(attr(lstm, 'activations')).toEqual(['Sigmoid', 'Tanh', 'Tanh']);
    expect(m.weights.find((w) => w.name === 'l1/kernel')!.dims).toEqual([1, 16, 3]);
    expect(attr(node(m, 'l2', 'GRU'), 'linear_before_reset')).toBe(0);
    expect(attr(node(m, 'l3', 'LSTM'), 'direction')).toBe('bidirectional');
    expect(m.tops.map((t) => t.shape)).toEqual([
      [1, 5, 4],
      [1, 5, 3],
      [1, 5, 4],
      [1, 5, 2],
      [1, 3],
      [1, 2, 3],
      [1, 2],
    ]);
    await expectRuns(m);
  });

  test('merges of a functional model: Add, Subtract, Multiply of three, Maximum, Minimum, Average, Concatenate', async () => {
    const layer = (cls: string, name: string, inputs: string[], config: Record<string, unknown> = {}) => ({
      class_name: cls,
      name,
      config: { name, ...config },
      inbound_nodes: [inputs.map((i) => [i, 0, 0, {}])],
    });
    const text = JSON.stringify({
      class_name: 'Functional',
      config: {
        name: 'm',
        layers: [
          { class_name: 'InputLayer', name: 'a', config: { name: 'a', batch_shape: [null, 3, 4] }, inbound_nodes: [] },
          { class_name: 'InputLayer', name: 'b', config: { name: 'b', batch_shape: [null, 3, 4] }, inbound_nodes: [] },
          layer('Add', 'add', ['a', 'b']),
          layer('Subtract', 'sub', ['add', 'b']),
          layer('Multiply', 'mul', ['a', 'b', 'sub']),
          layer('Maximum', 'max', ['mul', 'a']),
          layer('Minimum', 'min', ['max', 'b']),
          layer('Average', 'avg', ['min', 'a', 'b']),
          layer('Concatenate', 'cat', ['avg', 'a'], { axis: 1 }),
        ],
        input_layers: [
          ['a', 0, 0],
          ['b', 0, 0],
        ],
        output_layers: [['cat', 0, 0]],
      },
    });
    const m = lowerOrThrow(analyzeKerasText(text));
    expect(m.nodes.map((n) => n.op_type)).toEqual(['Sum', 'Sub', 'Mul', 'Mul', 'Max', 'Min', 'Mean', 'Concat']);
    expect(attr(node(m, 'cat', 'Concat'), 'axis')).toBe(1);
    expect(m.outputs[0]!.shape).toEqual([1, 6, 4]);
    await expectRuns(m);
  });

  test('go_backwards reverses the time axis before a forward cell; squareplus and sparse_plus compose', async () => {
    const m = lowerSeq(
      [5, 4],
      [
        ['GRU', { units: 3, go_backwards: true, return_sequences: true }],
        ['Activation', { activation: 'squareplus' }],
        ['Activation', { activation: 'sparse_plus' }],
      ],
    );
    const rev = node(m, 'l1', 'Slice');
    expect(m.consts.find((c) => c.name === rev.input[4])!.values).toEqual([-1]);
    expect(opsOf(m, 'l3')).toEqual(['Clip', 'Add', 'Mul', 'Mul', 'Sub', 'Relu', 'Add']);
    await expectRuns(m);
  });

  test('what cannot be lowered is refused with the reason', () => {
    const r = lowerAnalysis(
      analyzeKerasText(
        sequentialJson(
          [6, 6, 2],
          [
            ['Resizing', { height: 3, width: 3, interpolation: 'lanczos3' }],
            ['LayerNormalization', { axis: 1 }],
          ],
        ),
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refused.map((x) => [x.layer, x.reason])).toEqual([
      ['l1', 'interpolation "lanczos3" has no ONNX Resize mode'],
      ['l2', 'reads "l1", which no lowered layer produces'],
    ]);
    const ln = lowerAnalysis(analyzeKerasText(sequentialJson([6, 6, 2], [['LayerNormalization', { axis: 1 }]])));
    expect(ln.ok ? [] : ln.refused.map((x) => x.reason)).toEqual([
      'LayerNormalization over axes that are not the trailing ones has no single ONNX op',
    ]);
  });
});
