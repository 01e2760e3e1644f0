import type { OpContext, OpDefinition, OpEval } from '../types';
import { convAlgorithms } from '../util-algorithms';
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
  windows,
} from './common';

/** Which Keras convolution family a definition computes. */
type ConvKind = 'conv' | 'depthwise' | 'separable';

const CONV_FIELDS = [
  'filters',
  'kernel_size',
  'strides',
  'padding',
  'data_format',
  'dilation_rate',
  'groups',
  'activation',
  'use_bias',
] as const;

/**
 * Keras Conv{1,2,3}D, DepthwiseConv{1,2}D and SeparableConv{1,2}D (keras/src/layers/convolutional):
 * TF window arithmetic (see `windowAxis`), channels_last unless `data_format` says otherwise.
 * conv: weights ∏k·(C_in/g)·filters (+ filters bias), MACs = N·∏out·filters·(C_in/g)·∏k.
 * depthwise: C_out = C_in·depth_multiplier, weights ∏k·C_in·dm (+ C_out bias), MACs = N·∏out·C_in·dm·∏k.
 * separable: depthwise then a 1×1 to `filters`: weights ∏k·C_in·dm + C_in·dm·filters (+ filters bias),
 * MACs = N·∏out·C_in·dm·(∏k + filters).
 */
function evaluateConv(ctx: OpContext, rank: number, kind: ConvKind): OpEval {
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  const s = splitSpatial(ctx, x, rank);
  const kernel = tuple(ctx, 'kernel_size', rank, null);
  const strides = tuple(ctx, 'strides', rank, Array(rank).fill(1));
  const dilation = tuple(ctx, 'dilation_rate', rank, Array(rank).fill(1));
  const padding = paddingMode(ctx, rank === 1 && kind === 'conv' ? ['valid', 'same', 'causal'] : ['valid', 'same']);
  if (!s || !kernel || !strides || !dilation || !padding) return unknown(ctx);
  if (strides.some((v) => v > 1) && dilation.some((v) => v > 1)) {
    ctx.error('strides > 1 cannot be combined with dilation_rate > 1 (Keras rejects this)', 'strides');
    return unknown(ctx);
  }
  const cin = s.channels;
  const groups = kind === 'conv' ? positiveInt(ctx, 'groups', 1) : 1;
  const filters = kind === 'depthwise' ? undefined : positiveInt(ctx, 'filters');
  const dm = kind === 'conv' ? 1 : positiveInt(ctx, 'depth_multiplier', 1);
  if (groups === undefined || dm === undefined || (kind !== 'depthwise' && filters === undefined)) return unknown(ctx);
  if (cin % groups !== 0) {
    ctx.error(`input channels ${cin} are not divisible by groups ${groups}`, 'groups');
    return unknown(ctx);
  }
  if (filters !== undefined && kind === 'conv' && filters % groups !== 0) {
    ctx.error(`filters ${filters} are not divisible by groups ${groups}`, 'groups');
    return unknown(ctx);
  }
  const win = windows(ctx, padding, s.spatial, kernel, strides, dilation);
  if (!win) return unknown(ctx);
  const outSpatial = win.map((w) => w.out);
  const cout = kind === 'depthwise' ? cin * dm : filters!;
  const out = joinSpatial(s, outSpatial, cout);
  const kProd = prod(kernel);
  const outPositions = s.batch * prod(outSpatial);
  const bias = ctx.attrs.bool('use_bias', true) ? cout : 0;
  let params: number;
  let macs: number;
  if (kind === 'conv') {
    params = kProd * (cin / groups) * cout;
    macs = outPositions * cout * (cin / groups) * kProd;
  } else if (kind === 'depthwise') {
    params = kProd * cin * dm;
    macs = outPositions * cin * dm * kProd;
  } else {
    params = kProd * cin * dm + cin * dm * cout;
    macs = outPositions * cin * dm * (kProd + cout);
  }
  const outElems = numel(out);
  // A separable conv is two convolutions: the single-conv algorithm view would misstate it.
  const algorithms =
    kind === 'separable'
      ? undefined
      : convAlgorithms({
          cIn: cin,
          cOut: cout,
          group: kind === 'depthwise' ? cin : groups,
          kernel,
          stride: strides,
          dilation,
          pad: win.map((w) => Math.ceil(w.padTotal / 2)),
          inSpatial: s.spatial,
          outSpatial,
        });
  return {
    outputs: ctx.node.tops.map(() => out),
    params: params + bias,
    macs,
    flops: 2 * macs + (bias ? outElems : 0) + fusedActivationFlops(ctx) * outElems,
    rf: win.map((w, i) => ({
      kernel: effectiveKernel(kernel[i]!, dilation[i]!),
      stride: strides[i]!,
      pad: w.padBefore,
    })),
    ...(algorithms ? { algorithms } : {}),
  };
}

function convDef(
  type: string,
  aliases: string[],
  rank: number,
  kind: ConvKind,
  doc: string,
  formula: string,
): OpDefinition {
  return {
    type,
    aliases,
    dialect: 'keras',
    category: 'conv',
    doc,
    formula,
    arity: [1, 1],
    fields: kind === 'conv' ? CONV_FIELDS : [...CONV_FIELDS.filter((f) => f !== 'groups'), 'depth_multiplier'],
    evaluate: (ctx) => evaluateConv(ctx, rank, kind),
  };
}

const CONV_FORMULA =
  'valid: out = ⌊(in − k_eff)/s⌋ + 1; same: out = ⌈in/s⌉, pad = max((out−1)·s + k_eff − in, 0) split floor/ceil; ' +
  'params = ∏k·(C_in/g)·filters (+ filters); MACs = N·∏out·filters·(C_in/g)·∏k';
const DW_FORMULA = 'C_out = C_in·depth_multiplier; params = ∏k·C_in·dm (+ C_out); MACs = N·∏out·C_in·dm·∏k';
const SEP_FORMULA =
  'depthwise ∏k·C_in·dm then pointwise C_in·dm·filters; MACs = N·∏out·C_in·dm·(∏k + filters); params = ∏k·C_in·dm + C_in·dm·filters (+ filters)';

/** Keras convolution layers. */
export const KERAS_CONV_OPS: readonly OpDefinition[] = [
  convDef('Conv1D', ['Convolution1D'], 1, 'conv', 'Keras 1-D convolution (steps × channels)', CONV_FORMULA),
  convDef('Conv2D', ['Convolution2D'], 2, 'conv', 'Keras 2-D convolution (NHWC unless channels_first)', CONV_FORMULA),
  convDef('Conv3D', ['Convolution3D'], 3, 'conv', 'Keras 3-D convolution (depth × rows × cols)', CONV_FORMULA),
  convDef('DepthwiseConv1D', [], 1, 'depthwise', 'Keras 1-D depthwise convolution', DW_FORMULA),
  convDef(
    'DepthwiseConv2D',
    [],
    2,
    'depthwise',
    'Keras depthwise convolution: one k×k filter per input channel (× depth_multiplier)',
    DW_FORMULA,
  ),
  convDef(
    'SeparableConv1D',
    ['SeparableConvolution1D'],
    1,
    'separable',
    'Keras 1-D depthwise-separable convolution',
    SEP_FORMULA,
  ),
  convDef(
    'SeparableConv2D',
    ['SeparableConvolution2D'],
    2,
    'separable',
    'Keras depthwise-separable convolution: depthwise k×k, then pointwise 1×1',
    SEP_FORMULA,
  ),
];
