import type { Shape } from '../ir';
import type { OpEval, RFAxis, RFAxisStep } from '../ops/types';
import type { GraphIndex } from './graph-index';

/**
 * Receptive-field arithmetic: for a step with effective kernel k, stride s and padding p,
 * size' = size + (k − 1)·jump, jump' = jump·s, start' = start + ((k − 1)/2 − p)·jump.
 * With several bottoms (Concat, Eltwise) the widest field is kept. `rfAt` holds each blob's
 * field by blob index (see GraphIndex); node `n`'s tops are set here.
 */
export function propagateRF(
  n: number,
  step: OpEval['rf'],
  ok: boolean,
  rfAt: (readonly RFAxis[] | null | undefined)[],
  index: GraphIndex,
  outputs: readonly (Shape | null)[],
): readonly RFAxis[] | null {
  const b0 = index.bottomStart[n]!;
  const b1 = index.bottomStart[n + 1]!;
  const t0 = index.topStart[n]!;
  const t1 = index.topStart[n + 1]!;
  // Input-declaring layers (Caffe Input, Keras InputLayer) have no bottoms: their tops keep the
  // unit field the analysis seeded for graph inputs.
  if (b0 === b1) return t1 > t0 ? (rfAt[index.topIdx[t0]!] ?? null) : null;
  let base: readonly RFAxis[] | null = null;
  for (let b = b0; b < b1; b++) {
    const rf = rfAt[index.bottomIdx[b]!];
    if (!rf) continue;
    if (!base || (rf[0]?.size ?? 0) > (base[0]?.size ?? 0)) base = rf;
  }
  let out: readonly RFAxis[] | null = null;
  if (ok && base && step) {
    if (step === 'identity' || unitStep(step)) out = base;
    else if (step.length === base.length) {
      // Exactly one slot per axis: the field is kept in the result (a `[]` grown by push reserves 16).
      const next = new Array<RFAxis>(base.length);
      let finite = true;
      for (let i = 0; i < base.length; i++) {
        const ax = base[i]!;
        const st = step[i]!;
        const size = ax.size + (st.kernel - 1) * ax.jump;
        const jump = ax.jump * st.stride;
        const start = ax.start + ((st.kernel - 1) / 2 - st.pad) * ax.jump;
        // Hostile strides chained over many layers overflow a double: the field is then unknown.
        if (!Number.isFinite(size) || !Number.isFinite(jump) || !Number.isFinite(start)) finite = false;
        // Square windows on square maps give every axis the same field: one object for them all.
        const prev = i > 0 ? next[i - 1]! : undefined;
        next[i] =
          prev !== undefined && prev.size === size && prev.jump === jump && Object.is(prev.start, start)
            ? prev
            : { size, jump, start };
      }
      out = finite ? next : null;
    }
  }
  for (let t = t0; t < t1; t++) rfAt[index.topIdx[t]!] = outputs[t - t0] ? out : null;
  return out;
}

/**
 * True when every axis of the step is a 1-wide, stride-1, unpadded window (a 1×1 convolution):
 * the field passes through unchanged (size + 0, jump·1, start + 0), so the layer keeps its
 * input's field object instead of a fresh copy of it (ResNet and DenseNet are half 1×1 convs).
 */
function unitStep(step: readonly RFAxisStep[]): boolean {
  for (let i = 0; i < step.length; i++) {
    const st = step[i]!;
    if (st.kernel !== 1 || st.stride !== 1 || st.pad !== 0) return false;
  }
  return true;
}
