import type { OpDefinition, OpEval } from './types';
import { product } from './conv-params';
import { canonicalAxis, withChannels } from './util';
import { unknownOutputs } from './op-helpers';

const NO_DIMS: readonly number[] = [];

const BLOCK = 'inner_product_param';

/**
 * Caffe InnerProduct (BVLC src/caffe/layers/inner_product_layer.cpp Reshape): K = count of the
 * bottom from `axis` (default 1) on, M = count before `axis`; top shape = bottom dims before
 * `axis` + [num_output]. Weights num_output × K (K × num_output with `transpose`, same count),
 * bias num_output. MACs = M·K·num_output.
 */
export const innerProduct: OpDefinition = {
  type: 'InnerProduct',
  category: 'fc',
  doc: 'Fully connected layer: flattens the axes from `axis` on and multiplies by a num_output × K matrix.',
  formula:
    'K = ∏ bottom dims from axis; out = dims before axis + [num_output]; params = num_output·K (+ num_output); MACs = M·K·num_output',
  arity: [1, 1],
  paramBlock: BLOCK,
  evaluate(ctx): OpEval {
    const x = ctx.inputs[0];
    if (!x) return unknownOutputs(ctx);
    const p = ctx.attrs.msg(BLOCK);
    const n = p.numOpt('num_output');
    if (n === undefined || n <= 0 || !Number.isInteger(n)) {
      ctx.error(
        n === undefined
          ? 'num_output is missing (required for InnerProduct)'
          : `num_output ${n} must be a positive integer`,
        n === undefined ? BLOCK : `${BLOCK}.num_output`,
      );
      return unknownOutputs(ctx);
    }
    const rawAxis = p.num('axis', 1);
    const axis = canonicalAxis(rawAxis, x.length);
    if (axis === undefined) {
      ctx.error(`axis ${rawAxis} is out of range for a ${x.length}-D input (${x.join('×')})`, `${BLOCK}.axis`);
      return unknownOutputs(ctx);
    }
    const k = product(x.slice(axis));
    const m = product(x.slice(0, axis));
    const bias = p.bool('bias_term', true);
    const macs = m * k * n;
    return {
      outputs: [withChannels(x, axis, n, NO_DIMS)],
      params: n * k + (bias ? n : 0),
      macs,
      flops: 2 * macs + (bias ? m * n : 0),
    };
  },
};
