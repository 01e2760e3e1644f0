import type { AttrMap } from '../../ir';
import { createAttrReader } from '../../ops/attr-reader';
import { activationName } from '../../ops/keras/common';
import type { AttrReader } from '../../ops/types';
import { attrInt, attrInts, attrString, attrStrings } from '../onnx/attrs';
import type { AttributeObject } from '../onnx/proto';
import { LoweringRefused, type LowerContext, type Lowerer } from './types';

/**
 * Keras LSTM / GRU / SimpleRNN (and Bidirectional around them) → ONNX LSTM / GRU / RNN.
 * Keras is batch-major (N, T, F), ONNX time-major (T, N, F) with a direction axis in its
 * outputs (Y: T×D×N×H, Y_h/Y_c: D×N×H), hence the Transposes and Reshapes around the cell.
 * Gate order and the split of Keras' one bias into ONNX's input and recurrent biases do not
 * matter for random weights; the shapes and the work done are those of Keras' layer.
 */

type Cell = 'LSTM' | 'GRU' | 'RNN';

const GATES: Readonly<Record<Cell, number>> = { LSTM: 4, GRU: 3, RNN: 1 };
const CELL_OF: Readonly<Record<string, Cell>> = {
  LSTM: 'LSTM',
  CuDNNLSTM: 'LSTM',
  LSTMV1: 'LSTM',
  GRU: 'GRU',
  CuDNNGRU: 'GRU',
  GRUV1: 'GRU',
  SimpleRNN: 'RNN',
};

/** Keras activation names → the activation names ONNX recurrent ops accept. */
const RNN_ACTIVATIONS: Readonly<Record<string, string>> = {
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  relu: 'Relu',
  hard_sigmoid: 'HardSigmoid',
  elu: 'Elu',
  softsign: 'Softsign',
  softplus: 'Softplus',
};

function rnnActivation(attrs: AttrReader, key: string, fallback: string): string {
  const name = activationName(attrs, key, fallback);
  const onnx = RNN_ACTIVATIONS[name];
  if (!onnx) throw new LoweringRefused(`recurrent ${key} "${name}" has no ONNX equivalent`);
  return onnx;
}

/** The ONNX cell outputs: Y (T×D×N×H), Y_h (D×N×H) and, for LSTM, Y_c. */
interface CellOutputs {
  readonly y: string;
  readonly yh: string;
  readonly yc: string | null;
  readonly units: number;
}

function emitCell(
  ctx: LowerContext,
  cell: Cell,
  attrs: AttrReader,
  direction: 'forward' | 'bidirectional',
): CellOutputs {
  const units = attrs.num('units', 1);
  const f = ctx.inShapes[0]!.at(-1)!;
  const dirs = direction === 'bidirectional' ? 2 : 1;
  const gates = GATES[cell];
  const act = rnnActivation(attrs, 'activation', 'tanh');
  const rec = rnnActivation(attrs, 'recurrent_activation', 'sigmoid');
  const perDir = cell === 'LSTM' ? [rec, act, act] : cell === 'GRU' ? [rec, act] : [act];
  let x = ctx.inputs[0]!;
  if (attrs.bool('go_backwards', false)) {
    if (direction === 'bidirectional') throw new LoweringRefused('go_backwards inside Bidirectional is not lowered');
    // Keras reverses the input and returns the outputs in that processed order: a reversed
    // input to a forward cell is exactly that.
    const rev = ctx.tmp('reversed');
    ctx.op(
      'Slice',
      [
        x,
        ctx.ints('rev_starts', [-1]),
        ctx.ints('rev_ends', [-1e9]),
        ctx.ints('rev_axes', [1]),
        ctx.ints('rev_steps', [-1]),
      ],
      [rev],
    );
    x = rev;
  }
  const xt = ctx.tmp('time_major');
  ctx.op('Transpose', [x], [xt], [attrInts('perm', [1, 0, 2])]);
  const inputs = [
    xt,
    ctx.weight('kernel', [dirs, gates * units, f], 'fan', f),
    ctx.weight('recurrent_kernel', [dirs, gates * units, units], 'fan', units),
  ];
  if (attrs.bool('use_bias', true)) inputs.push(ctx.weight('bias', [dirs, 2 * gates * units], 'small'));
  const y = ctx.tmp('Y');
  const yh = ctx.tmp('Y_h');
  const yc = cell === 'LSTM' ? ctx.tmp('Y_c') : null;
  const onnxAttrs: AttributeObject[] = [
    attrInt('hidden_size', units),
    attrString('direction', direction),
    attrStrings('activations', Array.from({ length: dirs }, () => perDir).flat()),
  ];
  // reset_after (tf.keras 2 default) applies the reset gate after the recurrent matmul.
  if (cell === 'GRU') onnxAttrs.push(attrInt('linear_before_reset', attrs.bool('reset_after', true) ? 1 : 0));
  ctx.op(cell, inputs, yc ? [y, yh, yc] : [y, yh], onnxAttrs);
  return { y, yh, yc, units };
}

function reshapeTo(ctx: LowerContext, x: string, out: string, shape: readonly number[], name: string): void {
  ctx.op('Reshape', [x, ctx.ints(name, shape)], [out]);
}

/** Keras LSTM / GRU / SimpleRNN (one direction). */
export function recurrent(cell: Cell): Lowerer {
  return (ctx) => {
    const c = emitCell(ctx, cell, ctx.attrs, 'forward');
    const outs = ctx.outputs;
    if (ctx.attrs.bool('return_sequences', false)) {
      const t = ctx.tmp('batch_major');
      ctx.op('Transpose', [c.y], [t], [attrInts('perm', [2, 0, 1, 3])]);
      reshapeTo(ctx, t, outs[0]!, ctx.outShapes[0]!, 'shape');
    } else {
      reshapeTo(ctx, c.yh, outs[0]!, ctx.outShapes[0]!, 'shape');
    }
    if (outs.length > 1) reshapeTo(ctx, c.yh, outs[1]!, ctx.outShapes[1]!, 'h_shape');
    if (outs.length > 2 && c.yc) reshapeTo(ctx, c.yc, outs[2]!, ctx.outShapes[2]!, 'c_shape');
  };
}

/** Splits a tensor into its forward and backward halves along the direction axis. */
function splitDirections(ctx: LowerContext, x: string, axis: number, name: string): [string, string] {
  const fw = ctx.tmp(`${name}_forward`);
  const bw = ctx.tmp(`${name}_backward`);
  ctx.op('Split', [x, ctx.ints(`${name}_split`, [1, 1])], [fw, bw], [attrInt('axis', axis)]);
  return [fw, bw];
}

/**
 * Keras Bidirectional(LSTM/GRU/SimpleRNN) → one ONNX cell with direction "bidirectional";
 * merge_mode concat/sum/mul/ave/None on the direction axis, then the states of both directions.
 */
export const bidirectional: Lowerer = (ctx) => {
  const inner = ctx.attrs.raw('layer');
  const obj = inner && typeof inner === 'object' && !Array.isArray(inner) ? inner : undefined;
  const cell = typeof obj?.class_name === 'string' ? CELL_OF[obj.class_name] : undefined;
  if (!obj || !cell) throw new LoweringRefused('the wrapped layer is not an LSTM, GRU or SimpleRNN');
  const config = obj.config && typeof obj.config === 'object' && !Array.isArray(obj.config) ? obj.config : {};
  const attrs = createAttrReader(config as AttrMap, ctx.node.attrSpans, 'layer.config');
  const c = emitCell(ctx, cell, attrs, 'bidirectional');
  const seq = attrs.bool('return_sequences', false);
  const mode = ctx.attrs.has('merge_mode') ? ctx.attrs.str('merge_mode', 'concat').toLowerCase() : 'none';
  // Both directions side by side, batch-major: N×T×2×H (sequences) or N×2×H (last step).
  const both = ctx.tmp('both');
  if (seq) ctx.op('Transpose', [c.y], [both], [attrInts('perm', [2, 0, 1, 3])]);
  else ctx.op('Transpose', [c.yh], [both], [attrInts('perm', [1, 0, 2])]);
  const dirAxis = seq ? 2 : 1;
  const outs = ctx.outputs;
  let next = 1;
  if (mode === 'concat') {
    reshapeTo(ctx, both, outs[0]!, ctx.outShapes[0]!, 'shape');
  } else if (mode === 'sum' || mode === 'ave' || mode === 'mul') {
    const op = mode === 'sum' ? 'ReduceSum' : mode === 'ave' ? 'ReduceMean' : 'ReduceProd';
    const reduced = ctx.tmp('merged');
    // ReduceSum takes its axes as an input from opset 13 on; the others still as an attribute.
    if (op === 'ReduceSum') ctx.op(op, [both, ctx.ints('merge_axes', [dirAxis])], [reduced], [attrInt('keepdims', 0)]);
    else ctx.op(op, [both], [reduced], [attrInts('axes', [dirAxis]), attrInt('keepdims', 0)]);
    reshapeTo(ctx, reduced, outs[0]!, ctx.outShapes[0]!, 'shape');
  } else if (mode === 'none') {
    const [fw, bw] = splitDirections(ctx, both, dirAxis, 'out');
    reshapeTo(ctx, fw, outs[0]!, ctx.outShapes[0]!, 'shape');
    reshapeTo(ctx, bw, outs[1]!, ctx.outShapes[1]!, 'backward_shape');
    next = 2;
  } else {
    throw new LoweringRefused(`merge_mode "${mode}" is not lowered`);
  }
  if (outs.length > next) {
    // Keras order: forward h (, c), then backward h (, c).
    const [hf, hb] = splitDirections(ctx, c.yh, 0, 'h');
    const states = c.yc ? [hf, ...splitDirections(ctx, c.yc, 0, 'c')] : [hf];
    const all = c.yc ? [states[0]!, states[1]!, hb, states[2]!] : [hf, hb];
    all.forEach((s, i) => {
      const o = outs[next + i];
      if (o) reshapeTo(ctx, s, o, ctx.outShapes[next + i]!, `state${i}_shape`);
    });
  }
};
