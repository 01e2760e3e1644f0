import type { Shape } from '../../ir';
import type { OpContext, OpDefinition } from '../types';
import { numel } from '../util';
import { activationFlops, activationName, axisOf, unknown } from './common';

/** A Keras layer that keeps its input shape and costs `flops(ctx, x)` per element. */
function pointwise(
  type: string,
  doc: string,
  formula: string,
  fields: readonly string[],
  perElement: (ctx: OpContext, x: Shape) => number | undefined,
  params?: (ctx: OpContext, x: Shape) => number | undefined,
  aliases: readonly string[] = [],
): OpDefinition {
  return {
    type,
    aliases,
    dialect: 'keras',
    category: 'activation',
    doc,
    formula,
    arity: [1, 1],
    fields,
    evaluate(ctx) {
      const x = ctx.inputs[0];
      if (!x) return unknown(ctx);
      const f = perElement(ctx, x);
      const p = params ? params(ctx, x) : 0;
      if (f === undefined || p === undefined) return unknown(ctx);
      return { outputs: ctx.node.tops.map(() => x), params: p, flops: f * numel(x), rf: 'identity' };
    },
  };
}

/**
 * PReLU slopes: one per input element (batch excluded), except along `shared_axes` (1-based,
 * batch excluded) where one slope is shared.
 */
function preluParams(ctx: OpContext, x: Shape): number | undefined {
  const shared = new Set<number>();
  for (const a of ctx.attrs.nums('shared_axes')) {
    if (!Number.isInteger(a) || a < 1 || a >= x.length) {
      ctx.error(`shared_axes ${a} is out of range 1…${x.length - 1} for a ${x.length}-D input`, 'shared_axes');
      return undefined;
    }
    shared.add(a);
  }
  let n = 1;
  for (let i = 1; i < x.length; i++) if (!shared.has(i)) n *= x[i]!;
  return n;
}

/** Keras activation layers (counting.md elementwise table: softmax 3, linear 0, the rest 1; PReLU 2). */
export const KERAS_ACTIVATION_OPS: readonly OpDefinition[] = [
  pointwise(
    'Activation',
    'Keras activation function applied elementwise',
    'FLOPs per element: linear 0, softmax 3 (exp, sum, divide), other functions 1',
    ['activation'],
    (ctx) => activationFlops(ctx, activationName(ctx.attrs)),
  ),
  pointwise(
    'ReLU',
    'Keras ReLU (max_value, negative_slope, threshold)',
    'FLOPs = 1 per element',
    ['max_value', 'negative_slope', 'threshold'],
    () => 1,
  ),
  pointwise(
    'LeakyReLU',
    'Keras leaky ReLU: x < 0 → alpha·x',
    'FLOPs = 1 per element',
    ['alpha', 'negative_slope'],
    () => 1,
  ),
  pointwise(
    'PReLU',
    'Keras parametric ReLU with learned slopes',
    'params = ∏ input dims (batch excluded; shared_axes count 1); FLOPs = 2 per element',
    ['shared_axes'],
    () => 2,
    preluParams,
  ),
  pointwise('ELU', 'Keras exponential linear unit', 'FLOPs = 1 per element', ['alpha'], () => 1),
  pointwise('ThresholdedReLU', 'Keras thresholded ReLU', 'FLOPs = 1 per element', ['theta'], () => 1),
  pointwise(
    'Softmax',
    'Keras softmax along `axis` (default −1)',
    'FLOPs = 3 per element (exp, sum, divide)',
    ['axis'],
    (ctx, x) => {
      for (const a of ctx.attrs.nums('axis')) if (axisOf(ctx, a, x.length, 'axis') === undefined) return undefined;
      return 3;
    },
  ),
];
