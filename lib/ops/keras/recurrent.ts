import type { Shape } from '../../ir';
import { fmtShape } from '../op-helpers';
import type { AttrReader, OpContext, OpDefinition, OpEval } from '../types';
import { unknown } from './common';

/** Per-cell constants of a Keras recurrent layer. */
interface CellSpec {
  /** Weight blocks (gates) per unit: LSTM 4 (i, f, c, o), GRU 3 (z, r, h), SimpleRNN 1. */
  readonly gates: number;
  /** Elementwise FLOPs per unit per step besides the matmuls and bias adds. */
  readonly pointwise: number;
  /** States returned with return_state: LSTM h and c, the others h. */
  readonly states: number;
}

/**
 * Elementwise ops per unit per step: LSTM 3 sigmoids + 2 tanh + 3 products + 1 sum = 9;
 * GRU 2 sigmoids + 1 tanh + r⊙h + z⊙h + (1 − z) + (1−z)⊙h̃ + sum = 8; SimpleRNN the activation, 1.
 */
const CELLS: Readonly<Record<string, CellSpec>> = {
  LSTM: { gates: 4, pointwise: 9, states: 2 },
  GRU: { gates: 3, pointwise: 8, states: 1 },
  SimpleRNN: { gates: 1, pointwise: 1, states: 1 },
};

/** Figures of one recurrent layer (one direction). */
export interface RecurrentEval {
  readonly outputs: Shape[];
  readonly params: number;
  readonly macs: number;
  readonly flops: number;
  readonly units: number;
}

/**
 * Keras LSTM/GRU/SimpleRNN over a (batch, timesteps, features) input: per step the input and
 * recurrent matmuls of every gate, so MACs = N·T·gates·(F + units)·units; params
 * gates·(F·units + units² + units), GRU with reset_after (default since tf.keras 2) has a second
 * bias (+3·units). Outputs: N×T×units with return_sequences, else N×units; return_state adds the states.
 */
export function evaluateRecurrent(
  ctx: Pick<OpContext, 'error'>,
  cls: string,
  attrs: AttrReader,
  x: Shape,
  field = '',
): RecurrentEval | undefined {
  const cell = CELLS[cls];
  if (!cell) {
    ctx.error(`"${cls}" is not a recurrent layer Layerscope can count (LSTM, GRU, SimpleRNN)`, `${field}class_name`);
    return undefined;
  }
  const units = attrs.numOpt('units');
  if (units === undefined || !Number.isInteger(units) || units <= 0) {
    ctx.error(units === undefined ? 'units is required' : `units ${units} must be a positive integer`, `${field}units`);
    return undefined;
  }
  if (x.length !== 3) {
    ctx.error(`${cls} expects a 3-D input (batch, timesteps, features), got ${fmtShape(x)}`);
    return undefined;
  }
  const [n, t, f] = x as [number, number, number];
  const useBias = attrs.bool('use_bias', true);
  const biasSets = useBias ? (cls === 'GRU' && attrs.bool('reset_after', true) ? 2 : 1) : 0;
  const params = cell.gates * (f * units + units * units) + biasSets * cell.gates * units;
  const macs = n * t * cell.gates * (f + units) * units;
  const flops = 2 * macs + n * t * units * (biasSets * cell.gates + cell.pointwise);
  const main = attrs.bool('return_sequences', false) ? [n, t, units] : [n, units];
  const outputs: Shape[] = [main];
  if (attrs.bool('return_state', false)) for (let i = 0; i < cell.states; i++) outputs.push([n, units]);
  return { outputs, params, macs, flops, units };
}

function recurrentDef(type: string, doc: string): OpDefinition {
  return {
    type,
    aliases: type === 'LSTM' ? ['CuDNNLSTM', 'LSTMV1'] : type === 'GRU' ? ['CuDNNGRU', 'GRUV1'] : [],
    dialect: 'keras',
    category: 'recurrent',
    doc,
    formula: 'MACs = N·T·gates·(F + units)·units; params = gates·(F·units + units² + units)',
    arity: [1, 1],
    fields: [
      'units',
      'activation',
      'recurrent_activation',
      'use_bias',
      'return_sequences',
      'return_state',
      'reset_after',
    ],
    evaluate(ctx): OpEval {
      const x = ctx.inputs[0];
      if (!x) return unknown(ctx);
      const r = evaluateRecurrent(ctx, type, ctx.attrs, x);
      if (!r) return unknown(ctx);
      return {
        outputs: ctx.node.tops.map((_, i) => r.outputs[i] ?? null),
        params: r.params,
        macs: r.macs,
        flops: r.flops,
      };
    },
  };
}

/** Keras recurrent layers. */
export const KERAS_RECURRENT_OPS: readonly OpDefinition[] = [
  recurrentDef('LSTM', 'Keras long short-term memory layer (4 gates)'),
  recurrentDef('GRU', 'Keras gated recurrent unit layer (3 gates)'),
  recurrentDef('SimpleRNN', 'Keras fully connected recurrent layer'),
];
