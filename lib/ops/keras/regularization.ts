import type { OpDefinition } from '../types';
import { unknown } from './common';

/** A layer that is the identity at inference (Dropout and noise layers): 0 FLOPs. */
function identity(type: string, doc: string, fields: readonly string[], aliases: readonly string[] = []): OpDefinition {
  return {
    type,
    aliases,
    dialect: 'keras',
    category: 'other',
    doc,
    formula: 'identity at inference: FLOPs 0',
    arity: [1, 1],
    fields,
    evaluate(ctx) {
      const x = ctx.inputs[0];
      if (!x) return unknown(ctx);
      return { outputs: ctx.node.tops.map(() => x), flops: 0, rf: 'identity' };
    },
  };
}

/** Keras regularisation layers, all inactive at inference. */
export const KERAS_REGULARIZATION_OPS: readonly OpDefinition[] = [
  identity('Dropout', 'Keras dropout (inactive at inference)', ['rate', 'noise_shape', 'seed']),
  identity('SpatialDropout1D', 'Keras spatial dropout of whole channels (inactive at inference)', ['rate']),
  identity('SpatialDropout2D', 'Keras spatial dropout of whole channels (inactive at inference)', [
    'rate',
    'data_format',
  ]),
  identity('SpatialDropout3D', 'Keras spatial dropout of whole channels (inactive at inference)', [
    'rate',
    'data_format',
  ]),
  identity('GaussianNoise', 'Keras additive Gaussian noise (inactive at inference)', ['stddev']),
  identity('GaussianDropout', 'Keras multiplicative Gaussian noise (inactive at inference)', ['rate']),
  identity('AlphaDropout', 'Keras alpha dropout for SELU nets (inactive at inference)', ['rate']),
  identity('ActivityRegularization', 'Keras activity regulariser (adds a training loss only)', ['l1', 'l2']),
];
