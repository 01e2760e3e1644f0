import type { OpDefinition } from './types';
import { evaluateConvolution } from './convolution';

/**
 * NdConvolution (video-caffe, used by its C3D example): Caffe convolution over every axis after
 * the channel axis, with the geometry given as BlobShape blocks `kernel_shape { dim: … }`,
 * `stride_shape`, `pad_shape` (one dim per spatial axis; stride 1 and pad 0 when absent).
 */
export const ndConvolution: OpDefinition = {
  type: 'NdConvolution',
  category: 'conv',
  doc: 'N-D convolution (video-caffe dialect): kernel_shape/stride_shape/pad_shape give one value per spatial axis.',
  formula:
    'out_i = floor((in_i + 2·pad_i − k_i) / stride_i) + 1; params = C_out·(C_in/group)·∏k (+ C_out); MACs = N·C_out·∏out·(C_in/group)·∏k',
  arity: [1, Infinity],
  paramBlock: 'convolution_param',
  // Files that spell the geometry the BVLC way (repeated kernel_size) are read that way.
  evaluate: (ctx) =>
    evaluateConvolution(ctx, {
      dialect: 'standard',
      style: ctx.attrs.msg('convolution_param').has('kernel_shape') ? 'nd' : 'caffe',
    }),
};
