import { formatBytes, formatMs, formatSI } from '@/lib/layout';
import type { NodeCosts } from '@/lib/layout';

/** How nodes are coloured: by layer category, or a heat map of one figure. */
export type ColorMode = 'category' | 'macs' | 'params' | 'memory' | 'time';

/** Heat-map metrics with their legend titles and value formatters. */
export const HEAT_METRICS: Readonly<
  Record<Exclude<ColorMode, 'category'>, { label: string; value(c: NodeCosts): number | null; format(v: number): string }>
> = {
  macs: { label: 'MACs', value: (c) => c.macs, format: formatSI },
  params: { label: 'Parameters', value: (c) => c.params, format: formatSI },
  memory: { label: 'Activation memory', value: (c) => c.activationBytes, format: formatBytes },
  time: { label: 'Measured time', value: (c) => c.measuredMs, format: formatMs },
};

// ColorBrewer YlOrRd: readable on both themes, ordered light → dark so "hot" reads as heavy.
const STOPS: readonly [number, number, number][] = [
  [255, 255, 204],
  [255, 237, 160],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [252, 78, 42],
  [227, 26, 28],
  [189, 0, 38],
  [128, 0, 38],
];

/** Colour at t ∈ [0, 1] of the heat palette. */
export function heatColor(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Dark text on the light half of the palette, white on the dark half. */
export function heatTextColor(t: number): string {
  return t > 0.6 ? '#fff' : '#1a1a1a';
}

/** A log scale over the positive values of a metric (costs span orders of magnitude). */
export interface HeatScale {
  readonly min: number;
  readonly max: number;
  /** Position in [0, 1], or null for zero / unknown values (drawn neutral). */
  t(value: number | null): number | null;
}

export function heatScale(values: Iterable<number | null>): HeatScale {
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    if (v === null || !(v > 0) || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === 0) return { min: 0, max: 0, t: () => null };
  const lo = Math.log(min);
  const span = Math.log(max) - lo;
  return {
    min,
    max,
    t: (v) => (v === null || !(v > 0) ? null : span === 0 ? 1 : (Math.log(v) - lo) / span),
  };
}
