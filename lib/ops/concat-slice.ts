import type { Shape } from '../ir';
import type { OpContext, OpDefinition, OpEval } from './types';
import { axisOrError, fmtShape, unknownOutputs } from './op-helpers';

/**
 * The axis of Concat/Slice: the legacy `<legacy>` field (concat_dim, slice_dim: a plain index)
 * or `axis` (may be negative). Caffe rejects both at once.
 */
function legacyAxis(ctx: OpContext, block: string, legacy: string, rank: number): number | undefined {
  const p = ctx.attrs.msg(block);
  if (p.has('axis') && p.has(legacy)) {
    ctx.error(`either axis or ${legacy} may be given, not both`, `${block}.${legacy}`);
    return undefined;
  }
  if (p.has(legacy)) {
    const d = p.num(legacy, 1);
    if (!Number.isInteger(d) || d < 0 || d >= rank) {
      ctx.error(`${legacy} ${d} is out of range for a ${rank}-D input`, `${block}.${legacy}`);
      return undefined;
    }
    return d;
  }
  return axisOrError(ctx, p.num('axis', 1), rank, `${block}.axis`);
}

/** Spatial axes are untouched when joining or splitting along an axis before them (NCHW: 0 or 1). */
function rfFor(axis: number, rank: number): OpEval['rf'] {
  return axis < 2 || rank < 3 ? 'identity' : undefined;
}

export const concatOp: OpDefinition = {
  type: 'Concat',
  category: 'concat',
  doc: 'Joins bottoms along one axis (channels by default).',
  formula: 'out[axis] = Σ in_i[axis], other dims equal; FLOPs = 0',
  arity: [1, Infinity],
  paramBlock: 'concat_param',
  evaluate(ctx) {
    const first = ctx.inputs[0];
    if (!first || ctx.inputs.some((s) => !s)) return unknownOutputs(ctx);
    const axis = legacyAxis(ctx, 'concat_param', 'concat_dim', first.length);
    if (axis === undefined) return unknownOutputs(ctx);
    const field = ctx.attrs.msg('concat_param').has('concat_dim') ? 'concat_param.concat_dim' : 'concat_param.axis';
    const out = [...first];
    // concat_layer.cpp Reshape: same #axes, same dims except at concat_axis.
    for (let i = 1; i < ctx.inputs.length; i++) {
      const s = ctx.inputs[i]!;
      const mismatch = s.length !== first.length || s.some((d, j) => j !== axis && d !== first[j]);
      if (mismatch) {
        ctx.error(
          `Concat along axis ${axis} needs the other dims equal: bottom 0 (${ctx.node.bottoms[0]}) is ${fmtShape(first)} but bottom ${i} (${ctx.node.bottoms[i]}) is ${fmtShape(s)}`,
          field,
        );
        return unknownOutputs(ctx);
      }
      out[axis] = out[axis]! + s[axis]!;
    }
    return { outputs: [out], flops: 0, rf: rfFor(axis, first.length) };
  },
};

export const sliceOp: OpDefinition = {
  type: 'Slice',
  category: 'concat',
  doc: 'Splits a bottom along one axis at slice points (or into equal parts).',
  formula: 'top_i[axis] = point_i − point_{i−1} (equal parts without slice_point); FLOPs = 0',
  arity: [1, 1],
  paramBlock: 'slice_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const axis = legacyAxis(ctx, 'slice_param', 'slice_dim', input.length);
    if (axis === undefined) return unknownOutputs(ctx);
    const points = ctx.attrs.msg('slice_param').nums('slice_point');
    const tops = ctx.node.tops.length;
    const dim = input[axis]!;
    const sizes: number[] = [];
    // slice_layer.cpp Reshape.
    if (points.length > 0) {
      if (points.length !== tops - 1) {
        ctx.error(
          `${points.length} slice_point(s) need ${points.length + 1} tops, got ${tops}`,
          'slice_param.slice_point',
        );
        return unknownOutputs(ctx);
      }
      let prev = 0;
      for (const p of points) {
        if (!(p > prev)) {
          ctx.error(
            `slice_point values must be strictly increasing and > 0: ${points.join(', ')} (${p} after ${prev})`,
            'slice_param.slice_point',
          );
          return unknownOutputs(ctx);
        }
        sizes.push(p - prev);
        prev = p;
      }
      if (prev >= dim) {
        ctx.error(
          `slice_point ${prev} is outside axis ${axis} of size ${dim} (input ${fmtShape(input)})`,
          'slice_param.slice_point',
        );
        return unknownOutputs(ctx);
      }
      sizes.push(dim - prev);
    } else {
      if (tops === 0 || dim % tops !== 0) {
        ctx.error(`${tops} tops do not evenly divide axis ${axis} of size ${dim} (input ${fmtShape(input)})`);
        return unknownOutputs(ctx);
      }
      for (let i = 0; i < tops; i++) sizes.push(dim / tops);
    }
    const outputs: Shape[] = sizes.map((s) => input.map((d, j) => (j === axis ? s : d)));
    return { outputs, flops: 0, rf: rfFor(axis, input.length) };
  },
};

export const splitOp: OpDefinition = {
  type: 'Split',
  category: 'concat',
  doc: 'Copies one bottom to several tops (shares data in Caffe).',
  formula: 'every top = bottom; FLOPs = 0',
  arity: [1, 1],
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    return { outputs: ctx.node.tops.map(() => input), flops: 0, rf: 'identity' };
  },
};
