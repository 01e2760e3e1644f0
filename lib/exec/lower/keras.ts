import type { AttrMap } from '../../ir';
import { createAttrReader } from '../../ops/attr-reader';
import { activationName, axesOf } from '../../ops/keras/common';
import { attrFloat, attrInt, attrInts } from '../onnx/attrs';
import { opContext } from './caffe-params';
import { emitActivation, permToChannelsLast, withActivation } from './keras-common';
import { bidirectional, recurrent } from './keras-recurrent';
import { border, centerCrop, conv, convTranspose, globalPool, pool, resizing, upSampling } from './keras-spatial';
import { LoweringRefused, type LowerContext, type Lowerer } from './types';

/**
 * Keras layers → ONNX. Spatial layers (any rank, either data_format) live in keras-spatial,
 * recurrent ones in keras-recurrent; this file has the rest and the table.
 */

const unary =
  (opType: string): Lowerer =>
  (ctx) =>
    ctx.op(opType, [ctx.inputs[0]!], [ctx.outputs[0]!]);

/** Dense on the last axis: MatMul (+ bias) (+ activation). */
const dense: Lowerer = (ctx) => {
  const k = ctx.inShapes[0]!.at(-1)!;
  const n = ctx.outShapes[0]!.at(-1)!;
  withActivation(ctx, (out) => {
    const w = ctx.weight('kernel', [k, n], 'fan', k);
    if (!ctx.attrs.bool('use_bias', true)) {
      ctx.op('MatMul', [ctx.inputs[0]!, w], [out]);
      return;
    }
    const m = ctx.tmp('matmul');
    ctx.op('MatMul', [ctx.inputs[0]!, w], [m]);
    ctx.op('Add', [m, ctx.weight('bias', [n], 'small')], [out]);
  });
};

/** The normalised axes of BatchNormalization / LayerNormalization / Normalization. */
function normAxes(ctx: LowerContext): number[] {
  const axes = axesOf(opContext(ctx), ctx.inShapes[0]!.length, -1);
  if (!axes) throw new LoweringRefused('axis could not be read');
  return axes;
}

/** Dims of a per-feature vector over `axes`, with ones elsewhere, so it broadcasts against x. */
function featureDims(ctx: LowerContext, axes: readonly number[]): number[] {
  return ctx.inShapes[0]!.map((d, i) => (axes.includes(i) ? d : 1));
}

/**
 * BatchNormalization at inference. Over axis 1 (channels_first, or N×C) it is ONNX
 * BatchNormalization; over the channels_last axis (Keras' default) it is written out as
 * (x − mean)·γ/√(var + ε) + β on broadcast vectors, which ORT folds to one multiply-add per
 * element in fast mode, instead of a Transpose pair around every BN.
 */
const batchNorm: Lowerer = (ctx) => {
  const axes = normAxes(ctx);
  const eps = ctx.attrs.num('epsilon', 1e-3);
  const scale = ctx.attrs.bool('scale', true);
  const center = ctx.attrs.bool('center', true);
  const dims = featureDims(ctx, axes);
  if (axes.length === 1 && axes[0] === 1) {
    const c = dims[1]!;
    const inputs = [
      ctx.inputs[0]!,
      ctx.weight('gamma', [c], scale ? 'positive' : 'ones'),
      ctx.weight('beta', [c], center ? 'small' : 'zeros'),
      ctx.weight('moving_mean', [c], 'small'),
      ctx.weight('moving_variance', [c], 'positive'),
    ];
    ctx.op('BatchNormalization', inputs, [ctx.outputs[0]!], [attrFloat('epsilon', eps)]);
    return;
  }
  const v = ctx.tmp('var_eps');
  const sd = ctx.tmp('std');
  ctx.op('Add', [ctx.weight('moving_variance', dims, 'positive'), ctx.floats('epsilon', [eps], [])], [v]);
  ctx.op('Sqrt', [v], [sd]);
  const k = ctx.tmp('inv_std');
  if (scale) {
    ctx.op('Div', [ctx.weight('gamma', dims, 'positive'), sd], [k]);
  } else {
    ctx.op('Reciprocal', [sd], [k]);
  }
  const centred = ctx.tmp('centred');
  ctx.op('Sub', [ctx.inputs[0]!, ctx.weight('moving_mean', dims, 'small')], [centred]);
  if (!center) {
    ctx.op('Mul', [centred, k], [ctx.outputs[0]!]);
    return;
  }
  const scaled = ctx.tmp('scaled');
  ctx.op('Mul', [centred, k], [scaled]);
  ctx.op('Add', [scaled, ctx.weight('beta', dims, 'small')], [ctx.outputs[0]!]);
};

/** LayerNormalization over a trailing run of axes → ONNX LayerNormalization (opset 17). */
const layerNorm: Lowerer = (ctx) => {
  const rank = ctx.inShapes[0]!.length;
  const axes = [...normAxes(ctx)].sort((a, b) => a - b);
  const first = axes[0]!;
  if (axes.some((a, i) => a !== first + i) || axes.at(-1) !== rank - 1)
    throw new LoweringRefused('LayerNormalization over axes that are not the trailing ones has no single ONNX op');
  const dims = ctx.inShapes[0]!.slice(first);
  const inputs = [ctx.inputs[0]!, ctx.weight('gamma', dims, ctx.attrs.bool('scale', true) ? 'positive' : 'ones')];
  if (ctx.attrs.bool('center', true)) inputs.push(ctx.weight('beta', dims, 'small'));
  ctx.op(
    'LayerNormalization',
    inputs,
    [ctx.outputs[0]!],
    [attrInt('axis', first), attrFloat('epsilon', ctx.attrs.num('epsilon', 1e-3))],
  );
};

/** Normalization (preprocessing): (x − mean)/√variance with stand-in random statistics. */
const normalization: Lowerer = (ctx) => {
  const dims = featureDims(ctx, normAxes(ctx));
  const c = ctx.tmp('centred');
  const sd = ctx.tmp('std');
  ctx.op('Sub', [ctx.inputs[0]!, ctx.weight('mean', dims, 'small')], [c]);
  ctx.op('Sqrt', [ctx.weight('variance', dims, 'positive')], [sd]);
  ctx.op('Div', [c, sd], [ctx.outputs[0]!]);
};

/** Rescaling: x·scale + offset. */
const rescaling: Lowerer = (ctx) => {
  const offset = ctx.attrs.num('offset', 0);
  const out = ctx.outputs[0]!;
  const scaled = offset === 0 ? out : ctx.tmp('scaled');
  ctx.op('Mul', [ctx.inputs[0]!, ctx.floats('scale', [ctx.attrs.num('scale', 1)], [])], [scaled]);
  if (offset !== 0) ctx.op('Add', [scaled, ctx.floats('offset', [offset], [])], [out]);
};

/** ReLU layer: max(x, 0) with optional negative_slope below `threshold` and a cap at max_value. */
const reluLayer: Lowerer = (ctx) => {
  const slope = ctx.attrs.num('negative_slope', 0);
  const threshold = ctx.attrs.num('threshold', 0);
  const max = ctx.attrs.numOpt('max_value');
  const x = ctx.inputs[0]!;
  const out = ctx.outputs[0]!;
  const base = max === undefined ? out : ctx.tmp('relu');
  if (threshold === 0) {
    if (slope === 0) ctx.op('Relu', [x], [base]);
    else ctx.op('LeakyRelu', [x], [base], [attrFloat('alpha', slope)]);
  } else {
    // Keras: x ≥ threshold → x, else negative_slope·(x − threshold).
    const shifted = ctx.tmp('shifted');
    const below = ctx.tmp('below');
    const keep = ctx.tmp('keep');
    ctx.op('Sub', [x, ctx.floats('threshold', [threshold], [])], [shifted]);
    ctx.op('Mul', [shifted, ctx.floats('negative_slope', [slope], [])], [below]);
    ctx.op('GreaterOrEqual', [x, ctx.floats('threshold_cmp', [threshold], [])], [keep]);
    ctx.op('Where', [keep, x, below], [base]);
  }
  if (max !== undefined) ctx.op('Min', [base, ctx.floats('max_value', [max], [])], [out]);
};

/** PReLU with one slope per non-batch element, shared (size 1) along `shared_axes`. */
const prelu: Lowerer = (ctx) => {
  const shared = new Set(ctx.attrs.nums('shared_axes'));
  const dims = ctx.inShapes[0]!.slice(1).map((d, i) => (shared.has(i + 1) ? 1 : d));
  ctx.op('PRelu', [ctx.inputs[0]!, ctx.weight('alpha', dims, 'small')], [ctx.outputs[0]!]);
};

/** Softmax over its one `axis`. */
const softmaxLayer: Lowerer = (ctx) => {
  const axes = ctx.attrs.nums('axis');
  if (axes.length > 1) throw new LoweringRefused('softmax over several axes has no single ONNX op');
  ctx.op('Softmax', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrInt('axis', axes[0] ?? -1)]);
};

/** A variadic elementwise merge; `binary` chains it where ONNX takes two inputs only. */
function merge(opType: string, binary = false): Lowerer {
  return (ctx) => {
    if (!binary || ctx.inputs.length === 2) {
      ctx.op(opType, [...ctx.inputs], [ctx.outputs[0]!]);
      return;
    }
    let acc = ctx.inputs[0]!;
    ctx.inputs.slice(1).forEach((b, i) => {
      const dst = i === ctx.inputs.length - 2 ? ctx.outputs[0]! : ctx.tmp(`acc${i}`);
      ctx.op(opType, [acc, b], [dst]);
      acc = dst;
    });
  };
}

const concatenate: Lowerer = (ctx) => {
  const rank = ctx.inShapes[0]!.length;
  const axis = ctx.attrs.num('axis', -1);
  ctx.op('Concat', [...ctx.inputs], [ctx.outputs[0]!], [attrInt('axis', axis < 0 ? axis + rank : axis)]);
};

const reshape: Lowerer = (ctx) =>
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('shape', ctx.outShapes[0]!)], [ctx.outputs[0]!]);

/** Flatten; channels_first inputs are first put in channels_last order, as Keras does. */
const flatten: Lowerer = (ctx) => {
  const rank = ctx.inShapes[0]!.length;
  if (rank <= 2 || ctx.attrs.str('data_format', 'channels_last').toLowerCase() !== 'channels_first') {
    reshape(ctx);
    return;
  }
  const t = ctx.tmp('channels_last');
  ctx.op('Transpose', [ctx.inputs[0]!], [t], [attrInts('perm', permToChannelsLast(rank))]);
  ctx.op('Reshape', [t, ctx.ints('shape', ctx.outShapes[0]!)], [ctx.outputs[0]!]);
};

const permute: Lowerer = (ctx) =>
  ctx.op('Transpose', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrInts('perm', [0, ...ctx.attrs.nums('dims')])]);

/** RepeatVector: N×F → N×1×F → Expand to N×n×F. */
const repeatVector: Lowerer = (ctx) => {
  const [n, f] = ctx.inShapes[0]! as [number, number];
  const t = ctx.tmp('unsqueezed');
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('unsqueezed_shape', [n, 1, f])], [t]);
  ctx.op('Expand', [t, ctx.ints('shape', ctx.outShapes[0]!)], [ctx.outputs[0]!]);
};

/**
 * Embedding → Gather rows of the table. The run feeds float inputs, so ids are clipped into
 * [0, input_dim − 1] and cast to int64 first (an id outside the table would abort the run).
 */
const embedding: Lowerer = (ctx) => {
  const inputDim = ctx.attrs.num('input_dim', 1);
  const outputDim = ctx.outShapes[0]!.at(-1)!;
  const clipped = ctx.tmp('clipped');
  const ids = ctx.tmp('ids');
  ctx.op('Clip', [ctx.inputs[0]!, ctx.floats('id_min', [0], []), ctx.floats('id_max', [inputDim - 1], [])], [clipped]);
  ctx.op('Cast', [clipped], [ids], [attrInt('to', 7)]);
  ctx.op(
    'Gather',
    [ctx.weight('embeddings', [inputDim, outputDim], 'small'), ids],
    [ctx.outputs[0]!],
    [attrInt('axis', 0)],
  );
};

/**
 * TimeDistributed(layer): batch and time merged into one axis, the wrapped layer lowered on
 * N·T samples with its own config, then the time axis split off again.
 */
const timeDistributed: Lowerer = (ctx) => {
  const inner = ctx.attrs.raw('layer');
  const cls = inner && typeof inner === 'object' && !Array.isArray(inner) ? inner.class_name : undefined;
  const config = inner && typeof inner === 'object' && !Array.isArray(inner) ? inner.config : undefined;
  const lowerer = typeof cls === 'string' ? KERAS_LOWERINGS[cls] : undefined;
  if (typeof cls !== 'string' || !lowerer) throw new LoweringRefused(`wrapped layer "${String(cls)}" is not lowered`);
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  const merged = (s: readonly number[]) => [s[0]! * s[1]!, ...s.slice(2)];
  const xin = ctx.tmp('merged');
  const yin = ctx.tmp('inner');
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('merged_shape', merged(x))], [xin]);
  const attrs = createAttrReader(
    config && typeof config === 'object' && !Array.isArray(config) ? (config as AttrMap) : {},
    ctx.node.attrSpans,
    'layer.config',
  );
  lowerer({
    ...ctx,
    attrs,
    inputs: [xin],
    outputs: [yin],
    inShapes: [merged(x)],
    outShapes: [merged(y)],
  });
  ctx.op('Reshape', [yin, ctx.ints('shape', y)], [ctx.outputs[0]!]);
};

const identity = unary('Identity');

/** Lowering per Keras class name (canonical names and aliases). */
export const KERAS_LOWERINGS: Readonly<Record<string, Lowerer>> = {};

const table: [string[], Lowerer][] = [
  [['Conv1D', 'Convolution1D'], conv(1, 'conv')],
  [['Conv2D', 'Convolution2D'], conv(2, 'conv')],
  [['Conv3D', 'Convolution3D'], conv(3, 'conv')],
  [['DepthwiseConv1D'], conv(1, 'depthwise')],
  [['DepthwiseConv2D'], conv(2, 'depthwise')],
  [['SeparableConv1D', 'SeparableConvolution1D'], conv(1, 'separable')],
  [['SeparableConv2D', 'SeparableConvolution2D'], conv(2, 'separable')],
  [['Conv1DTranspose', 'Convolution1DTranspose'], convTranspose(1)],
  [['Conv2DTranspose', 'Convolution2DTranspose', 'Deconvolution2D', 'Deconv2D'], convTranspose(2)],
  [['Conv3DTranspose', 'Convolution3DTranspose', 'Deconvolution3D', 'Deconv3D'], convTranspose(3)],
  [['MaxPooling1D', 'MaxPool1D'], pool(1, 'MaxPool')],
  [['MaxPooling2D', 'MaxPool2D'], pool(2, 'MaxPool')],
  [['MaxPooling3D', 'MaxPool3D'], pool(3, 'MaxPool')],
  [['AveragePooling1D', 'AvgPool1D'], pool(1, 'AveragePool')],
  [['AveragePooling2D', 'AvgPool2D'], pool(2, 'AveragePool')],
  [['AveragePooling3D', 'AvgPool3D'], pool(3, 'AveragePool')],
  [['GlobalMaxPooling1D', 'GlobalMaxPool1D'], globalPool(1, 'ReduceMax')],
  [['GlobalMaxPooling2D', 'GlobalMaxPool2D'], globalPool(2, 'ReduceMax')],
  [['GlobalMaxPooling3D', 'GlobalMaxPool3D'], globalPool(3, 'ReduceMax')],
  [['GlobalAveragePooling1D', 'GlobalAvgPool1D'], globalPool(1, 'ReduceMean')],
  [['GlobalAveragePooling2D', 'GlobalAvgPool2D'], globalPool(2, 'ReduceMean')],
  [['GlobalAveragePooling3D', 'GlobalAvgPool3D'], globalPool(3, 'ReduceMean')],
  [['ZeroPadding1D'], border(1, 'pad')],
  [['ZeroPadding2D'], border(2, 'pad')],
  [['ZeroPadding3D'], border(3, 'pad')],
  [['Cropping1D'], border(1, 'crop')],
  [['Cropping2D'], border(2, 'crop')],
  [['Cropping3D'], border(3, 'crop')],
  [['UpSampling1D'], upSampling(1)],
  [['UpSampling2D'], upSampling(2)],
  [['UpSampling3D'], upSampling(3)],
  [['Resizing'], resizing],
  [['CenterCrop'], centerCrop],
  [['Dense'], dense],
  [['Embedding'], embedding],
  [['BatchNormalization', 'BatchNormalizationV1', 'BatchNormalizationV2', 'SyncBatchNormalization'], batchNorm],
  [['LayerNormalization'], layerNorm],
  [['Normalization'], normalization],
  [['Rescaling'], rescaling],
  [['Activation'], (ctx) => emitActivation(ctx, activationName(ctx.attrs), ctx.inputs[0]!, ctx.outputs[0]!)],
  [['ReLU'], reluLayer],
  [
    ['LeakyReLU'],
    (ctx) =>
      ctx.op(
        'LeakyRelu',
        [ctx.inputs[0]!],
        [ctx.outputs[0]!],
        [attrFloat('alpha', ctx.attrs.numOpt('negative_slope') ?? ctx.attrs.num('alpha', 0.3))],
      ),
  ],
  [['PReLU'], prelu],
  [
    ['ELU'],
    (ctx) => ctx.op('Elu', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrFloat('alpha', ctx.attrs.num('alpha', 1))]),
  ],
  [
    ['ThresholdedReLU'],
    (ctx) =>
      ctx.op('ThresholdedRelu', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrFloat('alpha', ctx.attrs.num('theta', 1))]),
  ],
  [['Softmax'], softmaxLayer],
  [
    [
      'Dropout',
      'SpatialDropout1D',
      'SpatialDropout2D',
      'SpatialDropout3D',
      'GaussianNoise',
      'GaussianDropout',
      'AlphaDropout',
      'ActivityRegularization',
      'Identity',
      // Masking passes values through; its mask only changes what a later RNN skips.
      'Masking',
    ],
    identity,
  ],
  [['Add'], merge('Sum')],
  [['Subtract'], merge('Sub')],
  [['Multiply'], merge('Mul', true)],
  [['Maximum'], merge('Max')],
  [['Minimum'], merge('Min')],
  [['Average'], merge('Mean')],
  [['Concatenate'], concatenate],
  [['Reshape'], reshape],
  [['Flatten'], flatten],
  [['Permute'], permute],
  [['RepeatVector'], repeatVector],
  [['LSTM', 'CuDNNLSTM', 'LSTMV1'], recurrent('LSTM')],
  [['GRU', 'CuDNNGRU', 'GRUV1'], recurrent('GRU')],
  [['SimpleRNN'], recurrent('RNN')],
  [['Bidirectional'], bidirectional],
  [['TimeDistributed'], timeDistributed],
];
for (const [names, lowerer] of table) for (const n of names) (KERAS_LOWERINGS as Record<string, Lowerer>)[n] = lowerer;
