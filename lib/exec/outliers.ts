/**
 * Which measured layer times to distrust or to look at, and why. Two rules:
 *  - "slow for its type": the layer's median time per unit of work is far above that of
 *    comparable layers in the same run: same type, arithmetic intensity and amount of work each
 *    within 4× (a 7×7 depthwise conv is legitimately slower per FLOP than a 56×56 one: per-call
 *    overhead weighs more on small layers, so layers of very different sizes are not peers);
 *  - "unsteady": the layer's own runs disagree: the slower quarter of its runs took at least
 *    twice as long as the faster quarter, so its median is not a steady figure. One interrupted
 *    run (the OS takes a core for a few ms) does not make a layer unsteady: that shows in its
 *    p10–p90, and the median ignores it.
 * Both are robust to the outliers they look for: medians and median absolute deviations, never
 * means and standard deviations.
 */
import { formatSI } from '../report/format';
import { formatMs as ms, median, OUTLIER_Z, scaledMad, type RunStats } from './stats';

/** One measured layer, as the outlier rules see it. */
export interface LayerTiming {
  readonly layer: string;
  readonly type: string;
  /** Predicted FLOPs (0 for pure data movement). */
  readonly flops: number;
  /** Elements written (all tops); the work measure of layers without FLOPs. */
  readonly outputElements: number;
  /** FLOPs per byte moved; null when unknown. */
  readonly intensity: number | null;
  readonly stats: RunStats;
  /** The timed runs themselves (ms), in any order. */
  readonly runs: readonly number[];
}

/** Why a layer is flagged. */
export interface LayerFlag {
  readonly kind: 'slow-for-type' | 'unsteady';
  /** One sentence for the UI: the figures and the comparison that flagged it. */
  readonly message: string;
  /** slow-for-type: time ÷ the time comparable layers take for this work; unsteady: q75 ÷ q25. */
  readonly ratio: number;
}

/** A layer is compared with layers of its type whose arithmetic intensity and work are within this factor. */
export const PEER_FACTOR = 4;
/** Comparable layers needed before a layer can be called slow for its type. */
export const MIN_PEERS = 3;
/** Times per unit of work this many times the peers' are worth flagging (below: ordinary spread). */
export const SLOW_RATIO = 3;
/** An unsteady layer's slower quarter of runs took at least this many times its faster quarter. */
export const UNSTEADY_RATIO = 2;

const x = (r: number) => (r >= 10 ? r.toFixed(0) : r.toFixed(1));

/** The faster and the slower quartile (measured values, never interpolated); null below 4 runs. */
export function quartiles(runs: readonly number[]): { q25: number; q75: number } | null {
  if (runs.length < 4) return null;
  const s = [...runs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 4);
  return { q25: s[k]!, q75: s[s.length - 1 - k]! };
}

function work(t: LayerTiming, byFlops: boolean): number {
  return byFlops ? t.flops : t.outputElements;
}

const within = (a: number, b: number) => a <= PEER_FACTOR * b && b <= PEER_FACTOR * a;

function comparable(a: LayerTiming, b: LayerTiming, byFlops: boolean): boolean {
  if (!within(work(a, byFlops), work(b, byFlops))) return false;
  if (a.intensity === null || b.intensity === null || a.intensity <= 0 || b.intensity <= 0) return true;
  return within(a.intensity, b.intensity);
}

/**
 * Flags per layer name (layers without flags are absent). `floorMs` is the smallest excess or
 * spread worth reporting: default 0.05 ms or 0.5% of the summed layer medians, whichever is
 * larger, so timer granularity on microsecond layers is never called an outlier.
 */
export function layerFlags(timings: readonly LayerTiming[], floorMs?: number): Map<string, LayerFlag[]> {
  const total = timings.reduce((a, t) => a + t.stats.median, 0);
  const floor = floorMs ?? Math.max(0.05, 0.005 * total);
  const out = new Map<string, LayerFlag[]>();
  const add = (layer: string, f: LayerFlag) => out.set(layer, [...(out.get(layer) ?? []), f]);

  const byType = new Map<string, LayerTiming[]>();
  for (const t of timings) byType.set(t.type, [...(byType.get(t.type) ?? []), t]);
  for (const [type, group] of byType) {
    // One work measure per type: FLOPs when every layer of the type has them, else elements.
    const byFlops = group.every((t) => t.flops > 0);
    const usable = group.filter((t) => work(t, byFlops) > 0 && t.stats.median > 0);
    for (const t of usable) {
      const peers = usable.filter((p) => p !== t && comparable(t, p, byFlops));
      if (peers.length < MIN_PEERS) continue;
      // Log time per unit of work: sizes differ by orders of magnitude, ratios are what compare.
      const rates = peers.map((p) => Math.log(p.stats.median / work(p, byFlops)));
      const centre = median(rates);
      const spread = scaledMad(rates);
      const expected = work(t, byFlops) * Math.exp(centre);
      const lnRatio = Math.log(t.stats.median) - Math.log(expected);
      const ratio = Math.exp(lnRatio);
      if (ratio < SLOW_RATIO || lnRatio <= OUTLIER_Z * spread || t.stats.median - expected < floor) continue;
      const si = formatSI(work(t, byFlops));
      // "1.61 MFLOPs", "512 FLOPs", "1.05 M elements written".
      const amount = byFlops ? `${si}${si.includes(' ') ? '' : ' '}FLOPs` : `${si} elements written`;
      add(t.layer, {
        kind: 'slow-for-type',
        ratio,
        message:
          `${ms(t.stats.median)} ms where ${peers.length} comparable ${type} layers would take ${ms(expected)} ms ` +
          `for its ${amount}: ${x(ratio)}× slower than its type in this run`,
      });
    }
  }

  for (const t of timings) {
    const q = quartiles(t.runs);
    if (!q || q.q25 <= 0) continue;
    const ratio = q.q75 / q.q25;
    if (ratio < UNSTEADY_RATIO || q.q75 - q.q25 < floor) continue;
    add(t.layer, {
      kind: 'unsteady',
      ratio,
      message:
        `its ${t.runs.length} runs disagree: the middle half spans ${ms(q.q25)}–${ms(q.q75)} ms (${x(ratio)}×), so its ` +
        `median of ${ms(t.stats.median)} ms is not a steady figure (something else took the CPU at times): run again or with more runs`,
    });
  }
  return out;
}
