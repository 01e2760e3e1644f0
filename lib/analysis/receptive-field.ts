import type { IRNode, Layout, Shape } from '../ir';
import type { OpEval, RFAxis } from '../ops/types';

/**
 * Receptive-field arithmetic: for a step with effective kernel k, stride s and padding p,
 * size' = size + (k − 1)·jump, jump' = jump·s, start' = start + ((k − 1)/2 − p)·jump.
 * With several bottoms (Concat, Eltwise) the widest field is kept.
 */
export function propagateRF(
  node: IRNode,
  step: OpEval['rf'],
  ok: boolean,
  rfByBlob: Map<string, readonly RFAxis[] | null>,
  outputs: readonly (Shape | null)[],
  _layout: Layout,
): readonly RFAxis[] | null {
  // Input-declaring layers (Caffe Input, Keras InputLayer) have no bottoms: their tops keep the
  // unit field the analysis seeded for graph inputs.
  if (node.bottoms.length === 0) return node.tops.length > 0 ? (rfByBlob.get(node.tops[0]!) ?? null) : null;
  let base: readonly RFAxis[] | null = null;
  for (const b of node.bottoms) {
    const rf = rfByBlob.get(b);
    if (!rf) continue;
    if (!base || (rf[0]?.size ?? 0) > (base[0]?.size ?? 0)) base = rf;
  }
  let out: readonly RFAxis[] | null = null;
  if (ok && base && step) {
    if (step === 'identity') out = base;
    else if (step.length === base.length) {
      out = base.map((ax, i) => {
        const st = step[i]!;
        return {
          size: ax.size + (st.kernel - 1) * ax.jump,
          jump: ax.jump * st.stride,
          start: ax.start + ((st.kernel - 1) / 2 - st.pad) * ax.jump,
        };
      });
    }
  }
  node.tops.forEach((top, i) => rfByBlob.set(top, outputs[i] ? out : null));
  return out;
}
