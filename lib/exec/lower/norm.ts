import { attrFloat, attrInt, attrInts } from '../onnx/attrs';
import type { LowerContext, Lowerer } from './types';

/** Shape [C, 1, …] that broadcasts a per-channel vector over an N×C×… tensor. */
function channelDims(rank: number, c: number): number[] {
  return [c, ...Array<number>(Math.max(0, rank - 2)).fill(1)];
}

/** Caffe BatchNorm at inference → BatchNormalization with γ = 1, β = 0 (Caffe's BN has no affine part). */
export const batchNorm: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const c = x[1] ?? 1;
  const eps = ctx.attrs.msg('batch_norm_param').num('eps', 1e-5);
  const inputs = [
    ctx.inputs[0]!,
    ctx.weight('scale', [c], 'ones'),
    ctx.weight('bias', [c], 'zeros'),
    ctx.weight('mean', [c], 'small'),
    ctx.weight('var', [c], 'positive'),
  ];
  ctx.op('BatchNormalization', inputs, [ctx.outputs[0]!], [attrFloat('epsilon', eps)]);
};

/**
 * Dims of a Scale/Bias operand covering axes [axis, axis + numAxes) of the input, followed by
 * ones so that ONNX's right-aligned broadcasting lines it up with those axes.
 */
function operandDims(x: readonly number[], axis: number, numAxes: number): number[] {
  const a = axis < 0 ? axis + x.length : axis;
  const n = numAxes < 0 ? x.length - a : numAxes;
  return [...x.slice(a, a + n), ...Array<number>(x.length - a - n).fill(1)];
}

/** Operand from a second bottom, reshaped to broadcast; or a learned weight. */
function operand(ctx: LowerContext, suffix: string, axis: number, numAxes: number, init: 'positive' | 'small'): string {
  const x = ctx.inShapes[0]!;
  if (ctx.inputs.length > 1) {
    const b = ctx.inShapes[1]!;
    const dims = [
      ...b,
      ...Array<number>(Math.max(0, x.length - (axis < 0 ? axis + x.length : axis) - b.length)).fill(1),
    ];
    const r = ctx.tmp(`${suffix}_bcast`);
    ctx.op('Reshape', [ctx.inputs[1]!, ctx.ints(`${suffix}_shape`, dims)], [r]);
    return r;
  }
  return ctx.weight(suffix, operandDims(x, axis, numAxes), init);
}

/** Caffe Scale → Mul (+ Add when bias_term); a second bottom supplies the scale. */
export const scale: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('scale_param');
  const axis = p.num('axis', 1);
  const numAxes = p.num('num_axes', 1);
  const g = operand(ctx, 'gamma', axis, numAxes, 'positive');
  if (!p.bool('bias_term', false)) {
    ctx.op('Mul', [ctx.inputs[0]!, g], [ctx.outputs[0]!]);
    return;
  }
  const t = ctx.tmp('scaled');
  ctx.op('Mul', [ctx.inputs[0]!, g], [t]);
  const bDims = operandDims(ctx.inShapes[0]!, axis, ctx.inputs.length > 1 ? ctx.inShapes[1]!.length : numAxes);
  ctx.op('Add', [t, ctx.weight('beta', bDims, 'small')], [ctx.outputs[0]!]);
};

/** Caffe Bias → Add. */
export const bias: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('bias_param');
  const b = operand(ctx, 'bias', p.num('axis', 1), p.num('num_axes', 1), 'small');
  ctx.op('Add', [ctx.inputs[0]!, b], [ctx.outputs[0]!]);
};

/**
 * LRN WITHIN_CHANNEL the way lrn_layer.cpp builds it: x² → AVE pooling (local_size², stride 1,
 * pad (size − 1)/2, so always ÷ size²) → (1 + α·avg)^−β → × x. ONNX LRN is across channels only.
 */
function lrnWithinChannel(ctx: LowerContext): void {
  const p = ctx.attrs.msg('lrn_param');
  const size = p.num('local_size', 5);
  const rank = ctx.inShapes[0]!.length;
  const spatial = rank - 2;
  const pad = Math.floor((size - 1) / 2);
  const sq = ctx.tmp('squared');
  const avg = ctx.tmp('window_mean');
  const scaled = ctx.tmp('scaled');
  const shifted = ctx.tmp('shifted');
  const factor = ctx.tmp('factor');
  const x = ctx.inputs[0]!;
  ctx.op('Mul', [x, x], [sq]);
  ctx.op(
    'AveragePool',
    [sq],
    [avg],
    [
      attrInts('kernel_shape', Array<number>(spatial).fill(size)),
      attrInts('pads', Array<number>(2 * spatial).fill(pad)),
      attrInt('count_include_pad', 1),
    ],
  );
  ctx.op('Mul', [avg, ctx.floats('alpha', [p.num('alpha', 1)], [])], [scaled]);
  ctx.op('Add', [scaled, ctx.floats('one', [1], [])], [shifted]);
  ctx.op('Pow', [shifted, ctx.floats('neg_beta', [-p.num('beta', 0.75)], [])], [factor]);
  ctx.op('Mul', [x, factor], [ctx.outputs[0]!]);
}

/** Caffe LRN across channels → ONNX LRN (both divide alpha by the window size). */
export const lrn: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('lrn_param');
  const region = p.enumOf('norm_region', ['ACROSS_CHANNELS', 'WITHIN_CHANNEL'] as const, 'ACROSS_CHANNELS');
  if (region === 'WITHIN_CHANNEL') {
    lrnWithinChannel(ctx);
    return;
  }
  ctx.op(
    'LRN',
    [ctx.inputs[0]!],
    [ctx.outputs[0]!],
    [
      attrInt('size', p.num('local_size', 5)),
      attrFloat('alpha', p.num('alpha', 1)),
      attrFloat('beta', p.num('beta', 0.75)),
      attrFloat('bias', p.num('k', 1)),
    ],
  );
};

/** SSD Normalize (per position across channels) → LpNormalization(axis 1) × learned scale. */
export const normalize: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('norm_param');
  const x = ctx.inShapes[0]!;
  const t = ctx.tmp('l2');
  if (p.bool('across_spatial', true)) {
    // normalize_layer.cpp: one norm per image, sqrt(Σ x² + eps) over C×H×W.
    const ss = ctx.tmp('sum_squares');
    const se = ctx.tmp('sum_eps');
    const norm = ctx.tmp('norm');
    const axes = Array.from({ length: x.length - 1 }, (_, i) => i + 1);
    ctx.op('ReduceSumSquare', [ctx.inputs[0]!], [ss], [attrInts('axes', axes), attrInt('keepdims', 1)]);
    ctx.op('Add', [ss, ctx.floats('eps', [p.num('eps', 1e-10)], [])], [se]);
    ctx.op('Sqrt', [se], [norm]);
    ctx.op('Div', [ctx.inputs[0]!, norm], [t]);
  } else {
    ctx.op('LpNormalization', [ctx.inputs[0]!], [t], [attrInt('axis', 1), attrInt('p', 2)]);
  }
  const dims = p.bool('channel_shared', true) ? [1] : channelDims(x.length, x[1] ?? 1);
  ctx.op('Mul', [t, ctx.weight('scale', dims, 'positive')], [ctx.outputs[0]!]);
};

/** Caffe Softmax over one axis → ONNX Softmax (opset ≥ 13 normalises over that single axis). */
export const softmax: Lowerer = (ctx) =>
  ctx.op(
    'Softmax',
    [ctx.inputs[0]!],
    [ctx.outputs[0]!],
    [attrInt('axis', ctx.attrs.msg('softmax_param').num('axis', 1))],
  );
