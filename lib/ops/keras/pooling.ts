import type { OpContext, OpDefinition, OpEval } from '../types';
import { numel } from '../util';
import { joinSpatial, paddingMode, prod, splitSpatial, tuple, unknown, windows } from './common';

type PoolKind = 'max' | 'avg';

/** FLOPs per output element of a window of w values: max w − 1 compares; average w adds + 1 divide. */
function windowFlops(kind: PoolKind, w: number): number {
  return kind === 'max' ? w - 1 : w + 1;
}

/**
 * Max/AveragePooling{1,2,3}D: `strides` default to `pool_size`; TF window arithmetic (`valid`
 * floors, `same` is ⌈in/s⌉ with the extra pad after). Average pooling with `same` divides by
 * the in-bounds count only; the FLOP count uses the full window.
 */
function evaluatePool(ctx: OpContext, rank: number, kind: PoolKind): OpEval {
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  const s = splitSpatial(ctx, x, rank);
  const pool = tuple(ctx, 'pool_size', rank, Array(rank).fill(2));
  const strides = pool ? tuple(ctx, 'strides', rank, pool) : undefined;
  const padding = paddingMode(ctx, ['valid', 'same']);
  if (!s || !pool || !strides || !padding) return unknown(ctx);
  const win = windows(ctx, padding, s.spatial, pool, strides);
  if (!win) return unknown(ctx);
  const out = joinSpatial(
    s,
    win.map((w) => w.out),
    s.channels,
  );
  return {
    outputs: ctx.node.tops.map(() => out),
    flops: windowFlops(kind, prod(pool)) * numel(out),
    rf: win.map((w, i) => ({ kernel: pool[i]!, stride: strides[i]!, pad: w.padBefore })),
  };
}

/** Global{Average,Max}Pooling{1,2,3}D: one value per channel; `keepdims` keeps size-1 spatial axes. */
function evaluateGlobal(ctx: OpContext, rank: number, kind: PoolKind): OpEval {
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  const s = splitSpatial(ctx, x, rank);
  if (!s) return unknown(ctx);
  const keep = ctx.attrs.bool('keepdims', false);
  const out = keep
    ? joinSpatial(
        s,
        s.spatial.map(() => 1),
        s.channels,
      )
    : [s.batch, s.channels];
  return {
    outputs: ctx.node.tops.map(() => out),
    flops: windowFlops(kind, prod(s.spatial)) * numel(out),
    // The single window covers the whole map: the output sees every input position.
    rf: s.spatial.map((d) => ({ kernel: d, stride: 1, pad: 0 })),
  };
}

const POOL_FIELDS = ['pool_size', 'strides', 'padding', 'data_format'] as const;

function pool(type: string, aliases: string[], rank: number, kind: PoolKind): OpDefinition {
  return {
    type,
    aliases,
    dialect: 'keras',
    category: 'pool',
    doc: `Keras ${kind === 'max' ? 'max' : 'average'} pooling over ${rank} spatial axis${rank > 1 ? 'es' : ''}`,
    formula:
      'strides default to pool_size; valid: out = ⌊(in − k)/s⌋ + 1; same: out = ⌈in/s⌉; FLOPs per output: ' +
      (kind === 'max' ? '∏k − 1 compares' : '∏k adds + 1 divide'),
    arity: [1, 1],
    fields: POOL_FIELDS,
    evaluate: (ctx) => evaluatePool(ctx, rank, kind),
  };
}

function globalPool(type: string, aliases: string[], rank: number, kind: PoolKind): OpDefinition {
  return {
    type,
    aliases,
    dialect: 'keras',
    category: 'pool',
    doc: `Keras global ${kind === 'max' ? 'max' : 'average'} pooling: one value per channel`,
    formula: `out = N×C (keepdims: N×1…×C); FLOPs per output: ${kind === 'max' ? '∏spatial − 1' : '∏spatial + 1'}`,
    arity: [1, 1],
    fields: ['data_format', 'keepdims'],
    evaluate: (ctx) => evaluateGlobal(ctx, rank, kind),
  };
}

/** Keras pooling layers. */
export const KERAS_POOLING_OPS: readonly OpDefinition[] = [
  pool('MaxPooling1D', ['MaxPool1D'], 1, 'max'),
  pool('MaxPooling2D', ['MaxPool2D'], 2, 'max'),
  pool('MaxPooling3D', ['MaxPool3D'], 3, 'max'),
  pool('AveragePooling1D', ['AvgPool1D'], 1, 'avg'),
  pool('AveragePooling2D', ['AvgPool2D'], 2, 'avg'),
  pool('AveragePooling3D', ['AvgPool3D'], 3, 'avg'),
  globalPool('GlobalMaxPooling1D', ['GlobalMaxPool1D'], 1, 'max'),
  globalPool('GlobalMaxPooling2D', ['GlobalMaxPool2D'], 2, 'max'),
  globalPool('GlobalMaxPooling3D', ['GlobalMaxPool3D'], 3, 'max'),
  globalPool('GlobalAveragePooling1D', ['GlobalAvgPool1D'], 1, 'avg'),
  globalPool('GlobalAveragePooling2D', ['GlobalAvgPool2D'], 2, 'avg'),
  globalPool('GlobalAveragePooling3D', ['GlobalAvgPool3D'], 3, 'avg'),
];
