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

/** Bytes with binary-free SI units (kB = 1000 B), e.g. "3.21 MB"; "≈" in front when approximate. */
export function formatBytes(n: number, approx = false): string {
  return (approx ? '≈' : '') + (n < 1000 ? `${n} B` : `${formatSI(n)}B`);
}

export function formatShape(s: Shape | null | undefined): string {
  return s ? s.join('×') : '?';
}
