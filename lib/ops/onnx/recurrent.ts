import type { Shape } from '../../ir';
import type { OpDefinition } from '../types';
import { onnxOp } from './context';

/** Gates and per-unit elementwise work of one ONNX recurrent cell (docs/counting.md). */
interface Cell {
  readonly gates: number;
  /** Cell-state outputs (LSTM Y_c). */
  readonly cellState: boolean;
  /**
   * Elementwise FLOPs per hidden unit per step besides the matmuls and bias adds: the gate
   * activations (one per gate) plus the state update (LSTM c = f·c + i·g, h = o·tanh(c): 5;
   * GRU r·h, (1 − z)·n + z·h: 4; RNN: 0).
   */
  readonly update: number;
}

function recurrent(type: string, cell: Cell, doc: string): OpDefinition {
  return onnxOp({
    type,
    category: 'recurrent',
    doc,
    formula:
      'MACs = T·N·D·G·H·(I + H) (+ 3H peepholes for LSTM); FLOPs = 2·MACs + bias adds (2·G·H) + G·H activations + state update, per step, sample and direction',
    arity: [3, cell.cellState ? 8 : 6],
    infer(o) {
      const x = o.shape(0);
      const w = o.shape(1);
      if (!x || !w) return undefined;
      if (x.length !== 3 || w.length !== 3) return o.error(`expects 3-D X and W, got ${o.fmt(x)} and ${o.fmt(w)}`);
      const layout = o.int('layout', 0);
      const [t, n, inputSize] = layout === 0 ? [x[0]!, x[1]!, x[2]!] : [x[1]!, x[0]!, x[2]!];
      const dirs = o.str('direction', 'forward') === 'bidirectional' ? 2 : 1;
      const hidden = o.hasAttr('hidden_size') ? o.int('hidden_size', 0) : w[1]! / cell.gates;
      if (!Number.isInteger(hidden) || hidden <= 0)
        return o.error(`hidden size ${hidden} is not a positive integer`, 'hidden_size');
      if (w[0] !== dirs || w[1] !== cell.gates * hidden || w[2] !== inputSize) {
        return o.error(`W ${o.fmt(w)} does not match ${dirs} direction(s) × ${cell.gates}·${hidden} × ${inputSize}`);
      }
      const g = cell.gates * hidden;
      const peepholes = cell.cellState && o.has(7) ? 3 * hidden : 0;
      const steps = t * n * dirs;
      const macs = steps * (g * (inputSize + hidden) + peepholes);
      const bias = o.has(3) ? 2 * g : 0;
      const flops = 2 * macs + steps * (bias + g + cell.update * hidden);
      const y: Shape = layout === 0 ? [t, dirs, n, hidden] : [n, t, dirs, hidden];
      const state: Shape = layout === 0 ? [dirs, n, hidden] : [n, dirs, hidden];
      const outs = [y, state, state].slice(0, o.nOut);
      return { outputs: outs, macs, flops };
    },
  });
}

/** ONNX RNN, GRU and LSTM. */
export const ONNX_RECURRENT_OPS: readonly OpDefinition[] = [
  recurrent('RNN', { gates: 1, cellState: false, update: 0 }, 'simple recurrent layer: h = f(X·Wᵀ + h·Rᵀ + b)'),
  recurrent('GRU', { gates: 3, cellState: false, update: 4 }, 'gated recurrent unit (update, reset, hidden gates)'),
  recurrent(
    'LSTM',
    { gates: 4, cellState: true, update: 5 },
    'long short-term memory (input, output, forget, cell gates)',
  ),
];
