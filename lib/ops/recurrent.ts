import type { Shape } from '../ir';
import type { OpContext, OpDefinition, OpEval } from './types';
import { countRange, fmtShape, unknownOutputs } from './op-helpers';
import { numel } from './util';

/** Gate multiplier, recurrent blob count and per-unit elementwise ops of one recurrent cell. */
interface CellSpec {
  /** Rows of the input/recurrent matrices per hidden unit (LSTM 4 gates, RNN 1). */
  readonly gates: number;
  /** Recurrent state blobs exposed with expose_hidden (LSTM h and c, RNN h). */
  readonly states: number;
  /** Extra H×H matmul per step (RNN's W_ho output projection). */
  readonly outputProjection: boolean;
  /** Elementwise ops per hidden unit per step (bias adds, gate sums, nonlinearities, cell update). */
  readonly elementwisePerUnit: number;
}

/**
 * Caffe's RecurrentLayer (recurrent_layer.cpp): bottoms x (T×N×…), cont (T×N), an optional
 * static input x_static (N×…), then with expose_hidden the initial states (1×N×H each). The
 * unrolled nets (lstm_layer.cpp, rnn_layer.cpp FillUnrolledNet) define the weights:
 * LSTM W_xc 4H×I + b_c 4H, W_hc 4H×H, W_xc_static 4H×I_s; RNN W_xh H×I + b_h H, W_hh H×H,
 * W_ho H×H + b_o H, W_xh_static H×I_s.
 */
function evaluateRecurrent(ctx: OpContext, cell: CellSpec): OpEval {
  const hidden = ctx.attrs.msg('recurrent_param').num('num_output', 0);
  if (!Number.isInteger(hidden) || hidden < 1) {
    ctx.error(`num_output must be a positive integer, got ${hidden}`, 'recurrent_param.num_output');
    return unknownOutputs(ctx);
  }
  const expose = ctx.attrs.msg('recurrent_param').bool('expose_hidden', false);
  const exposed = expose ? cell.states : 0;
  const staticInput = ctx.inputs.length > 2 + exposed;
  // Caffe shares only the initial-state bottoms that are present, so fewer than `exposed` is fine.
  if (ctx.inputs.length > 3 + exposed) {
    ctx.error(
      `${ctx.inputs.length} bottoms do not fit x, cont, [x_static]${expose ? `, ${exposed} initial state(s)` : ''}`,
    );
    return unknownOutputs(ctx);
  }
  const x = ctx.inputs[0];
  const cont = ctx.inputs[1];
  const xStatic: Shape | null | undefined = staticInput ? ctx.inputs[2] : undefined;
  if (!x || !cont || xStatic === null) return unknownOutputs(ctx);
  if (x.length < 2) {
    ctx.error(`x must have at least 2 axes (timesteps × streams × …), got ${fmtShape(x)}`);
    return unknownOutputs(ctx);
  }
  const [t, n] = [x[0]!, x[1]!];
  if (cont.length !== 2 || cont[0] !== t || cont[1] !== n) {
    ctx.error(`cont must be T×N = ${t}×${n} to match x ${fmtShape(x)}, got ${fmtShape(cont)}`);
    return unknownOutputs(ctx);
  }
  if (xStatic && xStatic[0] !== n) {
    ctx.error(`x_static ${fmtShape(xStatic)} must have N = ${n} first`);
    return unknownOutputs(ctx);
  }
  const inDim = countRange(x, 2);
  const staticDim = xStatic ? countRange(xStatic, 1) : 0;
  const g = cell.gates * hidden;
  const perStep = g * inDim + g * hidden + (cell.outputProjection ? hidden * hidden : 0);
  const params = g * inDim + g + g * hidden + g * staticDim + (cell.outputProjection ? hidden * hidden + hidden : 0);
  const macs = t * n * perStep + n * g * staticDim;
  const flops = 2 * macs + t * n * hidden * cell.elementwisePerUnit;
  const state: Shape = [1, n, hidden];
  const outputs: Shape[] = ctx.node.tops.map((_, i) => (i === 0 ? [t, n, hidden] : state));
  return { outputs, params, macs, flops };
}

export const lstmOp: OpDefinition = {
  type: 'LSTM',
  category: 'recurrent',
  doc: 'Caffe LSTM over T timesteps of N streams (x: T×N×…, cont: T×N).',
  formula:
    'h: T×N×H; params = 4H·I + 4H + 4H·H (+ 4H·I_static); MACs = T·N·4H·(I + H) (+ N·4H·I_static); FLOPs = 2·MACs + 17·T·N·H (bias, gate sums, gate nonlinearities, cell update)',
  arity: [2, 5],
  paramBlock: 'recurrent_param',
  evaluate: (ctx) => evaluateRecurrent(ctx, { gates: 4, states: 2, outputProjection: false, elementwisePerUnit: 17 }),
};

export const rnnOp: OpDefinition = {
  type: 'RNN',
  category: 'recurrent',
  doc: 'Caffe vanilla RNN with tanh hidden state and a tanh output projection (x: T×N×…, cont: T×N).',
  formula:
    'o: T×N×H; params = H·I + H + H·H + H·H + H (+ H·I_static); MACs = T·N·H·(I + 2H) (+ N·H·I_static); FLOPs = 2·MACs + 5·T·N·H',
  arity: [2, 4],
  paramBlock: 'recurrent_param',
  evaluate: (ctx) => evaluateRecurrent(ctx, { gates: 1, states: 1, outputProjection: true, elementwisePerUnit: 5 }),
};

export const lstmUnitOp: OpDefinition = {
  type: 'LSTMUnit',
  category: 'recurrent',
  doc: "One LSTM step's gate arithmetic (the cell LSTM unrolls into): c_prev, gate inputs, cont → c, h.",
  formula:
    'c, h: 1×N×H from c_prev 1×N×H, x 1×N×4H, cont 1×N; FLOPs = 9 per hidden unit (4 gate nonlinearities, cell update, tanh, output gate)',
  arity: [3, 3],
  evaluate(ctx) {
    const [cPrev, x, cont] = ctx.inputs;
    if (!cPrev || !x || !cont) return unknownOutputs(ctx);
    // lstm_unit_layer.cpp Reshape: c_prev and x are 1×N×…, cont is 1×N, x carries 4·H gate inputs.
    const n = cPrev[1];
    const ok =
      cPrev.length === 3 &&
      x.length === 3 &&
      cont.length === 2 &&
      cPrev[0] === 1 &&
      x[0] === 1 &&
      cont[0] === 1 &&
      x[1] === n &&
      cont[1] === n &&
      x[2] === 4 * cPrev[2]!;
    if (!ok) {
      ctx.error(
        `LSTMUnit needs c_prev 1×N×H, x 1×N×4H and cont 1×N; got ${fmtShape(cPrev)}, ${fmtShape(x)}, ${fmtShape(cont)}`,
      );
      return unknownOutputs(ctx);
    }
    return { outputs: ctx.node.tops.map(() => cPrev), flops: 9 * numel(cPrev) };
  },
};

export const embedOp: OpDefinition = {
  type: 'Embed',
  category: 'fc',
  doc: 'Looks up a learned num_output-vector for each integer index (a one-hot InnerProduct).',
  formula:
    'out = in + [num_output]; params = input_dim·num_output (+ num_output bias); MACs = 0 (a gather); FLOPs = bias adds',
  arity: [1, 1],
  paramBlock: 'embed_param',
  evaluate(ctx) {
    const p = ctx.attrs.msg('embed_param');
    const numOutput = p.num('num_output', 0);
    const inputDim = p.num('input_dim', 0);
    // embed_layer.cpp: CHECK_GT(N_, 0), CHECK_GT(K_, 0).
    if (!(numOutput > 0)) {
      ctx.error(`num_output must be positive, got ${numOutput}`, 'embed_param.num_output');
      return unknownOutputs(ctx);
    }
    if (!(inputDim > 0)) {
      ctx.error(`input_dim must be positive, got ${inputDim}`, 'embed_param.input_dim');
      return unknownOutputs(ctx);
    }
    const bias = p.bool('bias_term', true);
    const params = inputDim * numOutput + (bias ? numOutput : 0);
    const input = ctx.inputs[0];
    if (!input) return { outputs: ctx.node.tops.map(() => null), params };
    const out = [...input, numOutput];
    return { outputs: [out], params, macs: 0, flops: bias ? numel(out) : 0 };
  },
};
