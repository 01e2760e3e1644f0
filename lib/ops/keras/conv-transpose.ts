import type { OpContext, OpDefinition, OpEval } from '../types';
import { effectiveKernel, numel } from '../util';
import {
  fusedActivationFlops,
  joinSpatial,
  paddingMode,
  positiveInt,
  prod,
  splitSpatial,
  tuple,
  unknown,
} from './common';

/**
 * Keras `deconv_output_length` (keras/src/utils/conv_utils / tf.keras utils.conv_utils), with
 * k the dilated kernel d·(k−1)+1. Without output_padding: valid → in·s + max(k − s, 0),
 * same → in·s. With output_padding op: (in − 1)·s + k − 2·pad + op, pad = ⌊k/2⌋ (same) or 0 (valid).
 */
export function transposedOutDim(
  input: number,
  kernel: number,
  stride: number,
  padding: string,
  outputPadding: number | undefined,
  dilation = 1,
): number {
  const k = effectiveKernel(kernel, dilation);
  if (outputPadding === undefined) {
    return padding === 'same' ? input * stride : input * stride + Math.max(k - stride, 0);
  }
  const pad = padding === 'same' ? Math.floor(k / 2) : 0;
  return (input - 1) * stride + k - 2 * pad + outputPadding;
}

/**
 * Conv{1,2,3}DTranspose: weights ∏k·filters·C_in (+ filters bias); every input element scatters a
 * kernel into the output, so MACs = N·∏in·C_in·filters·∏k (counting.md, Deconvolution).
 */
function evaluateTransposed(ctx: OpContext, rank: number): OpEval {
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  const s = splitSpatial(ctx, x, rank);
  const kernel = tuple(ctx, 'kernel_size', rank, null);
  const strides = tuple(ctx, 'strides', rank, Array(rank).fill(1));
  const dilation = tuple(ctx, 'dilation_rate', rank, Array(rank).fill(1));
  const padding = paddingMode(ctx, ['valid', 'same']);
  const filters = positiveInt(ctx, 'filters');
  const hasOp = ctx.attrs.has('output_padding');
  const outputPadding = hasOp ? tuple(ctx, 'output_padding', rank, null, 0) : undefined;
  if (!s || !kernel || !strides || !dilation || !padding || filters === undefined || (hasOp && !outputPadding)) {
    return unknown(ctx);
  }
  if (outputPadding) {
    const bad = outputPadding.findIndex((p, i) => p >= strides[i]!);
    if (bad >= 0) {
      ctx.error(
        `output_padding ${outputPadding[bad]} must be smaller than the stride ${strides[bad]} (axis ${bad + 1})`,
        'output_padding',
      );
      return unknown(ctx);
    }
  }
  const outSpatial = s.spatial.map((d, i) =>
    transposedOutDim(d, kernel[i]!, strides[i]!, padding, outputPadding?.[i], dilation[i]!),
  );
  const badAxis = outSpatial.findIndex((d) => d <= 0);
  if (badAxis >= 0) {
    ctx.error(`output size ${outSpatial[badAxis]} along spatial axis ${badAxis + 1} is not positive`, 'kernel_size');
    return unknown(ctx);
  }
  const out = joinSpatial(s, outSpatial, filters);
  const kProd = prod(kernel);
  const bias = ctx.attrs.bool('use_bias', true) ? filters : 0;
  const macs = s.batch * prod(s.spatial) * s.channels * filters * kProd;
  const outElems = numel(out);
  return {
    outputs: ctx.node.tops.map(() => out),
    params: kProd * filters * s.channels + bias,
    macs,
    flops: 2 * macs + (bias ? outElems : 0) + fusedActivationFlops(ctx) * outElems,
  };
}

const FORMULA =
  'valid: out = in·s + max(k_eff − s, 0); same: out = in·s; with output_padding: (in−1)·s + k_eff − 2·pad + op; ' +
  'params = ∏k·filters·C_in (+ filters); MACs = N·∏in·C_in·filters·∏k';

function def(type: string, aliases: string[], rank: number, doc: string): OpDefinition {
  return {
    type,
    aliases,
    dialect: 'keras',
    category: 'deconv',
    doc,
    formula: FORMULA,
    arity: [1, 1],
    fields: [
      'filters',
      'kernel_size',
      'strides',
      'padding',
      'output_padding',
      'data_format',
      'dilation_rate',
      'activation',
      'use_bias',
    ],
    evaluate: (ctx) => evaluateTransposed(ctx, rank),
  };
}

/** Keras transposed convolutions. */
export const KERAS_CONV_TRANSPOSE_OPS: readonly OpDefinition[] = [
  def('Conv1DTranspose', ['Convolution1DTranspose'], 1, 'Keras 1-D transposed convolution'),
  def(
    'Conv2DTranspose',
    ['Convolution2DTranspose', 'Deconvolution2D', 'Deconv2D'],
    2,
    'Keras 2-D transposed convolution (grows feature maps)',
  ),
  def(
    'Conv3DTranspose',
    ['Convolution3DTranspose', 'Deconvolution3D', 'Deconv3D'],
    3,
    'Keras 3-D transposed convolution',
  ),
];
