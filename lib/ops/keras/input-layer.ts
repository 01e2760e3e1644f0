import type { OpDefinition } from '../types';

/** Keras InputLayer: declares a graph input (`batch_input_shape` in Keras 2, `batch_shape` in Keras 3). */
export const KERAS_INPUT_LAYER: OpDefinition = {
  type: 'InputLayer',
  dialect: 'keras',
  category: 'input',
  doc: 'Keras model input (the analysis batch replaces a None batch)',
  formula: 'out = declared shape; FLOPs 0',
  arity: [0, 0],
  fields: ['batch_input_shape', 'batch_shape', 'dtype', 'sparse'],
  evaluate(ctx) {
    // The reader registers the declared shape as a graph input and the analysis applies it (with
    // batch and --input overrides); this is only the fallback when nothing was declared.
    const dims = ctx.attrs.nums(ctx.attrs.has('batch_shape') ? 'batch_shape' : 'batch_input_shape');
    const ok = dims.length > 0 && dims.slice(1).every((d) => Number.isInteger(d) && d > 0);
    const shape = ok ? [ctx.batch, ...dims.slice(1)] : null;
    return { outputs: ctx.node.tops.map(() => shape), flops: 0, rf: 'identity' };
  },
};
