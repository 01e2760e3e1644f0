import { attrInt, attrInts } from '../onnx/attrs';
import { LoweringRefused, type LowerContext, type Lowerer } from './types';

/**
 * Keras layers (channels_last). ONNX convolutions and pooling are NCHW, so spatial layers are
 * wrapped in Transpose pairs (ORT's transpose optimiser cancels neighbouring pairs in fast
 * mode); Dense, Flatten and activations work on NHWC tensors directly.
 */

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

function tuple(ctx: LowerContext, key: string, fallback: number[]): number[] {
  const v = ctx.attrs.nums(key);
  if (v.length === 0) return fallback;
  return v.length === 1 ? [v[0]!, v[0]!] : v;
}

function channelsLast(ctx: LowerContext): void {
  if (ctx.attrs.str('data_format', 'channels_last') !== 'channels_last') {
    throw new LoweringRefused('only channels_last Keras layers are lowered');
  }
  if (ctx.inShapes[0]!.length !== 4) throw new LoweringRefused('only 2-D spatial Keras layers are lowered');
}

/** Applies the `activation` config to `x`, writing `out`. */
function activation(ctx: LowerContext, name: string, x: string, out: string): void {
  const op: Record<string, string> = {
    linear: 'Identity',
    relu: 'Relu',
    sigmoid: 'Sigmoid',
    tanh: 'Tanh',
    elu: 'Elu',
    softplus: 'Softplus',
    softsign: 'Softsign',
    softmax: 'Softmax',
    selu: 'Selu',
  };
  const t = op[name];
  if (!t) throw new LoweringRefused(`activation "${name}" has no ONNX lowering`);
  ctx.op(t, [x], [out], t === 'Softmax' ? [attrInt('axis', -1)] : []);
}

/** The layer's `activation` after its main op (a tmp tensor in between unless linear). */
function withActivation(ctx: LowerContext, emit: (out: string) => void): void {
  const act = ctx.attrs.str('activation', 'linear');
  if (act === 'linear') {
    emit(ctx.outputs[0]!);
    return;
  }
  const t = ctx.tmp('pre_activation');
  emit(t);
  activation(ctx, act, t, ctx.outputs[0]!);
}

/** TF "same"/"valid" padding as explicit ONNX pads [begin…, end…] for the analyser's output. */
function tfPads(ctx: LowerContext, kernel: number[], stride: number[], dilation: number[]): number[] {
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  if (ctx.attrs.str('padding', 'valid') !== 'same') return [0, 0, 0, 0];
  const total = [0, 1].map((i) =>
    Math.max(0, (y[i + 1]! - 1) * stride[i]! + (kernel[i]! - 1) * dilation[i]! + 1 - x[i + 1]!),
  );
  const begin = total.map((t) => Math.floor(t / 2));
  return [...begin, ...total.map((t, i) => t - begin[i]!)];
}

/** Conv2D / DepthwiseConv2D → Transpose, Conv, Transpose (+ activation). */
function conv(depthwise: boolean): Lowerer {
  return (ctx) => {
    channelsLast(ctx);
    const x = ctx.inShapes[0]!;
    const y = ctx.outShapes[0]!;
    const cin = x[3]!;
    const cout = y[3]!;
    const kernel = tuple(ctx, 'kernel_size', [1, 1]);
    const stride = tuple(ctx, 'strides', [1, 1]);
    const dilation = tuple(ctx, 'dilation_rate', [1, 1]);
    const group = depthwise ? cin : ctx.attrs.num('groups', 1);
    const nchw = ctx.tmp('nchw');
    ctx.op('Transpose', [ctx.inputs[0]!], [nchw], [attrInts('perm', TO_NCHW)]);
    const w = ctx.weight('kernel', [cout, cin / group, ...kernel], 'fan', (cin / group) * kernel[0]! * kernel[1]!);
    const inputs = [nchw, w];
    if (ctx.attrs.bool('use_bias', true)) inputs.push(ctx.weight('bias', [cout], 'small'));
    const c = ctx.tmp('conv');
    ctx.op(
      'Conv',
      inputs,
      [c],
      [
        attrInts('kernel_shape', kernel),
        attrInts('strides', stride),
        attrInts('dilations', dilation),
        attrInts('pads', tfPads(ctx, kernel, stride, dilation)),
        attrInt('group', group),
      ],
    );
    withActivation(ctx, (out) => ctx.op('Transpose', [c], [out], [attrInts('perm', TO_NHWC)]));
  };
}

/** MaxPooling2D / AveragePooling2D (TF rounding: floor for valid, ceil for same, as explicit pads). */
function pool(opType: 'MaxPool' | 'AveragePool'): Lowerer {
  return (ctx) => {
    channelsLast(ctx);
    const size = tuple(ctx, 'pool_size', [2, 2]);
    const stride = tuple(ctx, 'strides', size);
    const nchw = ctx.tmp('nchw');
    const p = ctx.tmp('pool');
    ctx.op('Transpose', [ctx.inputs[0]!], [nchw], [attrInts('perm', TO_NCHW)]);
    const attrs = [
      attrInts('kernel_shape', size),
      attrInts('strides', stride),
      attrInts('pads', tfPads(ctx, size, stride, [1, 1])),
    ];
    // TF averages over the valid part of a "same" window only.
    if (opType === 'AveragePool') attrs.push(attrInt('count_include_pad', 0));
    ctx.op(opType, [nchw], [p], attrs);
    ctx.op('Transpose', [p], [ctx.outputs[0]!], [attrInts('perm', TO_NHWC)]);
  };
}

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

const reshape: Lowerer = (ctx) =>
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('shape', ctx.outShapes[0]!)], [ctx.outputs[0]!]);

/** Lowering per Keras class name (NHWC layouts). */
export const KERAS_LOWERINGS: Readonly<Record<string, Lowerer>> = {
  Conv2D: conv(false),
  Convolution2D: conv(false),
  DepthwiseConv2D: conv(true),
  MaxPooling2D: pool('MaxPool'),
  MaxPool2D: pool('MaxPool'),
  AveragePooling2D: pool('AveragePool'),
  AvgPool2D: pool('AveragePool'),
  Dense: dense,
  Flatten: reshape,
  Reshape: reshape,
  Dropout: (ctx) => ctx.op('Identity', [ctx.inputs[0]!], [ctx.outputs[0]!]),
  Activation: (ctx) => activation(ctx, ctx.attrs.str('activation', 'linear'), ctx.inputs[0]!, ctx.outputs[0]!),
};
