import type { AnalysisResult, FigureKey, LayerStatus, TotalKey } from '../analysis';
import { figuresKnown } from '../analysis/figures';
import type { IRGraph, Severity, Shape } from '../ir';

/** The CLI's JSON report (also the UI's JSON export): one stable, documented shape. */
export interface ReportJson {
  format: string;
  name: string;
  batch: number;
  declaredBatch: number | null;
  inputs: { name: string; shape: number[] | null }[];
  layers: {
    name: string;
    type: string;
    /** ok, broken (an error in this layer) or unknown (a layer type Layerscope does not know). */
    status: LayerStatus;
    /** False when some figure of this layer is unknown (broken, unknown type, or an input shape unknown). */
    known: boolean;
    bottoms: string[];
    tops: string[];
    outputs: { name: string; shape: number[] | null }[];
    params: number;
    buffers: number;
    macs: number;
    flops: number;
    activationBytes: number;
    weightBytes: number;
    /** Figures beyond 2^53 that a double rounds (approximate); absent when every figure is exact. */
    approx?: FigureKey[];
  }[];
  totals: {
    params: number;
    buffers: number;
    macs: number;
    flops: number;
    activationBytes: number;
    peakActivationBytes: number;
    weightBytes: number;
    /** Layers whose figures are unknown: when above 0 every total is a lower bound. */
    unknownLayers: number;
    /** Totals that are approximate (some part beyond 2^53); absent when none. */
    approx?: TotalKey[];
    /** Exact decimal digits of totals beyond 2^53 (the numbers above are rounded); absent when none. */
    exact?: Partial<Record<TotalKey, string>>;
  };
  diagnostics: { severity: Severity; message: string; line: number | null; column: number | null; layer?: string }[];
}

/** Blob name as written in the model (ids carry an `@version` suffix for in-place rewrites). */
export function blobName(graph: IRGraph, id: string): string {
  return graph.blobs.get(id)?.name ?? id;
}

const shapeOf = (s: Shape | null | undefined): number[] | null => (s ? [...s] : null);

export function toReportJson(a: AnalysisResult): ReportJson {
  const g = a.graph;
  return {
    format: g.format,
    name: g.name,
    batch: a.batch,
    declaredBatch: a.declaredBatch,
    inputs: a.inputs.map((i) => ({ name: i.name, shape: shapeOf(i.shape) })),
    layers: a.layers.map((l) => ({
      name: l.name,
      type: l.type,
      status: l.status,
      known: figuresKnown(l),
      bottoms: l.bottoms.map((b) => blobName(g, b)),
      tops: l.tops.map((t) => blobName(g, t)),
      outputs: l.tops.map((t, i) => ({ name: blobName(g, t), shape: shapeOf(l.outputs[i]) })),
      params: l.params,
      buffers: l.buffers,
      macs: l.macs,
      flops: l.flops,
      activationBytes: l.activationBytes,
      weightBytes: l.weightBytes,
      ...(l.approx ? { approx: [...l.approx] } : {}),
    })),
    totals: {
      params: a.totals.params,
      buffers: a.totals.buffers,
      macs: a.totals.macs,
      flops: a.totals.flops,
      activationBytes: a.totals.activationBytes,
      peakActivationBytes: a.totals.peakActivationBytes,
      weightBytes: a.totals.weightBytes,
      unknownLayers: a.totals.unknownLayers,
      ...(a.totals.approx ? { approx: [...a.totals.approx] } : {}),
      ...(a.totals.exact ? { exact: { ...a.totals.exact } } : {}),
    },
    diagnostics: a.diagnostics.map((d) => ({
      severity: d.severity,
      message: d.message,
      line: d.span?.line ?? null,
      column: d.span?.column ?? null,
      ...(d.layer !== undefined ? { layer: d.layer } : {}),
    })),
  };
}
