import type { AttrValue, Shape } from '../../ir';
import { fmtShape } from '../op-helpers';
import type { AttrReader, OpContext, OpEval } from '../types';
import { effectiveKernel } from '../util';

/**
 * Attribute the Keras reader adds to a later call of a shared layer (or to the layers of a
 * nested model called again): the name of the node whose weights it reuses. Such calls cost
 * MACs and FLOPs again but hold no weights of their own (Keras `count_params` counts them once).
 */
export const KERAS_SHARED_ATTR = '_shared_with';

/** Unknown outputs for every top. */
export function unknown(ctx: OpContext): OpEval {
  return { outputs: ctx.node.tops.map(() => null) };
}

/** Product of a list of dims (1 for an empty list). */
export function prod(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/** A Keras input split into batch, spatial axes and channels, wherever `data_format` puts them. */
export interface SpatialInput {
  readonly batch: number;
  readonly spatial: number[];
  readonly channels: number;
  readonly channelsFirst: boolean;
}

/** `data_format`: channels_last (Keras' default, NHWC) or channels_first; anything else is an error. */
export function channelsFirst(ctx: OpContext): boolean | undefined {
  const f = ctx.attrs.str('data_format', 'channels_last').toLowerCase();
  if (f === 'channels_last') return false;
  if (f === 'channels_first') return true;
  ctx.error(`data_format "${f}" is not channels_last or channels_first`, 'data_format');
  return undefined;
}

/** Splits an input of rank nSpatial + 2 per `data_format`; reports a rank mismatch. */
export function splitSpatial(ctx: OpContext, x: Shape, nSpatial: number): SpatialInput | undefined {
  const cf = channelsFirst(ctx);
  if (cf === undefined) return undefined;
  if (x.length !== nSpatial + 2) {
    const axes = ['steps', 'rows, cols', 'depth, rows, cols'][nSpatial - 1] ?? `${nSpatial} spatial axes`;
    ctx.error(
      `expects a ${nSpatial + 2}-D input (batch, ${cf ? `channels, ${axes}` : `${axes}, channels`}), got ${fmtShape(x)}`,
    );
    return undefined;
  }
  return cf
    ? { batch: x[0]!, spatial: x.slice(2), channels: x[1]!, channelsFirst: true }
    : { batch: x[0]!, spatial: x.slice(1, -1), channels: x[x.length - 1]!, channelsFirst: false };
}

/** Reassembles a shape from its parts in the same `data_format`. */
export function joinSpatial(
  s: Pick<SpatialInput, 'batch' | 'channelsFirst'>,
  spatial: readonly number[],
  channels: number,
): number[] {
  return s.channelsFirst ? [s.batch, channels, ...spatial] : [s.batch, ...spatial, channels];
}

/**
 * Reads an int-or-tuple field (`kernel_size`, `strides`, `pool_size`…) for n axes: an int (or a
 * one-element list) is repeated. Returns `fallback` when absent or null; reports bad values.
 */
export function tuple(
  ctx: OpContext,
  key: string,
  n: number,
  fallback: number[] | null,
  min = 1,
): number[] | undefined {
  const raw = ctx.attrs.raw(key);
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    if (fallback === null) ctx.error(`${key} is required`, key);
    return fallback ?? undefined;
  }
  const list: AttrValue[] = Array.isArray(raw) ? raw : [raw];
  const values = list.length === 1 ? Array.from({ length: n }, () => list[0]!) : list;
  if (values.length !== n || values.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < min)) {
    ctx.error(
      `${key} ${JSON.stringify(raw)} must be ${min > 0 ? 'a positive' : 'a non-negative'} integer or a list of ${n}`,
      key,
    );
    return undefined;
  }
  return values as number[];
}

/** A required positive integer field (`filters`, `units`…). */
export function positiveInt(ctx: OpContext, key: string, fallback?: number): number | undefined {
  const v = ctx.attrs.numOpt(key) ?? fallback;
  if (v === undefined) {
    ctx.error(`${key} is required`, key);
    return undefined;
  }
  if (!Number.isInteger(v) || v <= 0) {
    ctx.error(`${key} ${v} must be a positive integer`, key);
    return undefined;
  }
  return v;
}

/** One axis of a sliding window: output size and the padding added before the first position. */
export interface WindowAxis {
  readonly out: number;
  readonly padBefore: number;
  readonly padTotal: number;
}

/**
 * TensorFlow window arithmetic (tf.nn conv/pool, keras `conv_output_length`):
 * `valid`: out = floor((in − k_eff)/s) + 1, no padding;
 * `same`: out = ceil(in/s), total pad = max((out−1)·s + k_eff − in, 0), before = floor(total/2)
 * (the extra pixel goes after: asymmetric, unlike Caffe);
 * `causal` (Conv1D): k_eff − 1 zeros before, then `valid`.
 */
export function windowAxis(padding: string, input: number, kernel: number, stride: number, dilation = 1): WindowAxis {
  const k = effectiveKernel(kernel, dilation);
  if (padding === 'same') {
    const out = Math.ceil(input / stride);
    const padTotal = Math.max((out - 1) * stride + k - input, 0);
    return { out, padBefore: Math.floor(padTotal / 2), padTotal };
  }
  if (padding === 'causal') return { out: Math.floor((input - 1) / stride) + 1, padBefore: k - 1, padTotal: k - 1 };
  return { out: Math.floor((input - k) / stride) + 1, padBefore: 0, padTotal: 0 };
}

/** `padding` of a conv/pool layer, lower-cased and checked against the modes the layer supports. */
export function paddingMode(ctx: OpContext, allowed: readonly string[]): string | undefined {
  const p = ctx.attrs.str('padding', 'valid').toLowerCase();
  if (!allowed.includes(p)) {
    ctx.error(`padding "${p}" is not one of ${allowed.join(', ')}`, 'padding');
    return undefined;
  }
  return p;
}

/**
 * Window outputs for every spatial axis, with an error naming the axis when the window does
 * not fit (output ≤ 0).
 */
export function windows(
  ctx: OpContext,
  padding: string,
  spatial: readonly number[],
  kernel: readonly number[],
  stride: readonly number[],
  dilation?: readonly number[],
): WindowAxis[] | undefined {
  const out: WindowAxis[] = [];
  for (let i = 0; i < spatial.length; i++) {
    const w = windowAxis(padding, spatial[i]!, kernel[i]!, stride[i]!, dilation?.[i] ?? 1);
    if (w.out <= 0) {
      const k = effectiveKernel(kernel[i]!, dilation?.[i] ?? 1);
      ctx.error(
        `window ${k} (kernel ${kernel[i]}${(dilation?.[i] ?? 1) > 1 ? `, dilation ${dilation?.[i]}` : ''}) is larger than the input (${spatial[i]}) along spatial axis ${i + 1} with padding "${padding}"`,
        'kernel_size',
      );
      return undefined;
    }
    out.push(w);
  }
  return out;
}

/**
 * FLOPs per element of a Keras activation function (counting.md elementwise table):
 * linear 0, softmax/log_softmax 3 (exp, sum, divide), every other pointwise function 1.
 */
const ACTIVATION_FLOPS: Readonly<Record<string, number>> = {
  linear: 0,
  softmax: 3,
  log_softmax: 3,
  relu: 1,
  relu6: 1,
  sigmoid: 1,
  hard_sigmoid: 1,
  tanh: 1,
  elu: 1,
  selu: 1,
  celu: 1,
  swish: 1,
  silu: 1,
  hard_swish: 1,
  hard_silu: 1,
  gelu: 1,
  softplus: 1,
  softsign: 1,
  exponential: 1,
  leaky_relu: 1,
  mish: 1,
  sparse_plus: 1,
  squareplus: 1,
  log_sigmoid: 1,
  tanh_shrink: 1,
  hard_tanh: 1,
};

/** The activation name of a layer; Keras 3 may serialise it as `{class_name: "function", config: "relu"}`. */
export function activationName(attrs: AttrReader, key = 'activation', fallback = 'linear'): string {
  const raw = attrs.raw(key);
  if (raw !== undefined && typeof raw === 'object' && !Array.isArray(raw)) {
    const cfg = raw.config;
    if (typeof cfg === 'string') return cfg.toLowerCase();
    if (typeof raw.class_name === 'string') return raw.class_name.toLowerCase();
    return fallback;
  }
  return attrs.str(key, fallback).toLowerCase();
}

/** FLOPs per element of an activation; warns (and counts 1) for names it does not know. */
export function activationFlops(ctx: OpContext, name: string, field = 'activation'): number {
  const f = ACTIVATION_FLOPS[name];
  if (f !== undefined && Object.prototype.hasOwnProperty.call(ACTIVATION_FLOPS, name)) return f;
  ctx.warn(`activation "${name}" is not a known Keras activation; counted as 1 FLOP per element`, field);
  return 1;
}

/** FLOPs per output element of the `activation` fused into Conv/Dense layers. */
export function fusedActivationFlops(ctx: OpContext): number {
  return activationFlops(ctx, activationName(ctx.attrs));
}

/** Resolves an axis (negative from the end) against a rank; reports out-of-range axes. */
export function axisOf(ctx: OpContext, axis: number, rank: number, field: string): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) {
    ctx.error(`axis ${axis} is out of range for a ${rank}-D input`, field);
    return undefined;
  }
  return a;
}

/** An int-or-list `axis` field resolved against a rank (BatchNormalization, LayerNormalization…). */
export function axesOf(ctx: OpContext, rank: number, fallback: number): number[] | undefined {
  const raw = ctx.attrs.nums('axis');
  const list = raw.length > 0 ? raw : [fallback];
  const out: number[] = [];
  for (const a of list) {
    const r = axisOf(ctx, a, rank, 'axis');
    if (r === undefined) return undefined;
    out.push(r);
  }
  return out;
}
