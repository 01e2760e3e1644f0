import { fmtShape } from '../op-helpers';
import type { OpContext, OpDefinition, OpEval } from '../types';
import { numel } from '../util';
import { joinSpatial, positiveInt, prod, splitSpatial, tuple, unknown } from './common';

/** Keras Reshape: `target_shape` excludes the batch axis; one −1 is inferred. */
function evaluateReshape(ctx: OpContext): OpEval {
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  const target = ctx.attrs.nums('target_shape');
  if (!ctx.attrs.has('target_shape')) {
    ctx.error('target_shape is required', 'target_shape');
    return unknown(ctx);
  }
  const per = numel(x.slice(1));
  const free = target.filter((d) => d === -1).length;
  if (free > 1 || target.some((d) => !Number.isInteger(d) || (d <= 0 && d !== -1))) {
    ctx.error(`target_shape [${target.join(', ')}] may hold positive sizes and at most one -1`, 'target_shape');
    return unknown(ctx);
  }
  const known = prod(target.filter((d) => d !== -1));
  let dims = target;
  if (free === 1) {
    if (per % known !== 0) {
      ctx.error(
        `cannot infer the -1 in target_shape [${target.join(', ')}]: ${per} values per sample are not divisible by ${known}`,
        'target_shape',
      );
      return unknown(ctx);
    }
    dims = target.map((d) => (d === -1 ? per / known : d));
  } else if (known !== per) {
    ctx.error(
      `cannot reshape ${fmtShape(x.slice(1))} (${per} values per sample) into [${target.join(', ')}] (${known})`,
      'target_shape',
    );
    return unknown(ctx);
  }
  const out = [x[0]!, ...dims];
  return { outputs: ctx.node.tops.map(() => out), flops: 0 };
}

/** Keras Permute: `dims` is a permutation of 1…rank−1 (the batch axis stays first). */
function evaluatePermute(ctx: OpContext): OpEval {
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  const dims = ctx.attrs.nums('dims');
  const sorted = [...dims].sort((a, b) => a - b);
  if (dims.length !== x.length - 1 || sorted.some((d, i) => d !== i + 1)) {
    ctx.error(`dims [${dims.join(', ')}] must be a permutation of 1…${x.length - 1} for input ${fmtShape(x)}`, 'dims');
    return unknown(ctx);
  }
  const out = [x[0]!, ...dims.map((d) => x[d]!)];
  return { outputs: ctx.node.tops.map(() => out), flops: 0 };
}

/** Interpolations Keras 3 UpSampling2D accepts (tf.keras 2 has nearest and bilinear). */
const INTERPOLATIONS = new Set(['nearest', 'bilinear', 'bicubic', 'lanczos3', 'lanczos5', 'area']);

/** Keras UpSampling{1,2,3}D: repeats rows/cols `size` times (nearest) or interpolates (bilinear, 2-D). */
function evaluateUpSampling(ctx: OpContext, rank: number): OpEval {
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  // UpSampling1D has no data_format field, so it reads as channels_last (batch, steps, features).
  const s = splitSpatial(ctx, x, rank);
  const size = tuple(ctx, 'size', rank, Array(rank).fill(2));
  if (!s || !size) return unknown(ctx);
  const interpolation = ctx.attrs.str('interpolation', 'nearest').toLowerCase();
  if (!INTERPOLATIONS.has(interpolation)) {
    ctx.error(`interpolation "${interpolation}" is not one of ${[...INTERPOLATIONS].join(', ')}`, 'interpolation');
    return unknown(ctx);
  }
  const out = joinSpatial(
    s,
    s.spatial.map((d, i) => d * size[i]!),
    s.channels,
  );
  // counting.md: interpolation 4 FLOPs per output element (bilinear; used for the other filters
  // too, as an estimate), nearest copies (0).
  return { outputs: ctx.node.tops.map(() => out), flops: interpolation === 'nearest' ? 0 : 4 * numel(out) };
}

/** Keras reshaping layers (no arithmetic). */
export const KERAS_RESHAPING_OPS: readonly OpDefinition[] = [
  {
    type: 'Reshape',
    dialect: 'keras',
    category: 'shape',
    doc: 'Keras reshape (target_shape excludes the batch axis)',
    formula: 'out = N × target_shape (one −1 inferred); FLOPs 0',
    arity: [1, 1],
    fields: ['target_shape'],
    evaluate: evaluateReshape,
  },
  {
    type: 'Flatten',
    dialect: 'keras',
    category: 'shape',
    doc: 'Keras flatten: every axis but the batch into one',
    formula: 'out = N × ∏in[1:]; FLOPs 0',
    arity: [1, 1],
    fields: ['data_format'],
    evaluate(ctx) {
      const x = ctx.inputs[0];
      if (!x) return unknown(ctx);
      const out = [x[0]!, numel(x.slice(1))];
      return { outputs: ctx.node.tops.map(() => out), flops: 0 };
    },
  },
  {
    type: 'Permute',
    dialect: 'keras',
    category: 'shape',
    doc: 'Keras permute of the non-batch axes (1-based dims)',
    formula: 'out[i] = in[dims[i]]; FLOPs 0',
    arity: [1, 1],
    fields: ['dims'],
    evaluate: evaluatePermute,
  },
  {
    type: 'RepeatVector',
    dialect: 'keras',
    category: 'shape',
    doc: 'Keras RepeatVector: N×F → N×n×F',
    formula: 'out = N × n × F; FLOPs 0',
    arity: [1, 1],
    fields: ['n'],
    evaluate(ctx) {
      const x = ctx.inputs[0];
      const n = positiveInt(ctx, 'n');
      if (!x || n === undefined) return unknown(ctx);
      if (x.length !== 2) {
        ctx.error(`expects a 2-D input (batch, features), got ${fmtShape(x)}`);
        return unknown(ctx);
      }
      const out = [x[0]!, n, x[1]!];
      return { outputs: ctx.node.tops.map(() => out), flops: 0 };
    },
  },
  ...[1, 2, 3].map((rank): OpDefinition => ({
    type: `UpSampling${rank}D`,
    dialect: 'keras',
    category: 'shape',
    doc: `Keras ${rank}-D upsampling by repetition${rank === 2 ? ' or bilinear interpolation' : ''}`,
    formula: 'out = in·size per axis; FLOPs: nearest 0, bilinear 4 per output element',
    arity: [1, 1],
    fields: rank === 2 ? ['size', 'data_format', 'interpolation'] : ['size', 'data_format'],
    evaluate: (ctx) => evaluateUpSampling(ctx, rank),
  })),
];
