import type { Shape } from '../../ir';
import { fmtShape } from '../op-helpers';
import type { OpContext, OpDefinition, OpEval } from '../types';
import { numel } from '../util';
import { axisOf, unknown } from './common';

/**
 * Output of an elementwise merge: Keras `_Merge` broadcasts size-1 axes
 * (`_compute_elemwise_op_output_shape`); any other mismatch is an error naming the input and axis.
 */
function broadcastShapes(ctx: OpContext, shapes: readonly Shape[]): Shape | undefined {
  const first = shapes[0]!;
  const out = [...first];
  for (let i = 1; i < shapes.length; i++) {
    const s = shapes[i]!;
    if (s.length !== out.length) {
      ctx.error(
        `input ${i + 1} has rank ${s.length} (${fmtShape(s)}) but input 1 has rank ${first.length} (${fmtShape(first)})`,
      );
      return undefined;
    }
    for (let a = 0; a < out.length; a++) {
      const d = s[a]!;
      if (d === out[a]) continue;
      if (d === 1) continue;
      if (out[a] === 1) {
        out[a] = d;
        continue;
      }
      ctx.error(`input ${i + 1} shape ${fmtShape(s)} does not match ${fmtShape(first)} (axis ${a}: ${d} vs ${out[a]})`);
      return undefined;
    }
  }
  return out;
}

/** An elementwise merge of n inputs costing `perElement(n)` FLOPs per output element. */
function merge(
  type: string,
  doc: string,
  formula: string,
  perElement: (n: number) => number,
  arity: [number, number],
): OpDefinition {
  return {
    type,
    dialect: 'keras',
    category: 'elementwise',
    doc,
    formula,
    arity,
    evaluate(ctx): OpEval {
      if (ctx.inputs.some((s) => !s)) return unknown(ctx);
      const out = broadcastShapes(ctx, ctx.inputs as Shape[]);
      if (!out) return unknown(ctx);
      return {
        outputs: ctx.node.tops.map(() => out),
        flops: perElement(ctx.inputs.length) * numel(out),
        rf: 'identity',
      };
    },
  };
}

/** Keras Concatenate along `axis` (default −1): every other axis must agree. */
function evaluateConcat(ctx: OpContext): OpEval {
  if (ctx.inputs.some((s) => !s)) return unknown(ctx);
  const shapes = ctx.inputs as Shape[];
  const first = shapes[0]!;
  const axis = axisOf(ctx, ctx.attrs.num('axis', -1), first.length, 'axis');
  if (axis === undefined) return unknown(ctx);
  if (axis === 0) {
    ctx.error('axis 0 is the batch axis; Keras concatenates along a feature axis', 'axis');
    return unknown(ctx);
  }
  const out = [...first];
  for (let i = 1; i < shapes.length; i++) {
    const s = shapes[i]!;
    const bad = s.length !== first.length ? -1 : s.findIndex((d, a) => a !== axis && d !== first[a]);
    if (s.length !== first.length || bad >= 0) {
      ctx.error(
        `input ${i + 1} shape ${fmtShape(s)} does not match input 1 ${fmtShape(first)} outside the concat axis ${axis}` +
          (bad >= 0 ? ` (axis ${bad}: ${s[bad]} vs ${first[bad]})` : ''),
        'axis',
      );
      return unknown(ctx);
    }
    out[axis] = out[axis]! + s[axis]!;
  }
  // Joining channels keeps spatial positions; joining along a spatial axis does not.
  const channelAxis = axis === first.length - 1;
  return { outputs: ctx.node.tops.map(() => out), flops: 0, ...(channelAxis ? { rf: 'identity' as const } : {}) };
}

/** Keras merge layers. FLOPs per output element: Add/Multiply/Maximum/Minimum n−1, Subtract 1, Average n. */
export const KERAS_MERGE_OPS: readonly OpDefinition[] = [
  merge('Add', 'Keras elementwise sum', 'FLOPs = (n − 1) per element', (n) => n - 1, [2, Infinity]),
  merge('Subtract', 'Keras elementwise difference of two inputs', 'FLOPs = 1 per element', () => 1, [2, 2]),
  merge('Multiply', 'Keras elementwise product', 'FLOPs = (n − 1) per element', (n) => n - 1, [2, Infinity]),
  merge('Maximum', 'Keras elementwise maximum', 'FLOPs = (n − 1) per element', (n) => n - 1, [2, Infinity]),
  merge('Minimum', 'Keras elementwise minimum', 'FLOPs = (n − 1) per element', (n) => n - 1, [2, Infinity]),
  merge('Average', 'Keras elementwise mean', 'FLOPs = n per element (n − 1 adds + 1 divide)', (n) => n, [2, Infinity]),
  {
    type: 'Concatenate',
    dialect: 'keras',
    category: 'concat',
    doc: 'Keras concatenation along `axis` (default −1, the channels)',
    formula: 'out[axis] = Σ in[axis]; FLOPs 0',
    arity: [1, Infinity],
    fields: ['axis'],
    evaluate: evaluateConcat,
  },
];
