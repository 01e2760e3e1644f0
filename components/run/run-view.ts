import type { AnalysisResult } from '@/lib/analysis';
import type { EngineResult } from '@/lib/exec/engine';
import { layerFlags, type LayerFlag, type LayerTiming } from '@/lib/exec/outliers';
import { formatMs, type RunStats } from '@/lib/exec/stats';

/** One layer of the measured-cost table. */
export interface MeasuredRow {
  readonly layer: string;
  readonly type: string;
  /** Median over the timed runs. */
  readonly ms: number;
  /** Median and spread over the timed runs. */
  readonly stats: RunStats;
  readonly flops: number;
  readonly macs: number;
  /** FLOPs ÷ time, in GFLOP/s; null when the layer has no FLOPs or no time. */
  readonly gflops: number | null;
  readonly intensity: number | null;
  /** Share of the summed per-layer time. */
  readonly share: number;
  /** Why this layer's time stands out (empty for most layers). */
  readonly flags: readonly LayerFlag[];
}

function elements(shapes: readonly (readonly number[] | null)[]): number {
  return shapes.reduce((a, s) => a + (s ? s.reduce((p, d) => p * d, 1) : 0), 0);
}

/** Joins measured per-layer times with the analyser's FLOPs and the outlier flags, slowest first. */
export function measuredRows(analysis: AnalysisResult, result: EngineResult): MeasuredRow[] {
  const stats = result.perLayerStats;
  if (!stats) return [];
  const total = Object.values(stats).reduce((a, s) => a + s.median, 0);
  const timings: LayerTiming[] = [];
  for (const l of analysis.layers) {
    const s = stats[l.name];
    if (!s) continue;
    timings.push({
      layer: l.name,
      type: l.type,
      flops: l.flops,
      outputElements: elements(l.outputs),
      intensity: l.arithmeticIntensity,
      stats: s,
      runs: result.perLayerRunMs?.[l.name] ?? [],
    });
  }
  const flags = layerFlags(timings);
  const byName = new Map(analysis.layers.map((l) => [l.name, l]));
  const rows: MeasuredRow[] = timings.map((t) => {
    const l = byName.get(t.layer)!;
    const ms = t.stats.median;
    return {
      layer: t.layer,
      type: t.type,
      ms,
      stats: t.stats,
      flops: l.flops,
      macs: l.macs,
      gflops: ms > 0 && l.flops > 0 ? l.flops / (ms * 1e6) : null,
      intensity: l.arithmeticIntensity,
      share: total > 0 ? ms / total : 0,
      flags: flags.get(t.layer) ?? [],
    };
  });
  return rows.sort((a, b) => b.ms - a.ms);
}

export { formatMs };

/** "p10–p90 41.0–47.5" (10 runs or more) or "min–max 40.2–139" (fewer: nothing is dropped). */
export function spreadText(s: RunStats): string {
  return s.n >= 10 ? `p10–p90 ${formatMs(s.p10)}–${formatMs(s.p90)}` : `min–max ${formatMs(s.min)}–${formatMs(s.max)}`;
}

/** What warm-up did, for the results line: how long, and why timing started when it did. */
export function warmupText(result: EngineResult): string {
  const w = result.warmup;
  const head = `after ${w.runs} warm-up run${w.runs === 1 ? '' : 's'} (${formatMs(w.ms)} ms)`;
  const windows = w.windows
    ? `last ${w.windows.runs} runs: median ${formatMs(w.windows.laterMs)} ms, the ${w.windows.runs} before: ${formatMs(w.windows.earlierMs)} ms`
    : null;
  let why = '';
  if (w.stop === 'converged') why = `, once runs stopped getting faster (${windows})`;
  else if (w.stop === 'max-time')
    why = `: stopped at its time limit while runs were still getting faster${windows ? ` (${windows})` : ''}`;
  const settle =
    w.settleRuns > 0
      ? `, then ${w.settleRuns} untimed run${w.settleRuns === 1 ? '' : 's'} of the profiled session`
      : '';
  return head + why + settle;
}
