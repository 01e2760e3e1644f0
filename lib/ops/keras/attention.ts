import type { Shape } from '../../ir';
import { fmtShape } from '../op-helpers';
import type { OpContext, OpDefinition, OpEval } from '../types';
import { positiveInt, unknown } from './common';

/**
 * Keras MultiHeadAttention (keras/src/layers/attention/multi_head_attention.py) on 3-D
 * inputs: bottoms are query, value and optionally key (default: value; one bottom means
 * self-attention). Projections are EinsumDense layers: query/key d→H·key_dim, value d→H·value_dim,
 * output H·value_dim→d_out (d_out = `output_shape` or the query's features).
 * MACs: the four projections + scores H·Tq·Tv·key_dim + context H·Tq·Tv·value_dim (per sample).
 * FLOPs add the biases, the 1/√key_dim query scaling and a 3-op softmax per score.
 */
function evaluateMha(ctx: OpContext): OpEval {
  const [q, v0, k0] = ctx.inputs;
  const v = ctx.inputs.length > 1 ? v0 : q;
  const k = ctx.inputs.length > 2 ? k0 : v;
  if (!q || !v || !k) return unknown(ctx);
  const heads = positiveInt(ctx, 'num_heads');
  const keyDim = positiveInt(ctx, 'key_dim');
  const valueDim = positiveInt(ctx, 'value_dim', keyDim);
  if (heads === undefined || keyDim === undefined || valueDim === undefined) return unknown(ctx);
  for (const [name, s] of [
    ['query', q],
    ['value', v],
    ['key', k],
  ] as [string, Shape][]) {
    if (s.length !== 3) {
      ctx.error(
        `${name} must be 3-D (batch, sequence, features); got ${fmtShape(s)} (other attention_axes are not counted)`,
      );
      return unknown(ctx);
    }
  }
  const [n, tq, dq] = q as [number, number, number];
  const [, tv, dv] = v as [number, number, number];
  const [, tk, dk] = k as [number, number, number];
  if (tk !== tv) {
    ctx.error(`key length ${tk} differs from value length ${tv}`);
    return unknown(ctx);
  }
  const outShape = ctx.attrs.nums('output_shape');
  const dOut = outShape.length > 0 ? outShape[outShape.length - 1]! : dq;
  const bias = ctx.attrs.bool('use_bias', true);
  const hk = heads * keyDim;
  const hv = heads * valueDim;
  const params = dq * hk + dk * hk + dv * hv + hv * dOut + (bias ? 2 * hk + hv + dOut : 0);
  const projections = tq * dq * hk + tv * dk * hk + tv * dv * hv + tq * hv * dOut;
  const attention = heads * tq * tv * (keyDim + valueDim);
  const macs = n * (projections + attention);
  const biasAdds = bias ? n * (tq * hk + tv * hk + tv * hv + tq * dOut) : 0;
  const flops = 2 * macs + biasAdds + n * tq * hk + 3 * n * heads * tq * tv;
  const out = outShape.length > 0 ? [n, tq, ...outShape] : [n, tq, dq];
  const scores = [n, heads, tq, tv];
  return { outputs: ctx.node.tops.map((_, i) => (i === 0 ? out : i === 1 ? scores : null)), params, macs, flops };
}

/** Keras attention layers. */
export const KERAS_ATTENTION_OPS: readonly OpDefinition[] = [
  {
    type: 'MultiHeadAttention',
    dialect: 'keras',
    category: 'fc',
    doc: 'Keras multi-head attention: query/key/value projections, scaled dot-product, output projection',
    formula:
      'params = d_q·H·k + d_k·H·k + d_v·H·v + H·v·d_out (+ biases); MACs = projections + H·T_q·T_v·(k + v); softmax 3 FLOPs per score',
    arity: [1, 3],
    fields: ['num_heads', 'key_dim', 'value_dim', 'use_bias', 'output_shape', 'dropout'],
    evaluate: evaluateMha,
  },
];
