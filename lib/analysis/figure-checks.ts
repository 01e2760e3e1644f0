import type { Diagnostic, SourceSpan } from '../ir';
import { FIGURE_KEYS, MAX_EXACT, figuresKnown, type FigureKey, type TotalKey } from './figures';
import type { LayerResult, Totals } from './types';

const LABEL: Readonly<Record<TotalKey, string>> = {
  params: 'params',
  buffers: 'buffers',
  macs: 'MACs',
  flops: 'FLOPs',
  activationBytes: 'activation bytes',
  weightBytes: 'weight bytes',
  peakActivationBytes: 'peak activation bytes',
};

type Figures = Record<FigureKey, number>;

/** Why a figure is not a count at all, or null when it is one (possibly beyond 2^53). */
function notACount(v: number): string | null {
  if (Number.isNaN(v)) return 'could not be computed (not a number)';
  if (v < 0) return `came out negative (${v})`;
  if (v === Infinity) return 'is beyond the range of a double (~1.8e308)';
  return null;
}

/**
 * The slow path of a layer's figures, taken only when one is not an exact count: a figure that
 * is not a count at all (NaN, Infinity, negative) becomes unknown (0) with an error on the layer;
 * one beyond 2^53 is kept and listed as approximate.
 */
export function checkLayerFigures(
  input: Figures,
  error: (message: string) => void,
  bytesPerElement: number,
): { figures: Figures; approx: FigureKey[] | undefined } {
  const figures = { ...input };
  const approx: FigureKey[] = [];
  for (const key of ['params', 'buffers', 'macs', 'flops', 'activationBytes'] as const) {
    const why = notACount(figures[key]);
    if (why !== null) {
      error(`${LABEL[key]} figure ${why}; counted as unknown`);
      figures[key] = 0;
    } else if (figures[key] > MAX_EXACT) approx.push(key);
  }
  // Weight bytes follow params and buffers (an unknown part is left out, and the layer is broken).
  figures.weightBytes = (figures.params + figures.buffers) * bytesPerElement;
  const why = notACount(figures.weightBytes);
  if (why !== null) {
    error(`${LABEL.weightBytes} figure ${why}; counted as unknown`);
    figures.weightBytes = 0;
  } else if (figures.weightBytes > MAX_EXACT || approx.includes('params') || approx.includes('buffers'))
    approx.push('weightBytes');
  approx.sort((a, b) => FIGURE_KEYS.indexOf(a) - FIGURE_KEYS.indexOf(b));
  return { figures, approx: approx.length ? approx : undefined };
}

/**
 * Totals over the layers: plain sums while exact; a total beyond 2^53 is summed again as BigInt
 * when every part is exact (and carried as digits), else listed as approximate. A sum that
 * overflows a double is shown as the largest double, marked approximate, with a warning.
 */
export function sumTotals(
  layers: readonly LayerResult[],
  peak: number,
  diagnostics: Diagnostic[],
  spanOf: (layerIndex: number) => SourceSpan | undefined,
): Totals {
  const sums: Figures = { params: 0, buffers: 0, macs: 0, flops: 0, activationBytes: 0, weightBytes: 0 };
  let unknownLayers = 0;
  let anyApprox = false;
  for (const l of layers) {
    sums.params += l.params;
    sums.buffers += l.buffers;
    sums.macs += l.macs;
    sums.flops += l.flops;
    sums.activationBytes += l.activationBytes;
    sums.weightBytes += l.weightBytes;
    if (!figuresKnown(l)) unknownLayers++;
    if (l.approx) anyApprox = true;
  }
  const approx: TotalKey[] = [];
  const exact: Partial<Record<TotalKey, string>> = {};
  const overflow = (key: TotalKey, first: LayerResult | undefined) => {
    const span = first ? spanOf(first.index) : undefined;
    diagnostics.push({
      severity: 'warning',
      message: `total ${LABEL[key]} are beyond the range of a double (~1.8e308); shown as at least that`,
      ...(first ? { layer: first.name } : {}),
      ...(span ? { span } : {}),
    });
  };
  for (const key of FIGURE_KEYS) {
    const v = sums[key];
    if (v <= MAX_EXACT && !anyApprox) continue;
    const approxPart = anyApprox ? layers.find((l) => l.approx?.includes(key)) : undefined;
    if (approxPart) {
      approx.push(key);
      if (!Number.isFinite(v)) {
        sums[key] = Number.MAX_VALUE;
        overflow(key, approxPart);
      }
    } else if (v > MAX_EXACT) {
      // Every part is at most 2^53 here; a fractional one (no op gives one today) makes it approximate.
      let big = 0n;
      let whole = true;
      for (const l of layers) {
        const x = l[key];
        if (Number.isInteger(x)) big += BigInt(x);
        else whole = false;
      }
      if (whole) {
        exact[key] = big.toString();
        sums[key] = Number(big);
      } else approx.push(key);
    }
  }
  let peakActivationBytes = peak;
  const peakApprox = anyApprox && layers.some((l) => l.approx?.includes('activationBytes'));
  if (peakApprox || !(peak <= MAX_EXACT)) {
    approx.push('peakActivationBytes');
    if (!Number.isFinite(peak)) {
      peakActivationBytes = Number.MAX_VALUE;
      overflow('peakActivationBytes', layers[0]);
    }
  }
  return {
    ...sums,
    peakActivationBytes,
    unknownLayers,
    ...(approx.length ? { approx } : {}),
    ...(Object.keys(exact).length ? { exact } : {}),
  };
}
