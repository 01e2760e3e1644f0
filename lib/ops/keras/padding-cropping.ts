import type { AttrValue } from '../../ir';
import type { OpContext, OpDefinition, OpEval } from '../types';
import { joinSpatial, splitSpatial, unknown } from './common';

function isInt(v: AttrValue | undefined, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/**
 * Keras padding/cropping amounts as (before, after) per spatial axis. Accepted forms: an int
 * (every side); for 1-D a pair (left, right); for 2-/3-D one int per axis (symmetric) or one
 * pair per axis (`((top, bottom), (left, right))`).
 */
export function sidePairs(ctx: OpContext, key: string, n: number, fallback: number): [number, number][] | undefined {
  const raw = ctx.attrs.raw(key) ?? fallback;
  const bad = () => {
    ctx.error(
      `${key} ${JSON.stringify(raw)} must be an int, ${n === 1 ? 'a pair (before, after)' : `${n} ints or ${n} pairs`}`,
      key,
    );
    return undefined;
  };
  if (isInt(raw, 0)) return Array.from({ length: n }, () => [raw, raw]);
  if (!Array.isArray(raw)) return bad();
  if (n === 1 && raw.length === 2 && isInt(raw[0], 0) && isInt(raw[1], 0)) return [[raw[0], raw[1]]];
  if (raw.length !== n) return bad();
  const out: [number, number][] = [];
  for (const item of raw) {
    if (isInt(item, 0)) out.push([item, item]);
    else if (Array.isArray(item) && item.length === 2 && isInt(item[0], 0) && isInt(item[1], 0))
      out.push([item[0], item[1]]);
    else return bad();
  }
  return out;
}

function evaluateBorder(ctx: OpContext, rank: number, sign: 1 | -1): OpEval {
  const key = sign > 0 ? 'padding' : 'cropping';
  const x = ctx.inputs[0];
  if (!x) return unknown(ctx);
  const s = splitSpatial(ctx, x, rank);
  const pairs = sidePairs(ctx, key, rank, sign > 0 ? 1 : 0);
  if (!s || !pairs) return unknown(ctx);
  const outSpatial = s.spatial.map((d, i) => d + sign * (pairs[i]![0] + pairs[i]![1]));
  const bad = outSpatial.findIndex((d) => d <= 0);
  if (bad >= 0) {
    ctx.error(
      `cropping ${pairs[bad]![0]}+${pairs[bad]![1]} removes all of spatial axis ${bad + 1} (size ${s.spatial[bad]})`,
      key,
    );
    return unknown(ctx);
  }
  const out = joinSpatial(s, outSpatial, s.channels);
  return {
    outputs: ctx.node.tops.map(() => out),
    flops: 0,
    // Padding shifts the first position before the input; cropping moves it inside.
    rf: pairs.map(([before]) => ({ kernel: 1, stride: 1, pad: sign * before })),
  };
}

function border(type: string, rank: number, sign: 1 | -1): OpDefinition {
  return {
    type,
    dialect: 'keras',
    category: 'shape',
    doc: sign > 0 ? `Keras zero padding of ${rank} spatial axes` : `Keras cropping of ${rank} spatial axes`,
    formula: sign > 0 ? 'out = in + before + after per axis; FLOPs 0' : 'out = in − before − after per axis; FLOPs 0',
    arity: [1, 1],
    fields: [sign > 0 ? 'padding' : 'cropping', 'data_format'],
    evaluate: (ctx) => evaluateBorder(ctx, rank, sign),
  };
}

/** Keras ZeroPadding and Cropping layers. */
export const KERAS_BORDER_OPS: readonly OpDefinition[] = [
  border('ZeroPadding1D', 1, 1),
  border('ZeroPadding2D', 2, 1),
  border('ZeroPadding3D', 3, 1),
  border('Cropping1D', 1, -1),
  border('Cropping2D', 2, -1),
  border('Cropping3D', 3, -1),
];
