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
  const text = v >= 100 ? v.toFixed(Math.max(0, digits - 3)) : v >= 10 ? v.toFixed(Math.max(0, digits - 2)) : v.toFixed(digits - 1);
  return `${n < 0 ? '-' : ''}${text} ${SI[i]}`;
}

/** Exact integer with thousands separators: 15470264320 → "15,470,264,320". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = Math.round(Math.abs(n)).toString();
  return (n < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes with binary-free SI units (kB = 1000 B), e.g. "3.21 MB". */
export function formatBytes(n: number): string {
  return n < 1000 ? `${n} B` : `${formatSI(n)}B`;
}

export function formatShape(s: Shape | null | undefined): string {
  return s ? s.join('×') : '?';
}
