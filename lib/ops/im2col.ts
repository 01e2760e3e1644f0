import type { OpDefinition, OpEval } from './types';
import { axisName, channelLayout, kernelField, product, readConvSpatial, windowRF } from './conv-params';
import { convOutDim, effectiveKernel, withChannels } from './util';

const BLOCK = 'convolution_param';

/**
 * Im2col (BVLC src/caffe/layers/im2col_layer.cpp Reshape): unfolds every receptive-field patch
 * into a column. Top = dims before the channel axis, C·∏k, then the convolution output size of
 * every spatial axis. A pure copy: no params, no arithmetic.
 */
export const im2col: OpDefinition = {
  type: 'Im2col',
  category: 'shape',
  doc: 'Unfolds each k-sized patch into a column (the first step of im2col + GEMM convolution).',
  formula: 'out = N × (C·∏k) × out spatial (convolution output size per axis); 0 FLOPs',
  arity: [1, 1],
  paramBlock: BLOCK,
  evaluate(ctx): OpEval {
    const unknown: OpEval = { outputs: ctx.node.tops.map(() => null) };
    const x = ctx.inputs[0];
    if (!x) return unknown;
    const lay = channelLayout(ctx, x, BLOCK);
    if (!lay) return unknown;
    const n = lay.spatial.length;
    const sp = readConvSpatial(ctx, BLOCK, n);
    if (!sp) return unknown;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const padded = lay.spatial[i]! + 2 * sp.pad[i]!;
      const ek = effectiveKernel(sp.kernel[i]!, sp.dilation[i]);
      if (ek > padded) {
        ctx.error(
          `kernel ${ek} is larger than the padded input ${padded} on axis ${axisName(i, n)}`,
          kernelField(ctx, BLOCK),
        );
        return unknown;
      }
      out.push(convOutDim(lay.spatial[i]!, sp.kernel[i]!, sp.stride[i]!, sp.pad[i]!, sp.dilation[i]));
    }
    const shape = withChannels(x, lay.axis, lay.channels * product(sp.kernel), out);
    return { outputs: [shape], flops: 0, ...(lay.axis === 1 ? { rf: windowRF(sp) } : {}) };
  },
};
