import type { OpDefinition, OpEval, RFAxisStep } from './types';
import { axisName, channelLayout, product, readConvSpatial, readOutputsAndGroup } from './conv-params';
import { deconvOutDim, effectiveKernel, withChannels } from './util';

const BLOCK = 'convolution_param';

/**
 * Receptive-field step of a transposed convolution, in bottom pixels: output o reads bottom
 * positions (o + p − t)/s for taps t < k, so its window spans (k−1)/s bottom pixels, the
 * output jump is 1/s, and its centre sits at (o + p − (k−1)/2)/s. Expressed in the
 * (kernel, stride, pad) form the analysis uses: k' = (k−1)/s + 1, s' = 1/s, p' = (k − 1 − p)/s.
 */
function deconvRF(kernel: number, stride: number, pad: number): RFAxisStep {
  return { kernel: (kernel - 1) / stride + 1, stride: 1 / stride, pad: (kernel - 1 - pad) / stride };
}

/**
 * Caffe Deconvolution (BVLC src/caffe/layers/deconv_layer.cpp compute_output_shape:
 * out = stride·(in − 1) + (d·(k−1)+1) − 2·pad). base_conv_layer.cpp swaps the roles of the
 * channel counts (reverse_dimensions): conv_out_channels_ = C_in, conv_in_channels_ = num_output,
 * so the weight blob is C_in × (C_out/g) × ∏k and the bias has num_output values. Every input
 * element scatters one kernel: MACs = N·C_in·∏in·(C_out/g)·∏k.
 */
export const deconvolution: OpDefinition = {
  type: 'Deconvolution',
  category: 'deconv',
  doc: 'Transposed convolution (the gradient of a convolution): grows feature maps by stride.',
  formula:
    'out = stride·(in − 1) + dilation·(k−1) + 1 − 2·pad; params = C_in·(C_out/group)·∏k (+ C_out bias); MACs = N·C_in·∏in·(C_out/group)·∏k',
  arity: [1, Infinity],
  paramBlock: BLOCK,
  evaluate(ctx): OpEval {
    const unknown: OpEval = { outputs: ctx.node.tops.map(() => null) };
    const x = ctx.inputs[0];
    if (!x) return unknown;
    const p = ctx.attrs.msg(BLOCK);
    const lay = channelLayout(ctx, x, BLOCK);
    if (!lay) return unknown;
    const cIn = lay.channels;
    const og = readOutputsAndGroup(ctx, BLOCK, cIn, 'Deconvolution');
    if (!og) return unknown;
    const { cOut, group } = og;
    const nSpatial = lay.spatial.length;
    const sp = readConvSpatial(ctx, BLOCK, nSpatial);
    if (!sp) return unknown;
    const out: number[] = [];
    for (let i = 0; i < nSpatial; i++) {
      const o = deconvOutDim(lay.spatial[i]!, sp.kernel[i]!, sp.stride[i]!, sp.pad[i]!, sp.dilation[i]);
      if (o <= 0) {
        ctx.error(
          `output size ${o} on axis ${axisName(i, nSpatial)} is not positive (stride·(in−1) + kernel − 2·pad with pad ${sp.pad[i]})`,
          `${BLOCK}.pad`,
        );
        return unknown;
      }
      out.push(o);
    }
    const pairs = Math.max(1, ctx.inputs.length);
    const bias = p.bool('bias_term', true);
    const kProd = product(sp.kernel);
    const weights = cIn * (cOut / group) * kProd;
    const macs = pairs * lay.outer * cIn * product(lay.spatial) * (cOut / group) * kProd;
    const biasAdds = bias ? pairs * lay.outer * cOut * product(out) : 0;
    const shape = withChannels(x, lay.axis, cOut, out);
    return {
      outputs: ctx.node.tops.map(() => shape),
      params: weights + (bias ? cOut : 0),
      macs,
      flops: 2 * macs + biasAdds,
      ...(lay.axis === 1
        ? { rf: sp.kernel.map((k, i) => deconvRF(effectiveKernel(k, sp.dilation[i]), sp.stride[i]!, sp.pad[i]!)) }
        : {}),
      // Caffe runs a deconvolution as GEMM (Wᵀ·x: M = (C_out/g)·∏k, K = C_in/g, N = ∏in) then col2im.
      algorithms: {
        geometry: {
          cIn,
          cOut,
          group,
          kernel: sp.kernel,
          stride: sp.stride,
          dilation: sp.dilation,
          pad: sp.pad,
          inSpatial: lay.spatial,
          outSpatial: out,
        },
        directMacs: macs / (pairs * lay.outer),
        gemm: { m: (cOut / group) * kProd, k: cIn / group, n: product(lay.spatial), groups: group },
        im2colBufferElements: cOut * kProd * product(lay.spatial),
        im2colBufferBytes: cOut * kProd * product(lay.spatial) * 4,
        im2colInputRatio: (cOut * kProd) / cIn,
      },
    };
  },
};
