import type { OpDefinition } from './types';
import { axisOrError, countRange, fmtShape, unknownOutputs } from './op-helpers';
import { numel } from './util';

export const softmaxOp: OpDefinition = {
  type: 'Softmax',
  category: 'activation',
  doc: 'Softmax over one axis (channels by default).',
  formula: 'y_i = exp(x_i) / Σ_j exp(x_j) along axis; FLOPs = 3 per element (exp, sum, divide)',
  arity: [1, 1],
  paramBlock: 'softmax_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const axis = axisOrError(ctx, ctx.attrs.msg('softmax_param').num('axis', 1), input.length, 'softmax_param.axis');
    if (axis === undefined) return unknownOutputs(ctx);
    // Over channels each position is independent; over a spatial axis a position sees the whole axis.
    return { outputs: [input], flops: 3 * numel(input), ...(axis < 2 ? { rf: 'identity' as const } : {}) };
  },
};

export const argMaxOp: OpDefinition = {
  type: 'ArgMax',
  category: 'other',
  doc: 'Indices (and optionally values) of the top_k maxima, per image or along an axis.',
  formula: 'with axis: out[axis] = top_k; else N×(1 or 2)×top_k(×1…); FLOPs = 1 compare per input element',
  arity: [1, 1],
  paramBlock: 'argmax_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const p = ctx.attrs.msg('argmax_param');
    const topK = p.num('top_k', 1);
    const outMaxVal = p.bool('out_max_val', false);
    if (!Number.isInteger(topK) || topK < 1) {
      ctx.error(`top_k must be ≥ 1, got ${topK}`, 'argmax_param.top_k');
      return unknownOutputs(ctx);
    }
    const flops = numel(input);
    // argmax_layer.cpp: top_k ≤ the reduced extent; Reshape pads the top to at least 3 axes.
    if (p.has('axis')) {
      const axis = axisOrError(ctx, p.num('axis', 0), input.length, 'argmax_param.axis');
      if (axis === undefined) return unknownOutputs(ctx);
      if (topK > input[axis]!) {
        ctx.error(
          `top_k ${topK} exceeds axis ${axis} of size ${input[axis]} (input ${fmtShape(input)})`,
          'argmax_param.top_k',
        );
        return unknownOutputs(ctx);
      }
      const out = input.map((d, i) => (i === axis ? topK : d));
      return { outputs: [out], flops, ...(axis === 1 ? { rf: 'identity' as const } : {}) };
    }
    const perImage = countRange(input, 1);
    if (topK > perImage) {
      ctx.error(`top_k ${topK} exceeds the ${perImage} values per image of ${fmtShape(input)}`, 'argmax_param.top_k');
      return unknownOutputs(ctx);
    }
    const out = new Array<number>(Math.max(input.length, 3)).fill(1);
    out[0] = input[0]!;
    out[2] = topK;
    if (outMaxVal) out[1] = 2;
    return { outputs: [out], flops };
  },
};

// ReductionParameter.ReductionOp numbers start at 1 (SUM = 1 … MEAN = 4).
const REDUCTION_OPS = ['INVALID', 'SUM', 'ASUM', 'SUMSQ', 'MEAN'] as const;

export const reductionOp: OpDefinition = {
  type: 'Reduction',
  category: 'other',
  doc: 'Sums (|x|, x², mean) over all axes from `axis` on, scaled by coeff.',
  formula: 'out = dims[0, axis); FLOPs = 1 per input element (SUM, MEAN + 1 per output), 2 for ASUM/SUMSQ',
  arity: [1, 1],
  paramBlock: 'reduction_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const p = ctx.attrs.msg('reduction_param');
    const op = p.enumOf('operation', REDUCTION_OPS, 'SUM');
    if (op === 'INVALID') {
      ctx.error('operation must be SUM, ASUM, SUMSQ or MEAN', 'reduction_param.operation');
      return unknownOutputs(ctx);
    }
    // reduction_layer.cpp: axis defaults to 0 (reduce everything to a scalar); the top keeps
    // the dims before axis.
    const axis = input.length === 0 ? 0 : axisOrError(ctx, p.num('axis', 0), input.length, 'reduction_param.axis');
    if (axis === undefined) return unknownOutputs(ctx);
    const out = input.slice(0, axis);
    const n = numel(input);
    const flops = op === 'ASUM' || op === 'SUMSQ' ? 2 * n : op === 'MEAN' ? n + numel(out) : n;
    return { outputs: [out], flops };
  },
};
