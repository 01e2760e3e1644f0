import type { Shape } from '../ir';

const PREFIXES: readonly [number, string][] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** A count with an SI prefix and three significant digits: 1234567 → `1.23M`, 0 → `0`. */
export function formatSI(value: number): string {
  if (!Number.isFinite(value)) return '?';
  const abs = Math.abs(value);
  for (const [scale, prefix] of PREFIXES) {
    if (abs >= scale * 0.9995) return `${trim(value / scale)}${prefix}`;
  }
  return Number.isInteger(value) ? String(value) : trim(value);
}

function trim(v: number): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(v.toFixed(digits)));
}

/** Bytes on cards, the heat legend and the compare page: the one unit policy (SI, 1 MB = 10⁶ bytes). */
export { formatBytes } from '../report/format';

/** Shape text with `×`; the batch axis is dropped when `dropBatch` (edge labels). */
export function shapeText(shape: Shape | null | undefined, dropBatch = false): string {
  if (!shape) return '?';
  const dims = dropBatch && shape.length > 1 ? shape.slice(1) : shape;
  return dims.length === 0 ? 'scalar' : dims.map((d) => (d < 0 ? '?' : String(d))).join('×');
}

/** Milliseconds with a sensible precision. */
export function formatMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(3)} ms`;
}
