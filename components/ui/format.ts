/**
 * Number formatting for every figure on screen. Headline figures use SI prefixes with base
 * 1000 (counting.md, "Totals"): bytes too, so 1 MB = 10^6 bytes; the exact integer goes in a
 * title attribute.
 */
const PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E'] as const;

/** `4089184256` → `4.09 G`; values under 1000 stay exact. */
export function formatSI(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  let v = Math.abs(value);
  if (v < 1000) return `${sign}${Number.isInteger(v) ? v : v.toPrecision(3)}${unit ? ` ${unit}` : ''}`;
  let i = 0;
  while (v >= 999.5 && i < PREFIXES.length - 1) {
    v /= 1000;
    i++;
  }
  // Past exa (only hostile or absurd models get there) an exponent says more than a prefix.
  if (v >= 999.5) return `${value.toPrecision(3)}${unit ? ` ${unit}` : ''}`;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${sign}${v.toFixed(digits)} ${PREFIXES[i]}${unit}`;
}

/** Bytes with SI prefixes: `102760448` → `102.8 MB`. */
export function formatBytes(bytes: number): string {
  return formatSI(bytes, 'B');
}

// One formatter for every exact figure: toLocaleString builds a new one per call, which cost
// 20-26 ms of CPU per render of a 1,000-row table.
const EXACT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * The exact integer with thousands separators, for hover titles: `4,089,184,256`. `exact` digits
 * (a total beyond 2^53 summed as BigInt, Totals.exact) win; an approximate figure (beyond 2^53,
 * LayerResult.approx / Totals.approx) shows as `≈1.930e+17`, since its last digits would be invented.
 */
export function formatExact(value: number, approx = false, exact?: string): string {
  if (exact !== undefined) return exact.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (!Number.isFinite(value)) return String(value);
  if (approx) return `≈${value.toPrecision(4)}`;
  return EXACT.format(Math.round(value));
}

/** A shape as `1×64×112×112`; `?` when unknown. */
export function formatShape(shape: readonly number[] | null | undefined): string {
  if (!shape) return '?';
  if (shape.length === 0) return 'scalar';
  return shape.join('×');
}

/** A share as a percentage with sensible precision: `12.3%`, `0.04%`, `0%`. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const p = (part / whole) * 100;
  return `${p >= 10 ? p.toFixed(1) : p >= 0.1 ? p.toFixed(2) : p.toPrecision(1)}%`;
}
