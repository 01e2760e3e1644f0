import type { OpDefinition } from '../types';
import { KERAS_SHARED_ATTR } from './common';
import { KERAS_ACTIVATION_OPS } from './activations';
import { KERAS_ATTENTION_OPS } from './attention';
import { KERAS_CONV_OPS } from './conv';
import { KERAS_CONV_TRANSPOSE_OPS } from './conv-transpose';
import { KERAS_DENSE, KERAS_EMBEDDING } from './dense';
import { KERAS_INPUT_LAYER } from './input-layer';
import { KERAS_MERGE_OPS } from './merge';
import { KERAS_MISC_OPS } from './misc';
import { KERAS_BATCH_NORM, KERAS_LAYER_NORM, KERAS_NORMALIZATION, KERAS_RESCALING } from './normalization';
import { KERAS_BORDER_OPS } from './padding-cropping';
import { KERAS_POOLING_OPS } from './pooling';
import { KERAS_RECURRENT_OPS } from './recurrent';
import { KERAS_REGULARIZATION_OPS } from './regularization';
import { KERAS_RESHAPING_OPS } from './reshaping';
import { KERAS_BIDIRECTIONAL, timeDistributedOp } from './wrappers';

const BASE: readonly OpDefinition[] = [
  KERAS_INPUT_LAYER,
  ...KERAS_CONV_OPS,
  ...KERAS_CONV_TRANSPOSE_OPS,
  KERAS_DENSE,
  KERAS_EMBEDDING,
  ...KERAS_POOLING_OPS,
  KERAS_BATCH_NORM,
  KERAS_LAYER_NORM,
  KERAS_NORMALIZATION,
  KERAS_RESCALING,
  ...KERAS_ACTIVATION_OPS,
  ...KERAS_REGULARIZATION_OPS,
  ...KERAS_BORDER_OPS,
  ...KERAS_RESHAPING_OPS,
  ...KERAS_MERGE_OPS,
  ...KERAS_RECURRENT_OPS,
  KERAS_BIDIRECTIONAL,
  ...KERAS_ATTENTION_OPS,
  ...KERAS_MISC_OPS,
];

/** A later call of a shared layer computes again but owns no weights (see KERAS_SHARED_ATTR). */
function weightsCountedOnce(op: OpDefinition): OpDefinition {
  return {
    ...op,
    evaluate(ctx) {
      const r = op.evaluate(ctx);
      return ctx.attrs.has(KERAS_SHARED_ATTR) ? { ...r, params: 0, buffers: 0 } : r;
    },
  };
}

const BY_NAME = new Map<string, OpDefinition>();
for (const op of BASE) for (const name of [op.type, ...(op.aliases ?? [])]) BY_NAME.set(name, op);

/** Every Keras / TF.js layer definition (dialect 'keras'), listed in lib/ops/registry.ts. */
export const KERAS_OPS: readonly OpDefinition[] = [...BASE, timeDistributedOp((type) => BY_NAME.get(type))].map(
  weightsCountedOnce,
);
