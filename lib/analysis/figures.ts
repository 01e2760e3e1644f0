/**
 * How the analysis keeps its count figures honest. Figures are plain numbers (fast, and exact up
 * to 2^53); a figure that is not an exact integer (beyond 2^53 a double rounds) is named in the
 * result's `approx` list, so every view can mark it ("≈"). Totals beyond 2^53 that are sums of
 * exact layer figures are summed as BigInt and carried exactly as decimal strings (`exact`). No
 * figure is ever NaN or Infinity: a value that overflows a double makes the layer's figures
 * unknown, with an error at the layer.
 */

/** The count figures of one layer. */
export type FigureKey = 'params' | 'buffers' | 'macs' | 'flops' | 'activationBytes' | 'weightBytes';

/** The count figures of the totals. */
export type TotalKey = FigureKey | 'peakActivationBytes';

/** Layer figures in a fixed order (the order of `approx` lists). */
export const FIGURE_KEYS: readonly FigureKey[] = [
  'params',
  'buffers',
  'macs',
  'flops',
  'activationBytes',
  'weightBytes',
];

/** Total figures in a fixed order. */
export const TOTAL_KEYS: readonly TotalKey[] = [...FIGURE_KEYS, 'peakActivationBytes'];

/** Largest integer a double holds exactly (2^53 − 1): figures beyond it are marked approximate. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** What carries approximate-figure marks: a LayerResult or the Totals. */
export interface HasApprox<K extends string> {
  readonly approx?: readonly K[];
}

/** True when figure `key` of a layer or of the totals is not exact (show it as "≈"). */
export function isApprox<K extends string>(r: HasApprox<K> | null | undefined, key: K): boolean {
  const a = r?.approx;
  return a !== undefined && a.includes(key);
}

/** True when a count is an exact integer a double can hold (0 ≤ n ≤ 2^53 − 1). */
export function isExactCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_EXACT;
}

/** What carries exact values of big totals: the Totals. */
export interface HasExact<K extends string> {
  readonly exact?: Partial<Readonly<Record<K, string>>>;
}

/**
 * The exact decimal digits of a total when known (for JSON, CSV and hover titles): the BigInt
 * sum for totals beyond 2^53, the integer itself otherwise; undefined for an approximate figure.
 */
export function exactDigits<K extends string>(
  r: (HasApprox<K> & HasExact<K>) | null | undefined,
  key: K,
  value: number,
): string | undefined {
  const big = r?.exact?.[key];
  if (big !== undefined) return big;
  if (isApprox(r, key) || !Number.isFinite(value)) return undefined;
  return Number.isInteger(value) ? String(value) : undefined;
}

/** What figuresKnown reads of a layer. */
export interface LayerFiguresState {
  readonly status: 'ok' | 'broken' | 'unknown';
  readonly inputShapes: readonly (readonly number[] | null)[];
  readonly outputs: readonly (readonly number[] | null)[];
}

/**
 * True when a layer's figures are all known: it analysed without error and every input and
 * output shape is known. A layer downstream of a broken one has unknown inputs, so its figures
 * are unknown too, and the totals (Totals.unknownLayers) say so instead of silently adding 0.
 */
export function figuresKnown(l: LayerFiguresState): boolean {
  if (l.status !== 'ok') return false;
  const outputs = l.outputs;
  for (let i = 0; i < outputs.length; i++) if (outputs[i] === null) return false;
  const inputs = l.inputShapes;
  for (let i = 0; i < inputs.length; i++) if (inputs[i] === null) return false;
  return true;
}

/** The marks of one figure for a view (`<Figure {...figureMarks(totals, 'macs')} />`). */
export function figureMarks<K extends string>(
  r: (HasApprox<K> & HasExact<K>) | null | undefined,
  key: K,
): { approx: boolean; exact?: string } {
  const exact = r?.exact?.[key];
  return exact !== undefined ? { approx: false, exact } : { approx: isApprox(r, key) };
}
