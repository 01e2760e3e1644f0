/**
 * Summaries of timed runs: the median and the spread that the Run tab shows for the model and
 * for every layer, and the rule that names slow runs. Pure functions over milliseconds.
 */

/** Median of a list (mean of the two middle values for even lengths); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median and spread of one series of timed runs (ms). */
export interface RunStats {
  readonly n: number;
  readonly median: number;
  /**
   * p10–p90: the range left after dropping the fastest and the slowest 10% of runs (rounded
   * down). Below 10 runs nothing is dropped, so it equals min–max; it never interpolates, so
   * both ends are times that were measured.
   */
  readonly p10: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/** Median, p10–p90 and min–max of a series. Throws on an empty series (nothing ran). */
export function summarize(values: readonly number[]): RunStats {
  if (values.length === 0) throw new Error('summarize: no runs');
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const cut = Math.floor(n / 10);
  return { n, median: median(s), p10: s[cut]!, p90: s[n - 1 - cut]!, min: s[0]!, max: s[n - 1]! };
}

/**
 * Median absolute deviation scaled to a standard deviation (×1.4826, exact for normal data):
 * a spread that one wild value cannot inflate.
 */
export function scaledMad(values: readonly number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

/** Iglewicz and Hoaglin's cut-off for the modified z-score: beyond it a value is an outlier. */
export const OUTLIER_Z = 3.5;

/** A timed run well above the others. */
export interface SlowRun {
  /** 0-based index among the timed runs. */
  readonly index: number;
  readonly ms: number;
  /** Its time ÷ the median. */
  readonly ratio: number;
}

/**
 * Timed runs that were interrupted rather than representative: at least 1.25× the median AND
 * beyond the modified z-score cut-off (3.5 scaled MADs above the median). The ratio floor keeps
 * jitter of a steady series (MAD near 0) from being called an outlier. Needs 5 runs.
 */
export function slowRuns(runMs: readonly number[]): SlowRun[] {
  if (runMs.length < 5) return [];
  const m = median(runMs);
  const s = scaledMad(runMs);
  return runMs
    .map((ms, index) => ({ index, ms, ratio: ms / m }))
    .filter((r) => r.ratio >= 1.25 && r.ms - m > OUTLIER_Z * s);
}

/** Milliseconds as the Run tab prints them, 3 significant digits or so: 0.042, 4.23, 43.3, 235. */
export function formatMs(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}
