import type { OpDefinition } from '../types';
import { numel } from '../util';
import { axesOf, prod, unknown } from './common';

/**
 * Keras BatchNormalization over `axis` (default −1, the channels): γ when `scale`, β when
 * `center` are learned; moving mean and variance (2·C) are stored buffers, which Keras counts
 * as non-trainable parameters. Inference: 2 FLOPs per element (normalise with stored stats).
 */
export const KERAS_BATCH_NORM: OpDefinition = {
  type: 'BatchNormalization',
  aliases: ['BatchNormalizationV1', 'BatchNormalizationV2', 'SyncBatchNormalization'],
  dialect: 'keras',
  category: 'norm',
  doc: 'Keras batch normalisation (inference: stored moving mean/variance)',
  formula: 'params = C·scale + C·center; buffers = 2·C (moving mean, variance); FLOPs = 2 per element',
  arity: [1, 1],
  fields: ['axis', 'momentum', 'epsilon', 'center', 'scale'],
  evaluate(ctx) {
    const x = ctx.inputs[0];
    if (!x) return unknown(ctx);
    const axes = axesOf(ctx, x.length, -1);
    if (!axes) return unknown(ctx);
    const c = prod(axes.map((a) => x[a]!));
    const learned = (ctx.attrs.bool('scale', true) ? c : 0) + (ctx.attrs.bool('center', true) ? c : 0);
    return {
      outputs: ctx.node.tops.map(() => x),
      params: learned,
      buffers: 2 * c,
      flops: 2 * numel(x),
      rf: 'identity',
    };
  },
};

/**
 * Keras LayerNormalization over `axis` (default −1): γ and β of the normalised size. FLOPs per
 * element: mean (1) + variance (2) + normalise (2), +1 for γ, +1 for β.
 */
export const KERAS_LAYER_NORM: OpDefinition = {
  type: 'LayerNormalization',
  dialect: 'keras',
  category: 'norm',
  doc: 'Keras layer normalisation (statistics per sample over `axis`)',
  formula: 'params = C·scale + C·center (C = ∏ normalised dims); FLOPs = (5 + scale + center) per element',
  arity: [1, 1],
  fields: ['axis', 'epsilon', 'center', 'scale'],
  evaluate(ctx) {
    const x = ctx.inputs[0];
    if (!x) return unknown(ctx);
    const axes = axesOf(ctx, x.length, -1);
    if (!axes) return unknown(ctx);
    const c = prod(axes.map((a) => x[a]!));
    const scale = ctx.attrs.bool('scale', true);
    const center = ctx.attrs.bool('center', true);
    const perElement = 5 + (scale ? 1 : 0) + (center ? 1 : 0);
    return {
      outputs: ctx.node.tops.map(() => x),
      params: (scale ? c : 0) + (center ? c : 0),
      flops: perElement * numel(x),
      rf: 'identity',
    };
  },
};

/** Keras Rescaling: x·scale + offset (1 FLOP per element, 2 with a non-zero offset). */
export const KERAS_RESCALING: OpDefinition = {
  type: 'Rescaling',
  dialect: 'keras',
  category: 'elementwise',
  doc: 'Keras rescaling: x·scale + offset',
  formula: 'FLOPs = 1 per element (+1 when offset ≠ 0)',
  arity: [1, 1],
  fields: ['scale', 'offset'],
  evaluate(ctx) {
    const x = ctx.inputs[0];
    if (!x) return unknown(ctx);
    const perElement = 1 + (ctx.attrs.num('offset', 0) !== 0 ? 1 : 0);
    return { outputs: ctx.node.tops.map(() => x), flops: perElement * numel(x), rf: 'identity' };
  },
};

/**
 * Keras Normalization (preprocessing): (x − mean) / √variance with adapted statistics along
 * `axis` (default −1). Its weights mean, variance (C each) and count (1) are stored, not learned.
 */
export const KERAS_NORMALIZATION: OpDefinition = {
  type: 'Normalization',
  dialect: 'keras',
  category: 'norm',
  doc: 'Keras preprocessing normalisation with adapted mean and variance',
  formula: 'buffers = 2·C + 1 (mean, variance, count); FLOPs = 2 per element',
  arity: [1, 1],
  fields: ['axis', 'mean', 'variance'],
  evaluate(ctx) {
    const x = ctx.inputs[0];
    if (!x) return unknown(ctx);
    const axes = axesOf(ctx, x.length, -1);
    if (!axes) return unknown(ctx);
    const c = prod(axes.map((a) => x[a]!));
    return { outputs: ctx.node.tops.map(() => x), buffers: 2 * c + 1, flops: 2 * numel(x), rf: 'identity' };
  },
};
