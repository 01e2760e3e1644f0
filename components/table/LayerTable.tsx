'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisResult, LayerResult } from '@/lib/analysis';
import { Figure } from '@/components/ui/Figure';
import { isApprox, MAX_EXACT } from '@/lib/analysis/figures';
import { HelpTip } from '@/components/ui/HelpTip';
import { formatPercent, formatShape } from '@/components/ui/format';
import { FIGURE_HELP } from '@/components/summary/figure-help';
import { unknownLayersText } from '@/lib/workspace/partial';
import type { Shape } from '@/lib/ir';
import type { InputNeed } from '@/lib/workspace/input-suggestions';
import { ShapeField } from '@/components/workspace/ShapeField';
import { rowTotals, tablePositions, typeCounts, visibleRange, type SortKey, type SortState } from './table-model';

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

/** The name cell's hover text: the name, and why the row's figures are not shown when they are not. */
function statusTitle(l: LayerResult): string {
  if (l.status === 'broken') return `${l.name}: this layer has errors (see Problems); its figures are unknown`;
  if (l.status === 'unknown')
    return `${l.name}: figures unknown (unknown layer type, or an input shape upstream is unknown)`;
  return l.name;
}

/** Props of the per-layer table. */
export interface LayerTableProps {
  analysis: AnalysisResult | null;
  selected: string | null;
  onSelect(name: string): void;
  /** Inputs without a shape in the file (or with a guessed one, or set by the user): their data layer's row gets an inline shape field. */
  inputFields?: {
    needs: readonly InputNeed[];
    overrides: Readonly<Record<string, Shape>>;
    onOverride(name: string, shape: Shape | null): void;
  };
}

/** Every layer with its figures; sortable, filterable by type, virtualised for thousands of rows. */
export function LayerTable({ analysis, selected, onSelect, inputFields }: LayerTableProps) {
  const [sort, setSort] = useState<SortState>({ key: 'order', dir: 'asc' });
  const [types, setTypes] = useState<Set<string>>(new Set());
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const scroller = useRef<HTMLDivElement>(null);

  const layers = useMemo(() => analysis?.layers ?? [], [analysis]);
  // Positions in graph order: the "#" column of each row.
  const positions = useMemo(() => tablePositions(layers, sort, types, query), [layers, sort, types, query]);
  const rows = useMemo(() => positions.map((i) => layers[i]!), [layers, positions]);
  const totals = useMemo(() => rowTotals(rows), [rows]);
  const allTypes = useMemo(() => typeCounts(layers), [layers]);
  const totalMacs = analysis?.totals.macs ?? 0;
  const partial = totals.unknown > 0;

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

  // Layer index → the input it declares without a shape (its row's Output cell is a shape field),
  // with the shape in use when there is one (a guessed shape shows in its field, ready to correct).
  const fieldOf = useMemo(() => {
    const m = new Map<number, string>();
    if (!analysis || !inputFields || inputFields.needs.length === 0) return m;
    const wanted = new Set(inputFields.needs.map((n) => n.name));
    for (const inp of analysis.graph.inputs)
      if (inp.node !== undefined && wanted.has(inp.name) && !m.has(inp.node)) m.set(inp.node, inp.name);
    return m;
  }, [analysis, inputFields]);
  const shapeOf = useMemo(() => new Map(analysis?.graph.inputs.map((i) => [i.name, i.shape]) ?? []), [analysis]);

  const [first, last] = visibleRange(scrollTop, height, ROW, rows.length);
  // Keyboard: the body takes focus (Tab), arrows / Page / Home / End move the selection through the rows shown.
  const onKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || rows.length === 0) return;
    const at = rows.findIndex((r) => r.name === selected);
    const page = Math.max(1, Math.floor(height / ROW) - 1);
    const to: Record<string, number> = {
      ArrowDown: at < 0 ? 0 : at + 1,
      ArrowUp: at < 0 ? 0 : at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: rows.length - 1,
    };
    const next = to[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onSelect(rows[Math.min(rows.length - 1, Math.max(0, next))]!.name);
  };

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
        className="relative min-h-0 flex-1 overflow-y-auto outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent/60"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKey}
        tabIndex={0}
        role="grid"
        aria-label="Layers: arrow keys move the selection"
        aria-rowcount={rows.length}
        data-testid="table-body"
      >
        <div style={{ height: rows.length * ROW, position: 'relative' }}>
          {rows.slice(first, last).map((l, i) => {
            const idx = first + i;
            const isSel = l.name === selected;
            const unknown = l.status !== 'ok';
            const share = totalMacs > 0 && !unknown ? l.macs / totalMacs : 0;
            return (
              <div
                key={`${l.index}:${l.name}`}
                role="row"
                data-testid="table-row"
                data-layer={l.name}
                data-status={l.status}
                aria-selected={isSel}
                onClick={() => onSelect(l.name)}
                className={`absolute left-0 right-0 flex cursor-pointer items-center gap-2 px-2 ${
                  isSel ? 'bg-accent-soft' : idx % 2 ? 'bg-canvas/40 hover:bg-raised' : 'hover:bg-raised'
                } ${l.status === 'broken' ? 'text-danger' : ''}`}
                style={{ top: idx * ROW, height: ROW }}
              >
                <div className="w-8 text-right text-muted tabular">{positions[idx]! + 1}</div>
                <div className="min-w-0 flex-[2] truncate font-mono" title={statusTitle(l)}>
                  {l.status !== 'ok' && (
                    <span
                      className={l.status === 'broken' ? 'mr-1 text-danger' : 'mr-1 text-warn'}
                      data-testid="row-status"
                    >
                      {l.status === 'broken' ? '✕' : '?'}
                    </span>
                  )}
                  {l.name}
                </div>
                <div className="w-24 truncate" title={l.type}>
                  {l.type}
                </div>
                {fieldOf.has(l.index) && inputFields ? (
                  <div className="flex w-28" data-testid="row-shape-cell">
                    <ShapeField
                      name={fieldOf.get(l.index)!}
                      value={inputFields.overrides[fieldOf.get(l.index)!] ?? shapeOf.get(fieldOf.get(l.index)!) ?? null}
                      onCommit={(shape) => inputFields.onOverride(fieldOf.get(l.index)!, shape)}
                      compact
                      testId="row-shape"
                    />
                  </div>
                ) : (
                  <div className="w-28 truncate font-mono tabular" title={l.outputs.map(formatShape).join(', ')}>
                    {l.outputs.map(formatShape).join(', ')}
                  </div>
                )}
                <div className="w-16 text-right">
                  <Figure value={l.params} unknown={unknown} approx={isApprox(l, 'params')} />
                </div>
                <div className="w-16 text-right" data-testid="cell-macs">
                  <Figure value={l.macs} unknown={unknown} approx={isApprox(l, 'macs')} />
                </div>
                <div className="w-16 text-right">
                  <Figure value={l.flops} unknown={unknown} approx={isApprox(l, 'flops')} />
                </div>
                <div className="w-16 text-right" data-testid="cell-activation">
                  <Figure value={l.activationBytes} bytes unknown={unknown} approx={isApprox(l, 'activationBytes')} />
                </div>
                <div
                  className="flex w-24 items-center gap-1"
                  title={unknown ? 'unknown' : `${formatPercent(l.macs, totalMacs)} of all MACs`}
                >
                  <div className="h-2 flex-1 overflow-hidden rounded-sm bg-raised">
                    <div className="h-full bg-accent" style={{ width: `${(share * 100).toFixed(2)}%` }} />
                  </div>
                  <span className="w-10 text-right tabular text-muted">
                    {unknown ? '—' : formatPercent(l.macs, totalMacs)}
                  </span>
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
        <div className="min-w-0 flex-[2] truncate">
          Total{rows.length !== layers.length ? ' (shown rows)' : ''}
          {totals.unknown > 0 && (
            <span
              className="ml-2 font-normal text-warn"
              data-testid="table-unknown"
              title={`${unknownLayersText(totals.unknown)}: the totals count only the layers whose figures are known`}
            >
              {totals.unknown.toLocaleString('en-US')} unknown
            </span>
          )}
        </div>
        <div className="w-24" />
        <div className="w-28" />
        <div className="w-16 text-right">
          <Figure value={totals.params} atLeast={partial} approx={totals.params > MAX_EXACT} />
        </div>
        <div className="w-16 text-right" data-testid="total-cell-macs">
          <Figure value={totals.macs} atLeast={partial} approx={totals.macs > MAX_EXACT} />
        </div>
        <div className="w-16 text-right">
          <Figure value={totals.flops} atLeast={partial} approx={totals.flops > MAX_EXACT} />
        </div>
        <div className="w-16 text-right" data-testid="total-cell-activation">
          <Figure value={totals.activationBytes} bytes atLeast={partial} approx={totals.activationBytes > MAX_EXACT} />
        </div>
        <div className="w-24 text-right tabular text-muted">{formatPercent(totals.macs, totalMacs)}</div>
      </div>
    </div>
  );
}
