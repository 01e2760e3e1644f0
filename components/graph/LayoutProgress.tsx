'use client';

import { layoutProgress, type LayoutStatus } from './use-layout';

interface LayoutProgressProps {
  status: LayoutStatus;
  /** The view graph of a new analysis is still being built (before ELK starts). */
  building: boolean;
  /** An older layout stays on screen meanwhile. */
  stale: boolean;
  onCancel(): void;
  onRetry(): void;
}

const btn = 'rounded border border-line bg-surface px-1.5 py-0.5 text-xs text-fg hover:bg-raised disabled:opacity-40';
const STAGES = [
  { id: 'building', label: 'Building' },
  { id: 'layout', label: 'Laying out' },
  { id: 'drawing', label: 'Drawing' },
] as const;

/**
 * The layout overlay: the three stages (building the boxes → ELK laying them out → drawing),
 * with an estimated percentage and elapsed time for the ELK stage, and Cancel; or the
 * cancelled / failed state with a retry. Renders nothing when there is nothing to say.
 */
export function LayoutProgress({ status, building, stale, onCancel, onRetry }: LayoutProgressProps) {
  const running = building || status.state === 'running';
  if (!running && status.state !== 'cancelled' && status.state !== 'error') return null;
  const stage = building ? 'building' : (status.stage ?? 'layout');
  const p = building ? null : layoutProgress(status);
  const pct = p === null ? null : Math.floor(p * 100);
  return (
    <div
      className="pointer-events-auto flex flex-wrap items-center gap-2 rounded border border-line bg-surface px-3 py-1 text-xs shadow"
      role="status"
      data-testid="graph-progress"
      data-stage={running ? stage : status.state}
      data-percent={pct ?? undefined}
    >
      {running && (
        <>
          <span className="inline-block h-3 w-3 shrink-0 animate-spin rounded-full border-2 border-blue-500 border-t-transparent" />
          <ol className="flex items-center gap-1" aria-label="Layout stages">
            {STAGES.map((s, i) => {
              const at = STAGES.findIndex((x) => x.id === stage);
              const cls =
                i < at ? 'text-muted line-through decoration-1' : i === at ? 'font-semibold text-fg' : 'text-muted';
              return (
                <li key={s.id} className={cls} aria-current={i === at ? 'step' : undefined}>
                  {i > 0 && <span className="mr-1 text-muted no-underline">→</span>}
                  {s.label}
                </li>
              );
            })}
          </ol>
          {stage === 'layout' && (
            <>
              <span className="tabular-nums">{`${status.nodes.toLocaleString('en-US')} boxes`}</span>
              <span
                className="relative h-1.5 w-24 overflow-hidden rounded bg-raised"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct ?? 0}
                title="Estimated from the graph size and the speed of the previous layouts (ELK reports no progress of its own)"
              >
                <span className="absolute inset-y-0 left-0 bg-blue-500" style={{ width: `${pct ?? 0}%` }} />
              </span>
              {/* Fixed widths: the overlay is centred, and changing digits must not move the Cancel button. */}
              <span
                className="inline-block w-10 text-right tabular-nums"
                data-testid="graph-progress-percent"
              >{`~${pct ?? 0} %`}</span>
              <span className="inline-block w-12 text-right tabular-nums text-muted">{`${(status.ms / 1000).toFixed(1)} s`}</span>
            </>
          )}
          {stale && <span className="text-muted">(showing previous layout)</span>}
          {stage === 'layout' && (
            <button type="button" className={btn} onClick={onCancel}>
              Cancel
            </button>
          )}
        </>
      )}
      {!running && status.state === 'cancelled' && (
        <>
          <span>Layout cancelled.</span>
          <button type="button" className={btn} onClick={onRetry}>
            Lay out again
          </button>
        </>
      )}
      {!running && status.state === 'error' && (
        <>
          <span className="text-red-600 dark:text-red-400">{`Layout failed: ${status.error ?? 'unknown error'}`}</span>
          <button type="button" className={btn} onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}
