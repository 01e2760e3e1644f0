import { fmtShape } from '../op-helpers';
import type { OpDefinition } from '../types';
import { numel } from '../util';
import { joinSpatial, positiveInt, splitSpatial, unknown } from './common';

/** Keras layers that are identities or near-identities at inference, and image preprocessing. */
export const KERAS_MISC_OPS: readonly OpDefinition[] = [
  {
    type: 'Identity',
    dialect: 'keras',
    category: 'other',
    doc: 'Keras identity layer',
    formula: 'out = in; FLOPs 0',
    arity: [1, 1],
    evaluate(ctx) {
      const x = ctx.inputs[0];
      return x ? { outputs: ctx.node.tops.map(() => x), flops: 0, rf: 'identity' } : unknown(ctx);
    },
  },
  {
    type: 'Masking',
    dialect: 'keras',
    category: 'other',
    doc: 'Keras masking of timesteps equal to mask_value',
    formula: 'out = in; FLOPs = 1 compare per element',
    arity: [1, 1],
    fields: ['mask_value'],
    evaluate(ctx) {
      const x = ctx.inputs[0];
      return x ? { outputs: ctx.node.tops.map(() => x), flops: numel(x), rf: 'identity' } : unknown(ctx);
    },
  },
  {
    type: 'Resizing',
    dialect: 'keras',
    category: 'shape',
    doc: 'Keras image resizing to height × width',
    formula: 'out = N × height × width × C; FLOPs: nearest 0, interpolating filters 4 per output element',
    arity: [1, 1],
    fields: ['height', 'width', 'interpolation', 'crop_to_aspect_ratio', 'data_format'],
    evaluate(ctx) {
      const x = ctx.inputs[0];
      const h = positiveInt(ctx, 'height');
      const w = positiveInt(ctx, 'width');
      if (!x || h === undefined || w === undefined) return unknown(ctx);
      const s = splitSpatial(ctx, x, 2);
      if (!s) return unknown(ctx);
      const out = joinSpatial(s, [h, w], s.channels);
      const nearest = ctx.attrs.str('interpolation', 'bilinear').toLowerCase() === 'nearest';
      return { outputs: ctx.node.tops.map(() => out), flops: nearest ? 0 : 4 * numel(out) };
    },
  },
  {
    type: 'CenterCrop',
    dialect: 'keras',
    category: 'shape',
    doc: 'Keras centre crop to height × width',
    formula: 'out = N × height × width × C; FLOPs 0',
    arity: [1, 1],
    fields: ['height', 'width', 'data_format'],
    evaluate(ctx) {
      const x = ctx.inputs[0];
      const h = positiveInt(ctx, 'height');
      const w = positiveInt(ctx, 'width');
      if (!x || h === undefined || w === undefined) return unknown(ctx);
      const s = splitSpatial(ctx, x, 2);
      if (!s) return unknown(ctx);
      if (h > s.spatial[0]! || w > s.spatial[1]!) {
        // Keras resizes up when the crop is larger than the image; the shape is the same either way.
        ctx.warn(`crop ${h}×${w} is larger than the input ${fmtShape(s.spatial)}: Keras resizes instead`);
      }
      const out = joinSpatial(s, [h, w], s.channels);
      return { outputs: ctx.node.tops.map(() => out), flops: 0 };
    },
  },
];
