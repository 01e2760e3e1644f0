import type { AnalysisResult } from '@/lib/analysis';
import type { EngineResult } from '@/lib/exec/engine';

/** One layer of the measured-cost table. */
export interface MeasuredRow {
  readonly layer: string;
  readonly type: string;
  readonly ms: number;
  readonly flops: number;
  readonly macs: number;
  /** FLOPs ÷ time, in GFLOP/s; null when the layer has no FLOPs or no time. */
  readonly gflops: number | null;
  readonly intensity: number | null;
  /** Share of the summed per-layer time. */
  readonly share: number;
}

/** Joins measured per-layer times with the analyser's FLOPs, slowest first. */
export function measuredRows(analysis: AnalysisResult, result: EngineResult): MeasuredRow[] {
  const ms = result.perLayerMs;
  if (!ms) return [];
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  const rows: MeasuredRow[] = [];
  for (const l of analysis.layers) {
    const t = ms[l.name];
    if (t === undefined) continue;
    rows.push({
      layer: l.name,
      type: l.type,
      ms: t,
      flops: l.flops,
      macs: l.macs,
      gflops: t > 0 && l.flops > 0 ? l.flops / (t * 1e6) : null,
      intensity: l.arithmeticIntensity,
      share: total > 0 ? t / total : 0,
    });
  }
  return rows.sort((a, b) => b.ms - a.ms);
}

/** Layers of the analysis without a measured time (should be none after a profile run). */
export function unmeasuredLayers(analysis: AnalysisResult, result: EngineResult, lowered: readonly string[]): string[] {
  const ms = result.perLayerMs ?? {};
  return lowered.filter((l) => ms[l] === undefined && analysis.layers.some((a) => a.name === l));
}
