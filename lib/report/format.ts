import type { Shape } from '../ir';

const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** Headline number with an SI prefix (base 1000), e.g. 15470264320 → "15.47 G". */
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
  const text =
    v >= 100
      ? v.toFixed(Math.max(0, digits - 3))
      : v >= 10
        ? v.toFixed(Math.max(0, digits - 2))
        : v.toFixed(digits - 1);
  return `${n < 0 ? '-' : ''}${text} ${SI[i]}`;
}

/** Exact integer with thousands separators: 15470264320 → "15,470,264,320". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = Math.round(Math.abs(n)).toString();
  return (n < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The one unit policy for bytes (docs/counting.md, "Units"): SI prefixes, base 1000, so
 * 1 kB = 1,000 B and 1 MB = 10^6 B, three significant digits. Every surface prints bytes through
 * this function (table, summary, inspector, compare, graph cards and legend, CLI, exports), so the
 * same figure reads the same everywhere.
 */
export const BYTE_UNITS = 'SI: 1 kB = 1,000 bytes, 1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes';

const BYTE_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E'] as const;

/** Bytes with SI prefixes: `512` → "512 B", `1536` → "1.54 kB", `27_295_616` → "27.3 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  if (v < 1000) return `${sign}${Number.isInteger(v) ? v : v.toPrecision(3)} B`;
  let i = 0;
  // 999,700 B is "1.00 MB", not "1000 kB": step up where rounding to 3 digits would reach 1000.
  while (v >= 999.5 && i < BYTE_PREFIXES.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${sign}${v.toFixed(digits)} ${BYTE_PREFIXES[i]}B`;
}

export function formatShape(s: Shape | null | undefined): string {
  return s ? s.join('×') : '?';
}
