import { fmtShape } from '../op-helpers';
import type { OpDefinition } from '../types';
import { numel } from '../util';
import { fusedActivationFlops, positiveInt, unknown } from './common';

/**
 * Keras Dense applies to the last axis only (a 4-D input stays 4-D, like a 1×1 convolution):
 * out = in[:-1] + [units]; weights C_in·units (+ units bias); MACs = (elements / C_in)·C_in·units.
 */
export const KERAS_DENSE: OpDefinition = {
  type: 'Dense',
  dialect: 'keras',
  category: 'fc',
  doc: 'Keras fully connected layer on the last axis',
  formula: 'out = in[:-1] × units; params = C_in·units (+ units); MACs = ∏in·units',
  arity: [1, 1],
  fields: ['units', 'activation', 'use_bias'],
  evaluate(ctx) {
    const x = ctx.inputs[0];
    if (!x) return unknown(ctx);
    const units = positiveInt(ctx, 'units');
    if (units === undefined) return unknown(ctx);
    if (x.length < 2) {
      ctx.error(`expects an input of rank ≥ 2 (batch, …, features), got ${fmtShape(x)}`);
      return unknown(ctx);
    }
    const cin = x[x.length - 1]!;
    const out = [...x.slice(0, -1), units];
    const bias = ctx.attrs.bool('use_bias', true) ? units : 0;
    const macs = numel(x) * units;
    const outElems = numel(out);
    return {
      outputs: ctx.node.tops.map(() => out),
      params: cin * units + bias,
      macs,
      flops: 2 * macs + (bias ? outElems : 0) + fusedActivationFlops(ctx) * outElems,
      // On a feature map Dense acts per position, like a 1×1 convolution.
      ...(x.length >= 3 ? { rf: 'identity' as const } : {}),
    };
  },
};

/** Keras Embedding: a lookup table input_dim × output_dim; no arithmetic. */
export const KERAS_EMBEDDING: OpDefinition = {
  type: 'Embedding',
  dialect: 'keras',
  category: 'fc',
  doc: 'Keras embedding lookup: integer ids → output_dim vectors',
  formula: 'out = in × output_dim; params = input_dim·output_dim; FLOPs 0 (a table lookup)',
  arity: [1, 1],
  fields: ['input_dim', 'output_dim', 'input_length', 'mask_zero'],
  evaluate(ctx) {
    const x = ctx.inputs[0];
    const inputDim = positiveInt(ctx, 'input_dim');
    const outputDim = positiveInt(ctx, 'output_dim');
    if (!x || inputDim === undefined || outputDim === undefined) return unknown(ctx);
    const out = [...x, outputDim];
    return { outputs: ctx.node.tops.map(() => out), params: inputDim * outputDim, flops: 0 };
  },
};
