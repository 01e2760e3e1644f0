import { attrFloat } from '../onnx/attrs';
import type { LowerContext, Lowerer } from './types';

const unary =
  (opType: string): Lowerer =>
  (ctx) =>
    ctx.op(opType, [ctx.inputs[0]!], [ctx.outputs[0]!]);

/** ReLU, or LeakyRelu when `negative_slope` ≠ 0. */
export const relu: Lowerer = (ctx) => {
  const slope = ctx.attrs.msg('relu_param').num('negative_slope', 0);
  if (slope === 0) ctx.op('Relu', [ctx.inputs[0]!], [ctx.outputs[0]!]);
  else ctx.op('LeakyRelu', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrFloat('alpha', slope)]);
};

/** Clip between two scalar constants (opset ≥ 11 takes min/max as inputs). */
function clip(ctx: LowerContext, lo: number, hi: number): void {
  ctx.op('Clip', [ctx.inputs[0]!, ctx.floats('min', [lo], []), ctx.floats('max', [hi], [])], [ctx.outputs[0]!]);
}

export const relu6: Lowerer = (ctx) => clip(ctx, 0, 6);

/** Caffe Clip layer (clip_param min/max). */
export const clipLayer: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('clip_param');
  clip(ctx, p.num('min', -3.4e38), p.num('max', 3.4e38));
};

/** PReLU: one slope per channel broadcast over the spatial axes, or one shared slope. */
export const prelu: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const shared = ctx.attrs.msg('prelu_param').bool('channel_shared', false);
  const dims = shared ? [1] : [x[1] ?? 1, ...Array<number>(Math.max(0, x.length - 2)).fill(1)];
  ctx.op('PRelu', [ctx.inputs[0]!, ctx.weight('slope', dims, 'small')], [ctx.outputs[0]!]);
};

export const elu: Lowerer = (ctx) =>
  ctx.op('Elu', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrFloat('alpha', ctx.attrs.msg('elu_param').num('alpha', 1))]);

export const sigmoid = unary('Sigmoid');
export const tanh = unary('Tanh');
export const abs = unary('Abs');
export const softplus = unary('Softplus');
export const identity = unary('Identity');

/** y = (shift + scale·x): emits Mul/Add only where they are not identities; returns the tensor. */
function affine(ctx: LowerContext, x: string, scale: number, shift: number): string {
  let t = x;
  if (scale !== 1) {
    const o = ctx.tmp('scaled');
    ctx.op('Mul', [t, ctx.floats('scale', [scale], [])], [o]);
    t = o;
  }
  if (shift !== 0) {
    const o = ctx.tmp('shifted');
    ctx.op('Add', [t, ctx.floats('shift', [shift], [])], [o]);
    t = o;
  }
  return t;
}

/** Caffe Power: y = (shift + scale·x)^power. */
export const power: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('power_param');
  const t = affine(ctx, ctx.inputs[0]!, p.num('scale', 1), p.num('shift', 0));
  ctx.op('Pow', [t, ctx.floats('power', [p.num('power', 1)], [])], [ctx.outputs[0]!]);
};

/** Caffe Exp: y = base^(shift + scale·x) = e^(ln(base)·(shift + scale·x)); base −1 means e. */
export const exp: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('exp_param');
  const base = p.num('base', -1);
  const ln = base === -1 ? 1 : Math.log(base);
  const t = affine(ctx, ctx.inputs[0]!, ln * p.num('scale', 1), ln * p.num('shift', 0));
  ctx.op('Exp', [t], [ctx.outputs[0]!]);
};

/** Caffe Log: y = log_base(shift + scale·x) = ln(shift + scale·x) / ln(base). */
export const log: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('log_param');
  const base = p.num('base', -1);
  const t = affine(ctx, ctx.inputs[0]!, p.num('scale', 1), p.num('shift', 0));
  if (base === -1) {
    ctx.op('Log', [t], [ctx.outputs[0]!]);
    return;
  }
  const l = ctx.tmp('ln');
  ctx.op('Log', [t], [l]);
  ctx.op('Mul', [l, ctx.floats('inv_ln_base', [1 / Math.log(base)], [])], [ctx.outputs[0]!]);
};

/** Swish: x·sigmoid(β·x). */
export const swish: Lowerer = (ctx) => {
  const beta = ctx.attrs.msg('swish_param').num('beta', 1);
  const t = affine(ctx, ctx.inputs[0]!, beta, 0);
  const s = ctx.tmp('sigmoid');
  ctx.op('Sigmoid', [t], [s]);
  ctx.op('Mul', [ctx.inputs[0]!, s], [ctx.outputs[0]!]);
};
