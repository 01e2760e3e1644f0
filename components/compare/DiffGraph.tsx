'use client';

/**
 * The B graph of a comparison, each box coloured by its change status (added / changed /
 * same), with the removed layers listed beside it. Laid out by ELK in a worker (the graph
 * view's useLayout hook); the cards are the graph view's NodeCard in status colours, with the
 * ΔMACs after the cost line and the change summary in the hover text.
 */

import { useCallback, useMemo, useRef, useState } from 'react';
import type { AnalysisResult } from '@/lib/analysis';
import { statusByLayer, type DiffStatus, type ModelDiff } from '@/lib/diff';
import { buildViewGraph, EDGE_LABEL, formatSI } from '@/lib/layout';
import { NodeCard, type CardColors } from '@/components/graph/NodeCard';
import { useLayout } from '@/components/graph/use-layout';
import { macsDeltaText, nodeStatus, removedLayers, STATUS_COLORS, widenForDeltas } from './compare-model';

/** Props of DiffGraph. */
export interface DiffGraphProps {
  analysis: AnalysisResult | null;
  diff: ModelDiff | null;
  direction: 'DOWN' | 'RIGHT';
  theme: 'light' | 'dark';
  selected: string | null;
  onSelect(name: string): void;
}

/** Above this many boxes the compare graph is not drawn (the table still lists every change). */
const MAX_DIFF_NODES = 3000;

function noGroups(): void {}

/** Card colours of each change status (the compare view has no category or heat colouring). */
function statusCardColors(theme: 'light' | 'dark'): Record<DiffStatus, CardColors> {
  const badgeFill = theme === 'dark' ? 'rgba(255,255,255,0.14)' : 'rgba(0,0,0,0.08)';
  const out = {} as Record<DiffStatus, CardColors>;
  for (const [s, c] of Object.entries(STATUS_COLORS[theme]) as [DiffStatus, (typeof STATUS_COLORS)['light']['same']][])
    out[s] = { ...c, muted: c.text, badgeFill, badgeText: c.text, accent: '#2563eb' };
  return out;
}

const btn = 'h-6 rounded border border-line bg-surface px-1.5 text-xs hover:border-accent';

export function DiffGraph({ analysis, diff, direction, theme, selected, onSelect }: DiffGraphProps) {
  const byLayer = useMemo(() => (diff ? statusByLayer(diff) : new Map<string, DiffStatus>()), [diff]);
  const view = useMemo(() => {
    if (!analysis) return null;
    const v = buildViewGraph(analysis);
    return v.nodes.length > MAX_DIFF_NODES ? null : v;
  }, [analysis]);
  const rowOf = useMemo(() => new Map((diff?.layers ?? []).filter((l) => l.b).map((l) => [l.b!.name, l])), [diff]);
  const deltas = useMemo(() => {
    const m = new Map<string, string>();
    for (const [name, row] of rowOf) {
      const d = macsDeltaText(row);
      if (d) m.set(name, d);
    }
    return m;
  }, [rowOf]);
  const sized = useMemo(() => (view ? widenForDeltas(view, deltas) : null), [view, deltas]);
  const { graph, status } = useLayout(sized, direction);
  const [zoom, setZoom] = useState(1);
  const scroller = useRef<HTMLDivElement>(null);
  const colors = STATUS_COLORS[theme];
  const removed = diff ? removedLayers(diff) : [];
  const cardColors = useMemo(() => statusCardColors(theme), [theme]);
  // Cards are memoised: stable callbacks keep an unchanged card from re-rendering.
  const activate = useCallback(
    (nodeId: string, badge: string | null) => {
      const node = graph?.nodes.find((n) => n.id === nodeId);
      if (node && node.kind !== 'input') onSelect(badge ?? node.name);
    },
    [graph, onSelect],
  );

  const fit = () => {
    const el = scroller.current;
    if (!el || !graph || graph.width === 0) return;
    setZoom(Math.max(0.1, Math.min(1.5, (el.clientWidth - 16) / graph.width, (el.clientHeight - 16) / graph.height)));
  };

  const counts = diff?.counts;
  return (
    <div
      className="flex h-full min-h-0"
      data-testid="diff-graph"
      data-layout-state={status.state}
      data-node-count={graph?.nodes.length ?? 0}
    >
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex items-center gap-2 border-b border-line px-2 py-1 text-xs">
          {(['added', 'changed', 'same'] as const).map((s) => (
            <span key={s} className="flex items-center gap-1">
              <span
                className="inline-block h-3 w-3 rounded-sm border"
                style={{ background: colors[s].fill, borderColor: colors[s].stroke }}
              />
              {s} {counts ? `(${counts[s]})` : ''}
            </span>
          ))}
          <span className="flex items-center gap-1">
            <span
              className="inline-block h-3 w-3 rounded-sm border"
              style={{ background: colors.removed.fill, borderColor: colors.removed.stroke }}
            />
            removed ({counts?.removed ?? 0}, listed)
          </span>
          <span className="ml-auto flex gap-1">
            <button className={btn} onClick={() => setZoom((z) => Math.max(0.1, z / 1.25))} aria-label="Zoom out">
              −
            </button>
            <button className={btn} onClick={() => setZoom((z) => Math.min(3, z * 1.25))} aria-label="Zoom in">
              +
            </button>
            <button className={btn} onClick={fit}>
              Fit
            </button>
          </span>
        </div>
        <div ref={scroller} className="relative min-h-0 flex-1 overflow-auto bg-canvas">
          {!view && analysis && (
            <div className="p-3 text-xs text-muted">Too large to draw here — the table lists every change.</div>
          )}
          {status.state === 'running' && !graph && <div className="p-3 text-xs text-muted">Laying out…</div>}
          {status.state === 'error' && <div className="p-3 text-xs text-danger">Layout failed: {status.error}</div>}
          {graph && view && (
            <svg
              width={Math.ceil((graph.width + 16) * zoom)}
              height={Math.ceil((graph.height + 16) * zoom)}
              viewBox={`-8 -8 ${graph.width + 16} ${graph.height + 16}`}
              className="font-mono"
            >
              <defs>
                <marker
                  id="diff-arrow"
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M0 0L10 5L0 10z" fill={theme === 'light' ? '#6b7280' : '#9ca3af'} />
                </marker>
              </defs>
              {graph.edges.map((e) =>
                e.points.length < 2 ? null : (
                  <g key={e.id}>
                    <polyline
                      points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
                      fill="none"
                      stroke={theme === 'light' ? '#9ca3af' : '#6b7280'}
                      strokeWidth={1.1}
                      markerEnd="url(#diff-arrow)"
                    />
                    {e.labelPos && (
                      <text
                        x={e.labelPos.x + EDGE_LABEL.padX}
                        y={e.labelPos.y + EDGE_LABEL.size}
                        fontSize={EDGE_LABEL.size}
                        fill="currentColor"
                        opacity={0.7}
                      >
                        {e.label}
                      </text>
                    )}
                  </g>
                ),
              )}
              {graph.nodes.map((n) => {
                const s = nodeStatus(n, byLayer);
                const row = rowOf.get(n.name);
                const badge = selected !== null && n.folded.some((f) => f.name === selected) ? selected : null;
                return (
                  <g key={n.id} data-diff-node={n.name} data-status={s}>
                    <NodeCard
                      node={n}
                      group={null}
                      colors={cardColors[s]}
                      selected={n.name === selected}
                      selectedBadge={badge}
                      dimmed={false}
                      detail={0}
                      note={[`change: ${s}`, ...(row?.summary ?? [])].join('\n')}
                      costSuffix={deltas.get(n.name) ?? ''}
                      onActivate={activate}
                      onToggleGroup={noGroups}
                    />
                  </g>
                );
              })}
            </svg>
          )}
        </div>
      </div>
      <aside
        className="w-56 shrink-0 overflow-auto border-l border-line bg-surface p-2 text-xs"
        data-testid="removed-layers"
      >
        <div className="mb-1 font-semibold">Removed from A ({removed.length})</div>
        {removed.length === 0 && <div className="text-muted">None.</div>}
        <ul>
          {removed.map((r) => (
            <li key={r.name} className="mb-1" title={r.summary.join('\n')}>
              <span className="font-mono" style={{ color: colors.removed.stroke }}>
                − {r.name}
              </span>
              <span className="text-muted">
                {' '}
                {r.typeA}
                {r.delta.macs !== 0 ? ` · ${formatSI(r.delta.macs)} MACs` : ''}
              </span>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
