import type { AnalysisResult, LayerResult } from '../analysis/types';
import type { RFAxis } from '../ops/types';
import { axisLetters } from './figures';
import type { DotGeometry } from './geometry';
import type { RFStep } from './types';

/** Widest picture, in cells; wider fields are drawn with several input pixels per cell. */
const PICTURE_CELLS = 48;

/**
 * Receptive field of a blob: its producer's (the analysis gives every top of a layer the same
 * field), or the unit field of a graph input. Null off a spatial path.
 */
export function blobRF(a: AnalysisResult, blobId: string, byIndex: ReadonlyMap<number, LayerResult>, rank: number) {
  const producer = a.graph.blobs.get(blobId)?.producer;
  if (producer === null || producer === undefined) {
    return rank >= 3 ? Array.from({ length: rank - 2 }, (): RFAxis => ({ size: 1, jump: 1, start: 0 })) : null;
  }
  return byIndex.get(producer)?.receptiveField ?? null;
}

/**
 * One axis of the field drawn on the input: a cell per input pixel (or per `scale` pixels) of
 * this layer's field, ● at the centre of each of the k taps (each tap sees the previous field).
 */
export function rfPicture(
  before: RFAxis,
  kernel: number,
  dilation: number,
  sizeAfter: number,
): { picture: string; scale: number } {
  const scale = Math.max(1, Math.ceil(sizeAfter / PICTURE_CELLS));
  const cells = Math.ceil(sizeAfter / scale);
  const out = Array.from({ length: cells }, () => '·');
  for (let i = 0; i < kernel; i++) {
    const centre = (before.size - 1) / 2 + i * dilation * before.jump;
    out[Math.min(cells - 1, Math.floor(centre / scale))] = '●';
  }
  return { picture: out.join(''), scale };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/**
 * How this layer grows the receptive field on each spatial axis, from the fields the analysis
 * computed for its input and output: size' = size + (k_eff − 1)·jump, jump' = jump·stride,
 * start' = start + ((k_eff − 1)/2 − pad)·jump. Null for transposed convs and layers off a spatial path.
 */
export function explainRF(a: AnalysisResult, layer: LayerResult, g: DotGeometry): RFStep[] | null {
  const after = layer.receptiveField;
  const node = a.graph.nodes[layer.index];
  if (!after || !node || g.kind === 'deconv' || g.kind === 'fc' || g.kernel.length !== after.length) return null;
  const rank = layer.inputShapes[0]?.length ?? 0;
  const byIndex = new Map(a.layers.map((l) => [l.index, l]));
  const before = blobRF(a, node.bottoms[0]!, byIndex, rank);
  if (!before || before.length !== after.length) return null;
  const letters = axisLetters(after.length);
  return after.map((out, i) => {
    const inp = before[i]!;
    const k = g.kernel[i]!;
    const d = g.dilation[i] ?? 1;
    const kEff = d * (k - 1) + 1;
    const s = g.stride[i] ?? 1;
    // The padding the analysis used (Keras 'same' splits it unevenly), recovered from the start shift.
    const pad = (kEff - 1) / 2 - (out.start - inp.start) / inp.jump;
    const { picture, scale } = rfPicture(inp, k, d, out.size);
    return {
      axis: letters[i]!,
      before: inp,
      after: out,
      kernel: kEff,
      dilation: d,
      stride: s,
      pad,
      lines: [
        `size ${fmt(out.size)} = ${fmt(inp.size)} + (${kEff} − 1)·${fmt(inp.jump)}${d > 1 ? ` (k_eff = ${d}·(${k} − 1) + 1 = ${kEff})` : ''}`,
        `jump ${fmt(out.jump)} = ${fmt(inp.jump)}·${s}`,
        `start ${fmt(out.start)} = ${fmt(inp.start)} + ((${kEff} − 1)/2 − ${fmt(pad)})·${fmt(inp.jump)}`,
      ],
      picture,
      scale,
    };
  });
}
