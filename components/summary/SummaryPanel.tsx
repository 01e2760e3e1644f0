'use client';
import { useMemo } from 'react';
import type { AnalysisResult } from '@/lib/analysis';
import { figureMarks } from '@/lib/analysis/figures';
import type { Shape } from '@/lib/ir';
import { Figure } from '@/components/ui/Figure';
import { HelpTip } from '@/components/ui/HelpTip';
import { formatSI, formatBytes } from '@/components/ui/format';
import { breakdownByType } from './breakdown';
import { FIGURE_HELP } from './figure-help';
import { InputShapes } from './InputShapes';

/** Props of the summary panel. */
export interface SummaryPanelProps {
  analysis: AnalysisResult | null;
  overrides: Readonly<Record<string, Shape>>;
  onOverride(name: string, shape: Shape | null): void;
}

function Total({
  label,
  value,
  bytes,
  help,
  testId,
  marks,
}: {
  label: string;
  value: number;
  bytes?: boolean;
  help: string;
  testId: string;
  /** Approximate / exact-digit marks of a figure beyond 2^53 (figureMarks). */
  marks?: { approx: boolean; exact?: string };
}) {
  return (
    <div className="rounded border border-line bg-surface px-3 py-2">
      <div className="flex items-center text-[11px] uppercase tracking-wide text-muted">
        {label}
        <HelpTip text={help} label={label} />
      </div>
      <div className="text-lg font-semibold" data-testid={testId}>
        <Figure value={value} bytes={bytes} {...marks} />
      </div>
    </div>
  );
}

/** Totals, breakdown by layer type and the input-shape controls. */
export function SummaryPanel({ analysis, overrides, onOverride }: SummaryPanelProps) {
  const shares = useMemo(() => breakdownByType(analysis?.layers ?? []), [analysis]);
  if (!analysis) return <div className="p-4 text-muted">No analysis yet.</div>;
  const t = analysis.totals;
  return (
    <div className="h-full overflow-y-auto p-3 text-xs" data-testid="summary">
      <div className="grid grid-cols-4 gap-2">
        <Total label="MACs" value={t.macs} help={FIGURE_HELP.macs} testId="total-macs" marks={figureMarks(t, 'macs')} />
        <Total
          label="FLOPs"
          value={t.flops}
          help={FIGURE_HELP.flops}
          testId="total-flops"
          marks={figureMarks(t, 'flops')}
        />
        <Total
          label="Params"
          value={t.params}
          help={FIGURE_HELP.params}
          testId="total-params"
          marks={figureMarks(t, 'params')}
        />
        <Total
          label="Buffers"
          value={t.buffers}
          help={FIGURE_HELP.buffers}
          testId="total-buffers"
          marks={figureMarks(t, 'buffers')}
        />
        <Total
          label="Peak activations"
          value={t.peakActivationBytes}
          bytes
          help={FIGURE_HELP.peak}
          testId="total-peak"
          marks={figureMarks(t, 'peakActivationBytes')}
        />
        <Total
          label="All activations"
          value={t.activationBytes}
          bytes
          help={FIGURE_HELP.totalActivation}
          testId="total-act"
          marks={figureMarks(t, 'activationBytes')}
        />
        <Total
          label="Weights"
          value={t.weightBytes}
          bytes
          help={FIGURE_HELP.weights}
          testId="total-weights"
          marks={figureMarks(t, 'weightBytes')}
        />
        <div className="rounded border border-line bg-surface px-3 py-2">
          <div className="flex items-center text-[11px] uppercase tracking-wide text-muted">
            Batch
            <HelpTip text={FIGURE_HELP.batch} label="batch" />
          </div>
          <div className="text-lg font-semibold tabular" data-testid="total-batch">
            {analysis.batch}
            <span className="ml-2 text-xs font-normal text-muted">
              declared {analysis.declaredBatch ?? 'none'} · {analysis.layers.length} layers
            </span>
          </div>
        </div>
      </div>

      <div className="mt-3 grid grid-cols-2 gap-4">
        <BreakdownChart
          title="MACs by layer type"
          shares={shares}
          pick={(s) => s.macs}
          total={t.macs}
          format={formatSI}
        />
        <BreakdownChart
          title="Params by layer type"
          shares={shares}
          pick={(s) => s.params}
          total={t.params}
          format={formatSI}
        />
      </div>

      <InputShapes analysis={analysis} overrides={overrides} onOverride={onOverride} />
      <p className="mt-2 text-muted">Memory assumes fp32 (4 bytes per value); {formatBytes(1e6)} = 10⁶ bytes.</p>
    </div>
  );
}

/** Horizontal SVG bars of one figure per layer type. */
function BreakdownChart({
  title,
  shares,
  pick,
  total,
  format,
}: {
  title: string;
  shares: ReturnType<typeof breakdownByType>;
  pick(s: ReturnType<typeof breakdownByType>[number]): number;
  total: number;
  format(n: number): string;
}) {
  const rows = shares.filter((s) => pick(s) > 0).sort((a, b) => pick(b) - pick(a));
  const bar = 20;
  const max = rows.reduce((m, s) => Math.max(m, pick(s)), 0);
  return (
    <figure>
      <figcaption className="mb-1 font-medium">{title}</figcaption>
      {rows.length === 0 ? (
        <div className="text-muted">none</div>
      ) : (
        <svg width="100%" height={rows.length * bar} role="img" aria-label={title}>
          {rows.map((s, i) => {
            const v = pick(s);
            const w = max > 0 ? (v / max) * 100 : 0;
            return (
              <g key={s.type} transform={`translate(0 ${i * bar})`}>
                <title>{`${s.type}: ${v.toLocaleString('en-US')} (${((v / total) * 100).toFixed(1)}%)`}</title>
                <text x="0" y={bar / 2 + 4} className="fill-fg" fontSize="11">
                  {s.type.length > 18 ? `${s.type.slice(0, 17)}…` : s.type}
                </text>
                <rect
                  x="30%"
                  y="4"
                  width={`${(w * 0.4).toFixed(2)}%`}
                  height={bar - 8}
                  rx="2"
                  className="fill-accent"
                />
                <text x="100%" y={bar / 2 + 4} textAnchor="end" className="fill-muted" fontSize="11">
                  {format(v)} · {((v / total) * 100).toFixed(1)}%
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
