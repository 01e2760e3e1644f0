import { activationName, splitSpatial, type SpatialInput } from '../../ops/keras/common';
import { attrFloat, attrInt, attrInts } from '../onnx/attrs';
import { opContext } from './caffe-params';
import { LoweringRefused, type LowerContext } from './types';

/**
 * Shared pieces of the Keras lowering. Keras layers are channels_last unless `data_format`
 * says otherwise, while ONNX convolution, pooling and BatchNormalization are channels-first:
 * those get a Transpose on each side (ORT's transpose optimiser cancels neighbouring pairs in
 * fast mode; profile mode keeps them and charges them to the layer).
 */

/** The input split per `data_format` (lib/ops' own reader), or a refusal. */
export function spatialInput(ctx: LowerContext, rank: number): SpatialInput {
  const s = splitSpatial(opContext(ctx), ctx.inShapes[0]!, rank);
  if (!s) throw new LoweringRefused(`expects a ${rank + 2}-D input`);
  return s;
}

/** Transpose that moves the last axis to position 1 (N…C → NC…), for a tensor of `rank` axes. */
export function permToChannelsFirst(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

/** Transpose that moves axis 1 to the end (NC… → N…C). */
export function permToChannelsLast(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

/** `x` in channels-first order: a Transpose when the layer is channels_last. */
export function toChannelsFirst(ctx: LowerContext, s: SpatialInput, x: string): string {
  if (s.channelsFirst) return x;
  const t = ctx.tmp('nc');
  ctx.op('Transpose', [x], [t], [attrInts('perm', permToChannelsFirst(s.spatial.length + 2))]);
  return t;
}

/** Writes channels-first `t` to `out` in the layer's layout. */
export function fromChannelsFirst(ctx: LowerContext, s: SpatialInput, t: string, out: string): void {
  if (s.channelsFirst) ctx.op('Identity', [t], [out]);
  else ctx.op('Transpose', [t], [out], [attrInts('perm', permToChannelsLast(s.spatial.length + 2))]);
}

/**
 * Emits `op` on a channels-first view of the input and writes the result in the layer's layout,
 * with the layer's fused `activation` (if any) applied last.
 */
export function channelsFirstOp(ctx: LowerContext, s: SpatialInput, emit: (x: string, y: string) => void): void {
  const x = toChannelsFirst(ctx, s, ctx.inputs[0]!);
  withActivation(ctx, (out) => {
    if (s.channelsFirst) {
      emit(x, out);
      return;
    }
    const y = ctx.tmp('nc_out');
    emit(x, y);
    fromChannelsFirst(ctx, s, y, out);
  });
}

function scalar(ctx: LowerContext, name: string, v: number): string {
  return ctx.floats(name, [v], []);
}

/** x·sigmoid(x) and friends: `out = x ⊙ f(x)` with f one ONNX op. */
function gated(ctx: LowerContext, x: string, out: string, op: string): void {
  const t = ctx.tmp(op.toLowerCase());
  ctx.op(op, [x], [t]);
  ctx.op('Mul', [x, t], [out]);
}

/**
 * Keras activation functions (keras.activations) in ONNX opset 17. Single ops where ONNX has
 * one; compositions where it has not (GELU and Mish only arrive in opsets 20 and 18).
 */
export function emitActivation(ctx: LowerContext, name: string, x: string, out: string): void {
  switch (name) {
    case 'linear':
      return ctx.op('Identity', [x], [out]);
    case 'relu':
      return ctx.op('Relu', [x], [out]);
    case 'relu6':
      return ctx.op('Clip', [x, scalar(ctx, 'relu6_min', 0), scalar(ctx, 'relu6_max', 6)], [out]);
    case 'hard_tanh':
      return ctx.op('Clip', [x, scalar(ctx, 'hard_tanh_min', -1), scalar(ctx, 'hard_tanh_max', 1)], [out]);
    case 'sigmoid':
      return ctx.op('Sigmoid', [x], [out]);
    case 'hard_sigmoid':
      // tf.keras 2: clip(0.2·x + 0.5, 0, 1), ONNX HardSigmoid's defaults.
      return ctx.op('HardSigmoid', [x], [out], [attrFloat('alpha', 0.2), attrFloat('beta', 0.5)]);
    case 'tanh':
      return ctx.op('Tanh', [x], [out]);
    case 'elu':
      return ctx.op('Elu', [x], [out], [attrFloat('alpha', 1)]);
    case 'selu':
      return ctx.op('Selu', [x], [out]);
    case 'celu':
      return ctx.op('Celu', [x], [out], [attrFloat('alpha', 1)]);
    case 'softplus':
      return ctx.op('Softplus', [x], [out]);
    case 'softsign':
      return ctx.op('Softsign', [x], [out]);
    case 'exponential':
      return ctx.op('Exp', [x], [out]);
    case 'leaky_relu':
      // keras.activations.leaky_relu's default negative_slope.
      return ctx.op('LeakyRelu', [x], [out], [attrFloat('alpha', 0.2)]);
    case 'softmax':
      return ctx.op('Softmax', [x], [out], [attrInt('axis', -1)]);
    case 'log_softmax':
      return ctx.op('LogSoftmax', [x], [out], [attrInt('axis', -1)]);
    case 'swish':
    case 'silu':
      return gated(ctx, x, out, 'Sigmoid');
    case 'hard_swish':
    case 'hard_silu':
      return ctx.op('HardSwish', [x], [out]);
    case 'log_sigmoid': {
      const t = ctx.tmp('sigmoid');
      ctx.op('Sigmoid', [x], [t]);
      return ctx.op('Log', [t], [out]);
    }
    case 'tanh_shrink': {
      const t = ctx.tmp('tanh');
      ctx.op('Tanh', [x], [t]);
      return ctx.op('Sub', [x, t], [out]);
    }
    case 'mish': {
      // x·tanh(softplus(x)).
      const sp = ctx.tmp('softplus');
      const t = ctx.tmp('tanh');
      ctx.op('Softplus', [x], [sp]);
      ctx.op('Tanh', [sp], [t]);
      return ctx.op('Mul', [x, t], [out]);
    }
    case 'gelu': {
      // Keras' default gelu is the exact one: 0.5·x·(1 + erf(x/√2)).
      const a = ctx.tmp('scaled');
      const e = ctx.tmp('erf');
      const p = ctx.tmp('plus1');
      const h = ctx.tmp('half');
      ctx.op('Mul', [x, scalar(ctx, 'inv_sqrt2', Math.SQRT1_2)], [a]);
      ctx.op('Erf', [a], [e]);
      ctx.op('Add', [e, scalar(ctx, 'one', 1)], [p]);
      ctx.op('Mul', [x, scalar(ctx, 'half', 0.5)], [h]);
      return ctx.op('Mul', [h, p], [out]);
    }
    case 'squareplus': {
      // (x + √(x² + b))/2 with Keras' default b = 4.
      const sq = ctx.tmp('squared');
      const sb = ctx.tmp('plus_b');
      const rt = ctx.tmp('root');
      const sum = ctx.tmp('sum');
      ctx.op('Mul', [x, x], [sq]);
      ctx.op('Add', [sq, scalar(ctx, 'b', 4)], [sb]);
      ctx.op('Sqrt', [sb], [rt]);
      ctx.op('Add', [x, rt], [sum]);
      return ctx.op('Mul', [sum, scalar(ctx, 'half', 0.5)], [out]);
    }
    case 'sparse_plus': {
      // 0 for x ≤ −1, (x + 1)²/4 in between, x for x ≥ 1: ((clip(x, −1, 1) + 1)²/4) + relu(x − 1).
      const c = ctx.tmp('clipped');
      const c1 = ctx.tmp('plus1');
      const q = ctx.tmp('squared');
      const qq = ctx.tmp('quarter');
      const xm = ctx.tmp('minus1');
      const r = ctx.tmp('excess');
      ctx.op('Clip', [x, scalar(ctx, 'lo', -1), scalar(ctx, 'hi', 1)], [c]);
      ctx.op('Add', [c, scalar(ctx, 'one', 1)], [c1]);
      ctx.op('Mul', [c1, c1], [q]);
      ctx.op('Mul', [q, scalar(ctx, 'quarter', 0.25)], [qq]);
      ctx.op('Sub', [x, scalar(ctx, 'one_sub', 1)], [xm]);
      ctx.op('Relu', [xm], [r]);
      return ctx.op('Add', [qq, r], [out]);
    }
    default:
      throw new LoweringRefused(`activation "${name}" has no ONNX lowering`);
  }
}

/** The layer's main op writes a tensor; its `activation` config (if not linear) follows into the top. */
export function withActivation(ctx: LowerContext, emit: (out: string) => void, key = 'activation'): void {
  const act = activationName(ctx.attrs, key);
  if (act === 'linear') {
    emit(ctx.outputs[0]!);
    return;
  }
  const t = ctx.tmp('pre_activation');
  emit(t);
  emitActivation(ctx, act, t, ctx.outputs[0]!);
}
