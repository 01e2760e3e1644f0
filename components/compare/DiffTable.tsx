'use client';

/** Per-layer diff table: status, name, type, cost deltas and what changed; sortable, "hide same" filter. */

import { useMemo, useState } from 'react';
import type { LayerDiff, ModelDiff } from '@/lib/diff';
import { formatSI } from '@/lib/layout';
import { sortDiffRows, STATUS_COLORS, type DiffSortKey } from './compare-model';

/** Props of DiffTable. */
export interface DiffTableProps {
  diff: ModelDiff | null;
  theme: 'light' | 'dark';
  selected: string | null;
  onSelect(name: string): void;
}

const COLUMNS: { key: DiffSortKey; label: string; numeric?: boolean; title?: string }[] = [
  { key: 'status', label: 'status' },
  { key: 'name', label: 'layer' },
  { key: 'order', label: 'type', title: 'Sort in model order' },
  { key: 'macs', label: 'ΔMACs', numeric: true, title: 'B − A multiply-accumulates; sorted by size of the change' },
  { key: 'flops', label: 'ΔFLOPs', numeric: true },
  { key: 'params', label: 'Δparams', numeric: true },
  { key: 'activationBytes', label: 'Δactivations', numeric: true, title: 'B − A output bytes (fp32)' },
];

const signed = (n: number): string => (n === 0 ? '0' : `${n > 0 ? '+' : ''}${formatSI(n)}`);

function typeText(l: LayerDiff): string {
  return l.typeA && l.typeB && l.typeA !== l.typeB ? `${l.typeA}→${l.typeB}` : (l.typeB ?? l.typeA ?? '');
}

export function DiffTable({ diff, theme, selected, onSelect }: DiffTableProps) {
  const [sort, setSort] = useState<{ key: DiffSortKey; desc: boolean }>({ key: 'order', desc: false });
  const [hideSame, setHideSame] = useState(true);
  const rows = useMemo(() => {
    if (!diff) return [];
    const visible = hideSame ? diff.layers.filter((l) => l.status !== 'same') : diff.layers;
    return sortDiffRows(visible, sort.key, sort.desc);
  }, [diff, hideSame, sort]);
  const colors = STATUS_COLORS[theme];

  const header = (key: DiffSortKey) =>
    setSort((s) =>
      s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'order' && key !== 'name' && key !== 'status' },
    );

  return (
    <div className="flex h-full min-h-0 flex-col text-xs" data-testid="diff-table">
      <div className="flex items-center gap-3 border-b border-line px-2 py-1">
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={hideSame}
            onChange={(e) => setHideSame(e.target.checked)}
            data-testid="diff-hide-same"
          />
          hide unchanged layers
        </label>
        <span className="text-muted">
          {rows.length} row{rows.length === 1 ? '' : 's'} · click a column to sort
        </span>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full border-collapse">
          <thead className="sticky top-0 bg-raised">
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  className={`cursor-pointer select-none border-b border-line px-2 py-1 font-medium ${c.numeric ? 'text-right' : 'text-left'}`}
                  onClick={() => header(c.key)}
                  title={c.title}
                  aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                  data-testid={`diff-sort-${c.key}`}
                >
                  {c.label}
                  {sort.key === c.key && c.key !== 'order' ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </th>
              ))}
              <th className="border-b border-line px-2 py-1 text-left font-medium">changes</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-2 py-3 text-muted">
                  {diff ? 'No layer differs between A and B.' : 'Waiting for both analyses…'}
                </td>
              </tr>
            )}
            {rows.map((l, i) => (
              <tr
                key={`${l.status}:${l.name}:${i}`}
                className={`cursor-pointer border-b border-line/50 hover:bg-accent-soft ${selected === l.name ? 'bg-accent-soft' : ''}`}
                onClick={() => l.b && onSelect(l.b.name)}
                data-testid="diff-row"
                data-selected={selected === l.name ? 'true' : undefined}
                data-status={l.status}
                data-name={l.name}
              >
                <td className="px-2 py-0.5">
                  <span
                    className="rounded px-1"
                    style={{ background: colors[l.status].fill, color: colors[l.status].text }}
                  >
                    {l.status}
                  </span>
                </td>
                <td className="max-w-48 truncate px-2 py-0.5 font-mono" title={l.name}>
                  {l.name}
                </td>
                <td className="px-2 py-0.5">{typeText(l)}</td>
                <td className="px-2 py-0.5 text-right font-mono" title={String(l.delta.macs)} data-testid="diff-macs">
                  {signed(l.delta.macs)}
                </td>
                <td className="px-2 py-0.5 text-right font-mono" title={String(l.delta.flops)}>
                  {signed(l.delta.flops)}
                </td>
                <td className="px-2 py-0.5 text-right font-mono" title={String(l.delta.params)}>
                  {signed(l.delta.params)}
                </td>
                <td className="px-2 py-0.5 text-right font-mono" title={String(l.delta.activationBytes)}>
                  {signed(l.delta.activationBytes)}
                </td>
                <td className="px-2 py-0.5 text-muted">{l.summary.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
