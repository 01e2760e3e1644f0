'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisResult, LayerResult } from '@/lib/analysis';
import { Figure } from '@/components/ui/Figure';
import { isApprox, MAX_EXACT } from '@/lib/analysis/figures';
import { HelpTip } from '@/components/ui/HelpTip';
import { formatPercent, formatShape } from '@/components/ui/format';
import { FIGURE_HELP } from '@/components/summary/figure-help';
import { rowTotals, tableRows, typeCounts, visibleRange, type SortKey, type SortState } from './table-model';

const ROW = 22;

interface Column {
  key: SortKey;
  label: string;
  className: string;
  help?: string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'order', label: '#', className: 'w-8 text-right', numeric: true },
  { key: 'name', label: 'Layer', className: 'min-w-0 flex-[2]' },
  { key: 'type', label: 'Type', className: 'w-24' },
  { key: 'output', label: 'Output', className: 'w-28', help: FIGURE_HELP.output },
  { key: 'params', label: 'Params', className: 'w-16 text-right', help: FIGURE_HELP.params, numeric: true },
  { key: 'macs', label: 'MACs', className: 'w-16 text-right', help: FIGURE_HELP.macs, numeric: true },
  { key: 'flops', label: 'FLOPs', className: 'w-16 text-right', help: FIGURE_HELP.flops, numeric: true },
  { key: 'activation', label: 'Activ.', className: 'w-16 text-right', help: FIGURE_HELP.activation, numeric: true },
  { key: 'share', label: '% MACs', className: 'w-24', help: FIGURE_HELP.share, numeric: true },
];

/** Props of the per-layer table. */
export interface LayerTableProps {
  analysis: AnalysisResult | null;
  selected: string | null;
  onSelect(name: string): void;
}

/** Every layer with its figures; sortable, filterable by type, virtualised for thousands of rows. */
export function LayerTable({ analysis, selected, onSelect }: LayerTableProps) {
  const [sort, setSort] = useState<SortState>({ key: 'order', dir: 'asc' });
  const [types, setTypes] = useState<Set<string>>(new Set());
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const scroller = useRef<HTMLDivElement>(null);

  const layers = useMemo(() => analysis?.layers ?? [], [analysis]);
  const rows = useMemo(() => tableRows(layers, sort, types, query), [layers, sort, types, query]);
  const totals = useMemo(() => rowTotals(rows), [rows]);
  const allTypes = useMemo(() => typeCounts(layers), [layers]);
  const totalMacs = analysis?.totals.macs ?? 0;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Bring the selected row into view when the selection comes from elsewhere.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !selected) return;
    const i = rows.findIndex((r) => r.name === selected);
    if (i < 0) return;
    const top = i * ROW;
    if (top < el.scrollTop || top + ROW > el.scrollTop + el.clientHeight)
      el.scrollTop = Math.max(0, top - el.clientHeight / 2);
  }, [selected, rows]);

  const [first, last] = visibleRange(scrollTop, height, ROW, rows.length);
  const orderOf = useMemo(() => {
    const m = new Map<LayerResult, number>();
    layers.forEach((l, i) => m.set(l, i + 1));
    return m;
  }, [layers]);

  const clickHeader = (key: SortKey, numeric?: boolean) =>
    setSort((s) =>
      s.key === key
        ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: numeric && key !== 'order' ? 'desc' : 'asc' },
    );

  if (!analysis) return <div className="p-4 text-muted">No analysis yet.</div>;

  return (
    <div className="flex h-full min-h-0 flex-col text-xs" data-testid="layer-table">
      <div className="flex shrink-0 items-center gap-2 border-b border-line px-2 py-1">
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Filter by name or type"
          className="h-6 w-48 rounded border border-line bg-canvas px-2 text-xs outline-none focus:border-accent"
          data-testid="table-filter"
        />
        <select
          value=""
          onChange={(e) => {
            const t = e.target.value;
            if (!t) return;
            setTypes((prev) => {
              const next = new Set(prev);
              if (next.has(t)) next.delete(t);
              else next.add(t);
              return next;
            });
          }}
          className="h-6 rounded border border-line bg-canvas px-1 text-xs"
          data-testid="type-filter"
          aria-label="Filter by layer type"
        >
          <option value="">Type filter…</option>
          {allTypes.map(({ type, count }) => (
            <option key={type} value={type}>
              {types.has(type) ? '✓ ' : ''}
              {type} ({count})
            </option>
          ))}
        </select>
        {[...types].map((t) => (
          <button
            key={t}
            onClick={() => setTypes((prev) => new Set([...prev].filter((x) => x !== t)))}
            className="rounded bg-accent-soft px-1.5 py-0.5 text-[11px] text-fg"
            title="Remove this type filter"
          >
            {t} ×
          </button>
        ))}
        <span className="ml-auto text-muted" data-testid="table-count">
          {rows.length} of {layers.length} layers
        </span>
      </div>
      <div
        className="flex shrink-0 items-center gap-2 border-b border-line bg-raised px-2 font-medium text-muted"
        style={{ height: ROW + 2 }}
      >
        {COLUMNS.map((c) => (
          <div
            key={c.key}
            className={`${c.className} flex items-center ${c.numeric && c.key !== 'share' ? 'justify-end' : ''}`}
          >
            <button
              onClick={() => clickHeader(c.key, c.numeric)}
              className="truncate hover:text-fg"
              data-testid={`sort-${c.key}`}
              aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              {c.label}
              {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
            {c.help && <HelpTip text={c.help} label={c.label} />}
          </div>
        ))}
      </div>
      <div
        ref={scroller}
        className="relative min-h-0 flex-1 overflow-y-auto"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="table-body"
      >
        <div style={{ height: rows.length * ROW, position: 'relative' }}>
          {rows.slice(first, last).map((l, i) => {
            const idx = first + i;
            const isSel = l.name === selected;
            const share = totalMacs > 0 ? l.macs / totalMacs : 0;
            return (
              <div
                key={`${l.index}:${l.name}`}
                role="row"
                data-testid="table-row"
                data-layer={l.name}
                aria-selected={isSel}
                onClick={() => onSelect(l.name)}
                className={`absolute left-0 right-0 flex cursor-pointer items-center gap-2 px-2 ${
                  isSel ? 'bg-accent-soft' : idx % 2 ? 'bg-canvas/40 hover:bg-raised' : 'hover:bg-raised'
                } ${l.status !== 'ok' ? 'text-danger' : ''}`}
                style={{ top: idx * ROW, height: ROW }}
              >
                <div className="w-8 text-right text-muted tabular">{orderOf.get(l)}</div>
                <div className="min-w-0 flex-[2] truncate font-mono" title={l.name}>
                  {l.name}
                </div>
                <div className="w-24 truncate" title={l.type}>
                  {l.type}
                </div>
                <div className="w-28 truncate font-mono tabular" title={l.outputs.map(formatShape).join(', ')}>
                  {l.outputs.map(formatShape).join(', ')}
                </div>
                <div className="w-16 text-right">
                  <Figure value={l.params} approx={isApprox(l, 'params')} />
                </div>
                <div className="w-16 text-right" data-testid="cell-macs">
                  <Figure value={l.macs} approx={isApprox(l, 'macs')} />
                </div>
                <div className="w-16 text-right">
                  <Figure value={l.flops} approx={isApprox(l, 'flops')} />
                </div>
                <div className="w-16 text-right">
                  <Figure value={l.activationBytes} bytes approx={isApprox(l, 'activationBytes')} />
                </div>
                <div className="flex w-24 items-center gap-1" title={`${formatPercent(l.macs, totalMacs)} of all MACs`}>
                  <div className="h-2 flex-1 overflow-hidden rounded-sm bg-raised">
                    <div className="h-full bg-accent" style={{ width: `${(share * 100).toFixed(2)}%` }} />
                  </div>
                  <span className="w-10 text-right tabular text-muted">{formatPercent(l.macs, totalMacs)}</span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <div
        className="flex shrink-0 items-center gap-2 border-t border-line bg-raised px-2 font-semibold"
        style={{ height: ROW + 2 }}
        data-testid="table-totals"
      >
        <div className="w-8" />
        <div className="min-w-0 flex-[2]">Total{rows.length !== layers.length ? ' (shown rows)' : ''}</div>
        <div className="w-24" />
        <div className="w-28" />
        <div className="w-16 text-right">
          <Figure value={totals.params} approx={totals.params > MAX_EXACT} />
        </div>
        <div className="w-16 text-right">
          <Figure value={totals.macs} approx={totals.macs > MAX_EXACT} />
        </div>
        <div className="w-16 text-right">
          <Figure value={totals.flops} approx={totals.flops > MAX_EXACT} />
        </div>
        <div className="w-16 text-right">
          <Figure value={totals.activationBytes} bytes approx={totals.activationBytes > MAX_EXACT} />
        </div>
        <div className="w-24 text-right tabular text-muted">{formatPercent(totals.macs, totalMacs)}</div>
      </div>
    </div>
  );
}
