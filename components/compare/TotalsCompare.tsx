'use client';

/** Totals of A and B side by side with the delta and its percentage (exact integers on hover). */

import type { TotalKey } from '@/lib/analysis';
import { isApprox } from '@/lib/analysis/figures';
import type { ModelDiff } from '@/lib/diff';
import { formatBytes, formatSI } from '@/lib/layout';

const ROWS: { key: TotalKey; label: string; bytes?: boolean }[] = [
  { key: 'macs', label: 'MACs' },
  { key: 'flops', label: 'FLOPs' },
  { key: 'params', label: 'params' },
  { key: 'buffers', label: 'buffers' },
  { key: 'activationBytes', label: 'activations (sum)', bytes: true },
  { key: 'peakActivationBytes', label: 'activations (peak)', bytes: true },
  { key: 'weightBytes', label: 'weights', bytes: true },
];

/** Props of TotalsCompare. */
export interface TotalsCompareProps {
  diff: ModelDiff | null;
}

export function TotalsCompare({ diff }: TotalsCompareProps) {
  // "≈" for a total beyond 2^53 that a double rounds (Totals.approx), on either side and the delta.
  const fmt = (n: number, bytes?: boolean, approx = false) =>
    (approx ? '≈' : '') + (bytes ? formatBytes(n) : formatSI(n));
  return (
    <table className="w-full text-xs" data-testid="compare-totals">
      <thead>
        <tr className="text-muted">
          <th className="px-2 text-left font-medium">total</th>
          <th className="px-2 text-right font-medium">A</th>
          <th className="px-2 text-right font-medium">B</th>
          <th className="px-2 text-right font-medium">B − A</th>
          <th className="px-2 text-right font-medium">%</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {ROWS.map(({ key, label, bytes }) => {
          if (!diff) {
            return (
              <tr key={key}>
                <td className="px-2 font-sans">{label}</td>
                <td colSpan={4} className="px-2 text-right text-muted">
                  …
                </td>
              </tr>
            );
          }
          const a = diff.totals.a[key];
          const b = diff.totals.b[key];
          const d = diff.totals.delta[key];
          const pct = a === 0 ? (d === 0 ? '0 %' : '—') : `${d > 0 ? '+' : ''}${((100 * d) / a).toFixed(1)} %`;
          const approxA = isApprox(diff.totals.a, key);
          const approxB = isApprox(diff.totals.b, key);
          const tone = d < 0 ? 'text-[#15803d] dark:text-[#4ade80]' : d > 0 ? 'text-danger' : 'text-muted';
          return (
            <tr key={key} data-testid={`compare-total-${key}`} data-delta={d}>
              <td className="px-2 font-sans">{label}</td>
              <td className="px-2 text-right" title={a.toLocaleString('en-US')}>
                {fmt(a, bytes, approxA)}
              </td>
              <td className="px-2 text-right" title={b.toLocaleString('en-US')}>
                {fmt(b, bytes, approxB)}
              </td>
              <td
                className={`px-2 text-right ${tone}`}
                title={d.toLocaleString('en-US')}
                data-testid={`compare-delta-${key}`}
              >
                {d === 0 ? '0' : `${d > 0 ? '+' : '−'}${fmt(Math.abs(d), bytes, approxA || approxB)}`}
              </td>
              <td className={`px-2 text-right ${tone}`}>{pct}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
