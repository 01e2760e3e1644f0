import type { AttrMap, Shape } from '../../ir';
import { createAttrReader } from '../attr-reader';
import { fmtShape } from '../op-helpers';
import type { OpContext, OpDefinition, OpEval } from '../types';
import { numel } from '../util';
import { unknown } from './common';
import { evaluateRecurrent } from './recurrent';

/** The wrapped layer of TimeDistributed/Bidirectional: `config.layer = {class_name, config}`. */
function innerLayer(ctx: OpContext): { cls: string; config: AttrMap } | undefined {
  const inner = ctx.attrs.raw('layer');
  if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
    const cls = inner.class_name;
    const config = inner.config;
    if (typeof cls === 'string') {
      return { cls, config: config && typeof config === 'object' && !Array.isArray(config) ? config : {} };
    }
  }
  ctx.error('the wrapped layer (config.layer with class_name and config) is missing', 'layer');
  return undefined;
}

/** Keras Bidirectional: the wrapped RNN runs forwards and backwards; outputs merged by `merge_mode`. */
export const KERAS_BIDIRECTIONAL: OpDefinition = {
  type: 'Bidirectional',
  dialect: 'keras',
  category: 'recurrent',
  doc: 'Keras bidirectional wrapper around an LSTM/GRU/SimpleRNN',
  formula:
    'params, MACs = 2 × the wrapped layer; merge_mode concat doubles the features, sum/mul/ave add 1 FLOP per element',
  arity: [1, 1],
  fields: ['layer', 'merge_mode'],
  evaluate(ctx): OpEval {
    const x = ctx.inputs[0];
    const inner = innerLayer(ctx);
    if (!x || !inner) return unknown(ctx);
    const attrs = createAttrReader(inner.config, ctx.node.attrSpans, 'layer.config');
    const r = evaluateRecurrent(ctx, inner.cls, attrs, x, 'layer.');
    if (!r) return unknown(ctx);
    const mode = ctx.attrs.str('merge_mode', 'concat').toLowerCase();
    const main = r.outputs[0]!;
    let outputs: Shape[];
    let mergeFlops = 0;
    if (mode === 'concat') outputs = [[...main.slice(0, -1), 2 * r.units]];
    else if (mode === 'sum' || mode === 'mul' || mode === 'ave') {
      outputs = [main];
      mergeFlops = numel(main) * (mode === 'ave' ? 2 : 1);
    } else if (mode === 'none' || !ctx.attrs.has('merge_mode')) outputs = [main, main];
    else {
      ctx.error(`merge_mode "${mode}" is not concat, sum, mul, ave or None`, 'merge_mode');
      return unknown(ctx);
    }
    // return_state: the states of both directions follow the merged output(s).
    const states = r.outputs.slice(1);
    for (const s of [...states, ...states]) outputs.push(s);
    return {
      outputs: ctx.node.tops.map((_, i) => outputs[i] ?? null),
      params: 2 * r.params,
      macs: 2 * r.macs,
      flops: 2 * r.flops + mergeFlops,
    };
  },
};

/**
 * Keras TimeDistributed: the wrapped layer runs on every timestep, i.e. on a batch of N·T
 * samples; its figures are those of that run, its outputs get the time axis back.
 */
export function timeDistributedOp(lookup: (type: string) => OpDefinition | undefined): OpDefinition {
  return {
    type: 'TimeDistributed',
    dialect: 'keras',
    category: 'container',
    doc: 'Keras TimeDistributed: the wrapped layer applied to every timestep',
    formula: 'figures of the wrapped layer on N·T samples; out = N × T × inner output',
    arity: [1, 1],
    fields: ['layer'],
    evaluate(ctx): OpEval {
      const x = ctx.inputs[0];
      const inner = innerLayer(ctx);
      if (!x || !inner) return unknown(ctx);
      if (x.length < 3) {
        ctx.error(`expects an input with a time axis (batch, timesteps, …), got ${fmtShape(x)}`);
        return unknown(ctx);
      }
      const op = lookup(inner.cls);
      if (!op || op === KERAS_BIDIRECTIONAL || op.type === 'TimeDistributed') {
        ctx.warn(`wrapped layer "${inner.cls}" is not known; its outputs are unknown`, 'layer');
        return unknown(ctx);
      }
      const [n, t] = x as [number, number];
      const innerCtx: OpContext = {
        ...ctx,
        batch: n * t,
        attrs: createAttrReader(inner.config, ctx.node.attrSpans, 'layer.config'),
        inputs: [[n * t, ...x.slice(2)]],
        error: (m, f) => ctx.error(`${inner.cls}: ${m}`, f ? `layer.config.${f}` : 'layer'),
        warn: (m, f) => ctx.warn(`${inner.cls}: ${m}`, f ? `layer.config.${f}` : 'layer'),
      };
      const r = op.evaluate(innerCtx);
      const outputs = ctx.node.tops.map((_, i) => {
        const o = r.outputs[i];
        return o ? [n, t, ...o.slice(1)] : null;
      });
      return {
        outputs,
        ...(r.params !== undefined ? { params: r.params } : {}),
        ...(r.buffers !== undefined ? { buffers: r.buffers } : {}),
        ...(r.macs !== undefined ? { macs: r.macs } : {}),
        ...(r.flops !== undefined ? { flops: r.flops } : {}),
      };
    },
  };
}
