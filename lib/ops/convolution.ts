import type { OpContext, OpDefinition, OpEval } from './types';
import {
  axisName,
  channelLayout,
  type GeometryStyle,
  kernelField,
  product,
  readConvSpatial,
  sharedPair,
  readOutputsAndGroup,
  windowRF,
} from './conv-params';
import { convAlgorithms } from './util-algorithms';
import { sameForEach, unknownOutputs } from './op-helpers';
import { convOutDim, effectiveKernel, withChannels } from './util';

/** How a convolution dialect chooses its group and output channels. */
export type ConvDialect =
  /** BVLC Convolution: `group` (default 1), `num_output` required. */
  | 'standard'
  /**
   * Depthwise dialects: group = C_in. `num_output` defaults to C_in; a multiple m·C_in is a
   * channel multiplier m (what BVLC Convolution with group = C_in computes).
   */
  | 'depthwise';

export interface ConvOptions {
  readonly dialect: ConvDialect;
  readonly style: GeometryStyle;
  readonly block?: string;
}

const BLOCK = 'convolution_param';

/**
 * Caffe convolution semantics (BVLC src/caffe/layers/base_conv_layer.cpp LayerSetUp/Reshape and
 * conv_layer.cpp compute_output_shape): output = floor((in + 2p − (d·(k−1)+1)) / s) + 1 per
 * spatial axis; weights C_out × (C_in/g) × ∏k, bias C_out; MACs = outer·C_out·∏out·(C_in/g)·∏k.
 */
export function evaluateConvolution(ctx: OpContext, opts: ConvOptions): OpEval {
  const block = opts.block ?? BLOCK;
  const x = ctx.inputs[0];
  if (!x) return unknownOutputs(ctx);
  const p = ctx.attrs.msg(block);

  const lay = channelLayout(ctx, x, block);
  if (!lay) return unknownOutputs(ctx);
  // Several bottoms share the weights, one top each; base_conv_layer.cpp requires equal shapes.
  for (let i = 1; i < ctx.inputs.length; i++) {
    const other = ctx.inputs[i];
    if (other && (other.length !== x.length || other.some((d, j) => d !== x[j]))) {
      ctx.error(`all bottoms must have the same shape: ${x.join('×')} vs ${other.join('×')}`);
      return unknownOutputs(ctx);
    }
  }
  const pairs = Math.max(1, ctx.inputs.length);
  const nSpatial = lay.spatial.length;
  const cIn = lay.channels;

  let group: number;
  let cOut: number;
  if (opts.dialect === 'depthwise') {
    group = cIn;
    cOut = p.num('num_output', cIn);
    if (!Number.isInteger(cOut) || cOut <= 0 || cOut % cIn !== 0) {
      ctx.error(
        `num_output ${cOut} must be a positive multiple of the ${cIn} input channels (a depthwise convolution has group = channels; num_output/channels is the channel multiplier)`,
        `${block}.num_output`,
      );
      return unknownOutputs(ctx);
    }
    if (ctx.node.type === 'ConvolutionDepthwise' && cOut !== cIn) {
      // farmingyard/caffe-mobilenet conv_dw_layer.cpp sizes its top with bottom channels and ignores num_output.
      ctx.warn(
        `num_output ${cOut} differs from the ${cIn} input channels: analysed as channel multiplier ${cOut / cIn}, but the original ConvolutionDepthwise layer ignores num_output and outputs ${cIn} channels`,
        `${block}.num_output`,
      );
    }
  } else {
    const og = readOutputsAndGroup(ctx, block, cIn, 'Convolution');
    if (!og) return unknownOutputs(ctx);
    ({ cOut, group } = og);
  }

  const sp = readConvSpatial(ctx, block, nSpatial, opts.style);
  if (!sp) return unknownOutputs(ctx);

  // Exactly nSpatial slots (kept in the result's geometry; see repeat in conv-params).
  const out = new Array<number>(nSpatial);
  for (let i = 0; i < nSpatial; i++) {
    const inDim = lay.spatial[i]!;
    const k = sp.kernel[i]!;
    const ek = effectiveKernel(k, sp.dilation[i]);
    const padded = inDim + 2 * sp.pad[i]!;
    const name = axisName(i, nSpatial);
    if (ek > padded) {
      const dil = sp.dilation[i] !== 1 ? ` (${k} dilated by ${sp.dilation[i]})` : '';
      ctx.error(
        `kernel ${ek}${dil} is larger than the padded input ${padded} (${inDim} + 2·${sp.pad[i]}) on axis ${name}`,
        kernelField(ctx, block, opts.style),
      );
      return unknownOutputs(ctx);
    }
    const o = convOutDim(inDim, k, sp.stride[i]!, sp.pad[i]!, sp.dilation[i]);
    if (o <= 0) {
      ctx.error(`output size ${o} on axis ${name} is not positive`, kernelField(ctx, block, opts.style));
      return unknownOutputs(ctx);
    }
    out[i] = o;
  }
  // Kept in the result's geometry: the common 2-D sizes are shared arrays (see sharedPair).
  const outSpatial = nSpatial === 2 ? sharedPair(out[0]!, out[1]!) : out;

  const bias = p.bool('bias_term', true);
  const kProd = product(sp.kernel);
  const outProd = product(out);
  const perGroupIn = cIn / group;
  const weights = cOut * perGroupIn * kProd;
  const macs = pairs * lay.outer * cOut * outProd * perGroupIn * kProd;
  const biasAdds = bias ? pairs * lay.outer * cOut * outProd : 0;
  const shape = withChannels(x, lay.axis, cOut, out);
  // Receptive field only when the spatial axes are the layout's (channel axis 1). Given as
  // undefined otherwise rather than spread in: a spread sends every convolution's result through
  // the engine's generic object copy (readers treat an undefined rf as absent).
  return {
    outputs: sameForEach(ctx.node.tops.length, shape),
    params: weights + (bias ? cOut : 0),
    macs,
    flops: 2 * macs + biasAdds,
    rf: lay.axis === 1 ? windowRF(sp) : undefined,
    algorithms: convAlgorithms({
      cIn,
      cOut,
      group,
      kernel: sp.kernel,
      stride: sp.stride,
      dilation: sp.dilation,
      pad: sp.pad,
      inSpatial: lay.spatial,
      outSpatial,
    }),
  };
}

const FORMULA =
  'out = floor((in + 2·pad − (dilation·(k−1)+1)) / stride) + 1 per spatial axis; params = C_out·(C_in/group)·∏k (+ C_out bias); MACs = N·C_out·∏out·(C_in/group)·∏k; FLOPs = 2·MACs + bias adds';

/** The dialects' options, made once (not one object per layer). */
const STANDARD: ConvOptions = { dialect: 'standard', style: 'caffe' };
const DEPTHWISE: ConvOptions = { dialect: 'depthwise', style: 'caffe' };

/** Caffe Convolution: N-D, grouped, dilated (BVLC conv_layer.cpp). */
export const convolution: OpDefinition = {
  type: 'Convolution',
  category: 'conv',
  doc: 'Convolution: slides C_out filters of size (C_in/group)×k over every spatial axis after `axis`.',
  formula: FORMULA,
  arity: [1, Infinity],
  paramBlock: BLOCK,
  evaluate: (ctx) => evaluateConvolution(ctx, STANDARD),
};

/**
 * ConvolutionDepthwise (farmingyard/caffe-mobilenet, used by ShuffleNet/MobileNet ports):
 * one k×k filter per input channel; conv_dw_layer.cpp sizes weights C × 1 × k_h × k_w.
 */
export const convolutionDepthwise: OpDefinition = {
  type: 'ConvolutionDepthwise',
  category: 'conv',
  doc: 'Depthwise convolution (caffe-mobilenet dialect): group = input channels, one filter per channel.',
  formula: `group = C_in; C_out = num_output (default C_in, multiple of C_in); ${FORMULA}`,
  arity: [1, Infinity],
  paramBlock: BLOCK,
  evaluate: (ctx) => evaluateConvolution(ctx, DEPTHWISE),
};

/** DepthwiseConvolution (yonghenglh6/DepthwiseConvolution): same semantics, different type name. */
export const depthwiseConvolution: OpDefinition = {
  ...convolutionDepthwise,
  type: 'DepthwiseConvolution',
  doc: 'Depthwise convolution (DepthwiseConvolution dialect): group = input channels, one filter per channel.',
};
