import type { Shape } from '../ir';
import type { OpDefinition } from './types';
import { blobShapeList } from './data';
import { fmtShape, unknownOutputs } from './op-helpers';
import { numel } from './util';

export const silenceOp: OpDefinition = {
  type: 'Silence',
  category: 'other',
  doc: 'Consumes blobs so they are not reported as outputs; produces nothing.',
  formula: 'no tops; FLOPs = 0',
  arity: [1, Infinity],
  evaluate: () => ({ outputs: [], flops: 0 }),
};

export const hdf5OutputOp: OpDefinition = {
  type: 'HDF5Output',
  category: 'other',
  doc: 'Writes its bottoms (data, label) to an HDF5 file; produces nothing.',
  formula: 'no tops; FLOPs = 0',
  arity: [2, 2],
  paramBlock: 'hdf5_output_param',
  evaluate: () => ({ outputs: [], flops: 0 }),
};

export const parameterOp: OpDefinition = {
  type: 'Parameter',
  category: 'input',
  doc: 'Exposes a learned blob of a declared shape as a top.',
  formula: 'top = shape (no batch axis: the blob is a weight); params = ∏ shape; FLOPs = 0',
  arity: [0, 0],
  paramBlock: 'parameter_param',
  evaluate(ctx) {
    // parameter_layer.hpp: blobs_[0] has parameter_param.shape; the top shares it.
    const shape = blobShapeList(ctx.attrs.msg('parameter_param'), 'shape')[0];
    if (!shape) {
      ctx.error('parameter_param.shape must be given', 'parameter_param.shape');
      return unknownOutputs(ctx);
    }
    return { outputs: [shape], params: numel(shape), flops: 0 };
  },
};

export const filterOp: OpDefinition = {
  type: 'Filter',
  category: 'other',
  doc: 'Keeps the items of each bottom whose selector (last bottom) is non-zero; N shrinks at run time.',
  formula: 'top_i = bottom_i with N′ ≤ N selected items (shown as the upper bound N); FLOPs = 0',
  arity: [2, Infinity],
  evaluate(ctx) {
    const selector = ctx.inputs[ctx.inputs.length - 1];
    const data = ctx.inputs.slice(0, -1);
    if (ctx.node.tops.length !== data.length) {
      ctx.error(
        `Filter needs one top per filtered bottom: ${data.length} bottoms before the selector, ${ctx.node.tops.length} tops`,
      );
      return unknownOutputs(ctx);
    }
    if (!selector) return unknownOutputs(ctx);
    // filter_layer.cpp Reshape: the selector is N×1 or N, and every bottom has the same N.
    if (selector.length > 2 || (selector.length === 2 && selector[1] !== 1)) {
      ctx.error(`the selector must be N or N×1, got ${fmtShape(selector)}`);
      return unknownOutputs(ctx);
    }
    const outputs: (Shape | null)[] = [];
    for (const [i, s] of data.entries()) {
      if (s && s[0] !== selector[0]) {
        ctx.error(`bottom ${i} ${fmtShape(s)} and the selector ${fmtShape(selector)} differ in N`);
        return unknownOutputs(ctx);
      }
      outputs.push(s ?? null);
    }
    return { outputs, flops: 0 };
  },
};

export const batchReindexOp: OpDefinition = {
  type: 'BatchReindex',
  category: 'shape',
  doc: 'Gathers items of bottom 0 along N by the indices in bottom 1.',
  formula: 'out = [len(indices)] + in[1:]; FLOPs = 0',
  arity: [2, 2],
  evaluate(ctx) {
    const [data, indices] = ctx.inputs;
    if (!data || !indices) return unknownOutputs(ctx);
    // batch_reindex_layer.cpp: CHECK_EQ(1, bottom[1]->num_axes()).
    if (indices.length !== 1) {
      ctx.error(`the index bottom must be 1-D, got ${fmtShape(indices)}`);
      return unknownOutputs(ctx);
    }
    return { outputs: [[indices[0]!, ...data.slice(1)]], flops: 0 };
  },
};

/** Every layer of this file. */
export const MISC_OPS: readonly OpDefinition[] = [silenceOp, hdf5OutputOp, parameterOp, filterOp, batchReindexOp];
