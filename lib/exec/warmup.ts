/**
 * When timing may start. Chromium runs onnxruntime-web's WebAssembly on baseline code first and
 * compiles hot functions with its optimising tier in the background; until that lands, runs are
 * slower: ~2× on a quiet 2-core machine (MobileNet v1: ~100 ms for ~10 runs, then ~45 ms), and
 * up to 8× on a loaded one, where the background compiler competes with the runtime's spinning
 * threads (ResNet-50: 1.2–1.5 s for its first runs against a 150–190 ms steady state). A count
 * or a fixed time cannot know when that is over; the series of warm-up times can.
 */
import { median } from './stats';

/** How long warm-up goes on. */
export interface WarmupRule {
  /** At least this many runs. */
  readonly minRuns: number;
  /** And at least this long (ms). */
  readonly minMs: number;
  /**
   * Then on until runs have stopped getting faster, for at most this long in all (ms). 0 or
   * less than minMs: no convergence check, warm-up ends once both minimums are met.
   */
  readonly maxMs: number;
}

/** Runs in each of the two windows compared, at least (a tenth of the series when longer). */
export const WARMUP_WINDOW = 5;
/** The later window may be at most this much faster than the one before it (10%). */
export const WARMUP_TOLERANCE = 0.1;

/** Why warm-up ended. */
export type WarmupStop =
  /** the minimum runs and time were met and no convergence check was asked for */
  | 'minimum'
  /** the last window's median was no more than 10% faster than the window before */
  | 'converged'
  /** runs were still getting faster when the maximum time ran out */
  | 'max-time';

/** The two windows compared at the end of warm-up: median ms of the earlier and the later. */
export interface WarmupWindows {
  readonly runs: number;
  readonly earlierMs: number;
  readonly laterMs: number;
}

/** The window size for a series of n runs: WARMUP_WINDOW, or a tenth of the series when longer. */
export function warmupWindow(n: number): number {
  return Math.max(WARMUP_WINDOW, Math.floor(n / 10));
}

/** The medians of the last two windows of the series, or null when it is too short. */
export function lastWindows(series: readonly number[]): WarmupWindows | null {
  const w = warmupWindow(series.length);
  if (series.length < 2 * w) return null;
  const n = series.length;
  return {
    runs: w,
    earlierMs: median(series.slice(n - 2 * w, n - w)),
    laterMs: median(series.slice(n - w)),
  };
}

/**
 * Decides after each warm-up run: null to go on, or why to stop. Runs have "stopped getting
 * faster" when the median of the last w runs is at most 10% below the median of the w runs
 * before (w = 5, or a tenth of the series for fast models with thousands of runs, so that
 * both medians are steady). Getting slower also counts as stopped: that is load, not warm-up.
 */
export function warmupVerdict(series: readonly number[], elapsedMs: number, rule: WarmupRule): WarmupStop | null {
  if (series.length < rule.minRuns || elapsedMs < rule.minMs) return null;
  if (!(rule.maxMs > rule.minMs)) return 'minimum';
  const win = lastWindows(series);
  if (win && win.earlierMs <= (1 + WARMUP_TOLERANCE) * win.laterMs) return 'converged';
  return elapsedMs >= rule.maxMs ? 'max-time' : null;
}

/**
 * A note when the timed runs were still getting faster (the first half's median over 1.2× the
 * second half's): the runtime was still warming up, so the median overstates the steady state.
 */
export function stillWarming(runMs: readonly number[]): string | null {
  if (runMs.length < 6) return null;
  const h = runMs.length >> 1;
  const early = median(runMs.slice(0, h));
  const late = median(runMs.slice(runMs.length - h));
  if (!(early > 1.2 * late)) return null;
  return (
    `run times were still falling (first ${h} runs: median ${early.toFixed(1)} ms, last ${h}: ${late.toFixed(1)} ms); ` +
    'the runtime was still warming up: a longer warm-up gives steadier figures'
  );
}
