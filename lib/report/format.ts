import type { Shape } from '../ir';

const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** Headline number with an SI prefix (base 1000), e.g. 15470264320 → "15.47 G"; beyond E, scientific. */
export function formatSI(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n * 100) / 100);
  let i = 0;
  let v = abs;
  while (v >= 1000 && i < SI.length - 1) {
    v /= 1000;
    i++;
  }
  // Past exa (1e21 and up: only hostile or absurd models) a prefix says less than an exponent.
  if (v >= 1000) return n.toPrecision(digits).replace('e+', 'e');
  const text =
    v >= 100
      ? v.toFixed(Math.max(0, digits - 3))
      : v >= 10
        ? v.toFixed(Math.max(0, digits - 2))
        : v.toFixed(digits - 1);
  return `${n < 0 ? '-' : ''}${text} ${SI[i]}`;
}

const withSeparators = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Exact integer with thousands separators: 15470264320 → "15,470,264,320". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(Math.abs(n));
  // Above 1e21 toString switches to exponent form; such a figure is approximate anyway.
  const s = r < 1e21 ? r.toString() : r.toPrecision(4);
  return (n < 0 ? '-' : '') + (r < 1e21 ? withSeparators(s) : s);
}

/**
 * A count for exact columns: the integer with separators (or `exact` digits, the BigInt sum of a
 * total beyond 2^53), or "≈1.930e+17" when approximate: digits beyond 2^53 would be invented.
 */
export function formatCount(n: number, approx = false, exact?: string): string {
  if (exact !== undefined) return withSeparators(exact);
  if (approx) return `≈${n.toPrecision(4)}`;
  return formatInt(n);
}

/**
 * The one unit policy for bytes (docs/counting.md, "Units"): SI prefixes, base 1000, so
 * 1 kB = 1,000 B and 1 MB = 10^6 B, three significant digits. Every surface prints bytes through
 * this function (table, summary, inspector, compare, graph cards and legend, CLI, exports), so the
 * same figure reads the same everywhere.
 */
export const BYTE_UNITS = 'SI: 1 kB = 1,000 bytes, 1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes';

const BYTE_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E'] as const;

/**
 * Bytes with SI prefixes: `512` → "512 B", `1536` → "1.54 kB", `27_295_616` → "27.3 MB";
 * "≈" in front when approximate (beyond 2^53).
 */
export function formatBytes(n: number, approx = false): string {
  if (!Number.isFinite(n)) return '—';
  const mark = approx ? '≈' : '';
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  if (v < 1000) return `${mark}${sign}${Number.isInteger(v) ? v : v.toPrecision(3)} B`;
  let i = 0;
  // 999,700 B is "1.00 MB", not "1000 kB": step up where rounding to 3 digits would reach 1000.
  while (v >= 999.5 && i < BYTE_PREFIXES.length - 1) {
    v /= 1000;
    i++;
  }
  // Past exa (only hostile or absurd models) a prefix says less than an exponent.
  if (v >= 999.5) return `${mark}${n.toPrecision(3)} B`;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${mark}${sign}${v.toFixed(digits)} ${BYTE_PREFIXES[i]}B`;
}

export function formatShape(s: Shape | null | undefined): string {
  return s ? s.join('×') : '?';
}
