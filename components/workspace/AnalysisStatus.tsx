'use client';
import { type TimingStore, useLiveTiming } from './use-analysis';

/**
 * The status-bar badge: layer count, worker time, edit → on-screen time, and "…" while an
 * analysis runs. It alone subscribes to the live timings, so they never re-render the page.
 */
export function AnalysisStatus({ timing, layers }: { timing: TimingStore; layers: number | null }) {
  const t = useLiveTiming(timing);
  if (layers === null) return t.busy ? <>Analysing…</> : null;
  return (
    <span
      data-testid="status-timing"
      data-worker-ms={t.workerMs?.toFixed(1)}
      data-update-ms={t.updateMs?.toFixed(1)}
      title="Time spent reading and analysing in the worker / from the edit to the updated figures on screen"
    >
      {layers} layers · {t.workerMs?.toFixed(0)} ms
      {t.updateMs !== null ? ` · on screen ${t.updateMs.toFixed(0)} ms` : ''}
      {t.busy ? ' · …' : ''}
    </span>
  );
}
