import type { Shape } from '../ir';

/** Number of elements of a shape ([] is a scalar: 1). */
export function numel(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** Effective kernel extent with dilation: d·(k − 1) + 1. */
export function effectiveKernel(k: number, dilation = 1): number {
  return dilation * (k - 1) + 1;
}

/** Caffe convolution output size: floor((in + 2p − (d·(k−1)+1)) / s) + 1. */
export function convOutDim(input: number, kernel: number, stride: number, pad: number, dilation = 1): number {
  return Math.floor((input + 2 * pad - effectiveKernel(kernel, dilation)) / stride) + 1;
}

/** Caffe deconvolution output size: s·(in − 1) + d·(k−1) + 1 − 2p. */
export function deconvOutDim(input: number, kernel: number, stride: number, pad: number, dilation = 1): number {
  return stride * (input - 1) + effectiveKernel(kernel, dilation) - 2 * pad;
}

/**
 * Caffe pooling output size (pooling_layer.cpp): ceil((in + 2p − k) / s) + 1, then if p > 0 and
 * the last window would start in the padding ((out − 1)·s ≥ in + p), out − 1. With `ceil`
 * false (fork fields ceil_mode: false / round_mode: FLOOR) floor is used instead.
 */
export function poolOutDim(input: number, kernel: number, stride: number, pad: number, ceil = true): number {
  const span = input + 2 * pad - kernel;
  let out = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (pad > 0 && (out - 1) * stride >= input + pad) out -= 1;
  return out;
}

/** Resolves a possibly negative axis against a rank (Caffe CanonicalAxisIndex); undefined if out of range. */
export function canonicalAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : undefined;
}

/**
 * The shape `x[0 … axis−1], c, rest…` in an array of exactly that length. Output shapes are kept
 * in the result (per layer, per blob), and a spread literal (`[...x.slice(0, axis), c, ...rest]`)
 * reserves ~19 slots for a 4-D shape: on a 175,000-layer model that is tens of MB of empty slots
 * for the collector to copy. The common N, C, H, W case is a literal (packed elements).
 */
export function withChannels(x: Shape, axis: number, c: number, rest: readonly number[]): number[] {
  if (axis === 1 && rest.length === 2) return [x[0]!, c, rest[0]!, rest[1]!];
  const out = new Array<number>(axis + 1 + rest.length);
  for (let i = 0; i < axis; i++) out[i] = x[i]!;
  out[axis] = c;
  for (let i = 0; i < rest.length; i++) out[axis + 1 + i] = rest[i]!;
  return out;
}
