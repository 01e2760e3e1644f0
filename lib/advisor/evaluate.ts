import { analyze } from '../analysis/analyze';
import type { LayerResult } from '../analysis/types';
import { GraphBuilder } from '../ir/graph-builder';
import type { Layout, Shape } from '../ir';
import type { RFAxis } from '../ops/types';
import type { BlockLayerText } from '../write/block';
import type { ConvSite } from './site';
import type { CostFigures } from './types';

/** The block's layers as the analysis sees them, and their summed figures. */
export interface BlockEval {
  readonly layers: readonly LayerResult[];
  readonly figures: CostFigures;
  readonly outShape: Shape | null;
  /** Each layer's input shape (Keras build_config records it). */
  readonly inShapes: readonly (Shape | null)[];
  /** The first error the analysis reported for the block, if any. */
  readonly error?: string;
}

/**
 * A field measured from the block's input composed onto the input's own field: the receptive
 * field steps are affine, so (S, J, T) then (s, j, t) gives (S + (s−1)·J, J·j, T + t·J).
 */
export function composeRF(base: readonly RFAxis[] | null, rel: readonly RFAxis[] | null): readonly RFAxis[] | null {
  if (!base || !rel || base.length !== rel.length) return null;
  return rel.map((r, i) => {
    const b = base[i]!;
    return { size: b.size + (r.size - 1) * b.jump, jump: b.jump * r.jump, start: b.start + r.start * b.jump };
  });
}

/**
 * Evaluates the block on its own: a graph whose one input is the original layer's input (its
 * analysed shape, batch included), with the block's layers evaluated by the same ops as any model.
 * The advised figures are therefore what a re-read of the rewritten text must give.
 */
export function evaluateBlock(site: ConvSite, layout: Layout, layers: readonly BlockLayerText[]): BlockEval {
  const b = new GraphBuilder(site.format, layout);
  b.addInput({ name: site.bottomName, shape: site.inShape, source: 'override' });
  for (const l of layers) {
    b.addLayer({ name: l.name, type: l.type, sourceType: l.type, attrs: l.attrs, bottoms: l.bottoms, tops: l.tops });
  }
  const result = analyze(b.build('block'), { batch: 'declared' });
  const error = result.diagnostics.find((d) => d.severity === 'error')?.message;
  // Report in block order (the analysis lists them topologically, which is the same for a chain).
  const byName = new Map(result.layers.map((l) => [l.name, l]));
  const ordered = layers.map((l) => byName.get(l.name)!).filter(Boolean);
  let params = 0;
  let macs = 0;
  let flops = 0;
  let activationBytes = 0;
  let weightBytes = 0;
  for (const l of ordered) {
    params += l.params;
    macs += l.macs;
    flops += l.flops;
    activationBytes += l.activationBytes;
    weightBytes += l.weightBytes;
  }
  const last = ordered[ordered.length - 1];
  return {
    layers: ordered,
    figures: {
      params,
      macs,
      flops,
      rf: composeRF(site.inRF, last?.receptiveField ?? null),
      activationBytes,
      weightBytes,
    },
    outShape: last?.outputs[0] ?? null,
    inShapes: ordered.map((l) => l.inputShapes[0] ?? null),
    ...(error ? { error } : {}),
  };
}
