import type { OpDefinition } from './types';
import { fmtShape, shapesEqual, unknownOutputs } from './op-helpers';
import { numel } from './util';

const ELTWISE_OPS = ['PROD', 'SUM', 'MAX'] as const;

export const eltwiseOp: OpDefinition = {
  type: 'Eltwise',
  category: 'elementwise',
  doc: 'Element-wise sum (optionally weighted), product or maximum of equally shaped bottoms.',
  formula:
    'SUM: y = Σ c_i·x_i, PROD: y = ∏ x_i, MAX: y = max_i x_i; FLOPs = (n − 1) per element, + n with coefficients',
  arity: [2, Infinity],
  paramBlock: 'eltwise_param',
  evaluate(ctx) {
    const p = ctx.attrs.msg('eltwise_param');
    // EltwiseParameter enum order: PROD = 0, SUM = 1, MAX = 2; default SUM.
    const op = p.enumOf('operation', ELTWISE_OPS, 'SUM');
    const coeff = p.nums('coeff');
    const n = ctx.inputs.length;
    // eltwise_layer.cpp LayerSetUp: coefficients only for SUM, and exactly one per bottom.
    if (coeff.length > 0 && op !== 'SUM') {
      ctx.error(`coeff is only allowed with operation SUM, not ${op}`, 'eltwise_param.coeff');
      return unknownOutputs(ctx);
    }
    if (coeff.length > 0 && coeff.length !== n) {
      ctx.error(`coeff needs one value per bottom: ${coeff.length} given for ${n} bottoms`, 'eltwise_param.coeff');
      return unknownOutputs(ctx);
    }
    const first = ctx.inputs[0];
    if (!first || ctx.inputs.some((s) => !s)) return unknownOutputs(ctx);
    // eltwise_layer.cpp Reshape: CHECK(bottom[i]->shape() == bottom[0]->shape()).
    const bad = ctx.inputs.findIndex((s) => !shapesEqual(s, first));
    if (bad > 0) {
      ctx.error(
        `Eltwise ${op} needs equally shaped bottoms: bottom 0 (${ctx.node.bottoms[0]}) is ${fmtShape(first)} but bottom ${bad} (${ctx.node.bottoms[bad]}) is ${fmtShape(ctx.inputs[bad])}`,
      );
      return unknownOutputs(ctx);
    }
    // Coefficients of 1 are free; any other coefficient costs one multiply per bottom per element.
    const weighted = coeff.some((c) => c !== 1);
    const perElement = n - 1 + (weighted ? n : 0);
    return { outputs: [first], flops: perElement * numel(first), rf: 'identity' };
  },
};

export const axpyOp: OpDefinition = {
  type: 'Axpy',
  category: 'elementwise',
  doc: 'SENet-style fused scale-and-add of converted models: y = a·x + b with a per-channel a (N×C×1×1).',
  formula: 'y = a_nc·x + b; FLOPs = 2 per element',
  arity: [3, 3],
  evaluate(ctx) {
    const [a, x, y] = ctx.inputs;
    if (!a || !x || !y) return unknownOutputs(ctx);
    // hujie-frank/SENet axpy_layer.cpp: CHECK_EQ(bottom[0]->shape(0..1), bottom[1]->shape(0..1)),
    // bottom[0] spatial dims 1, bottom[1] and bottom[2] the same shape.
    const okA = a.length >= 2 && a[0] === x[0] && a[1] === x[1] && a.slice(2).every((d) => d === 1);
    if (!okA || !shapesEqual(x, y)) {
      ctx.error(`Axpy needs a = N×C×1×1 and x, y of one shape; got ${fmtShape(a)}, ${fmtShape(x)}, ${fmtShape(y)}`);
      return unknownOutputs(ctx);
    }
    return { outputs: [x], flops: 2 * numel(x), rf: 'identity' };
  },
};
