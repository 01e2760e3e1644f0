'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LayoutDirection, PositionedGraph, ViewGraph } from '@/lib/layout';
import { LayoutEstimator, layoutEstimator } from '@/lib/layout/estimate';
import { FastLayoutClient, LayoutCancelled, type LayoutWorkerLike } from '@/lib/layout/fast-client';
import { fastInput, layoutFastNow, positionFast, SYNC_LAYOUT_NODES } from '@/lib/layout/fast-view';
import { reuseLayout } from '@/lib/layout/reuse';

/** Where a running layout is: the layout worker at work, or its result being turned into the drawn graph. */
export type LayoutStage = 'layout' | 'drawing';

/** Where the layout stands, for the progress overlay and for callers (`onLayout`). */
export interface LayoutStatus {
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** Stage of a running layout. */
  stage?: LayoutStage;
  nodes: number;
  edges: number;
  /** Elapsed ms of the running layout, or the duration of the last finished one. */
  ms: number;
  /** Expected layout time in ms (calibrated on the previous layouts), while running. */
  estimateMs?: number;
  /** How the shown positions were made: laid out now, or kept from the previous layout (same topology). */
  how?: 'laid-out' | 'reused';
  error?: string;
}

export { SYNC_LAYOUT_NODES };

/** localStorage key of the layout-time calibration, so a reload starts with this machine's speed. */
const RATE_KEY = 'layerscope.layout-rate.v2';
let restored = false;

function restoreRate(): void {
  if (restored) return;
  restored = true;
  try {
    const raw = localStorage.getItem(RATE_KEY);
    if (raw) layoutEstimator.restore(JSON.parse(raw));
  } catch {
    // Storage blocked or a damaged value: keep the built-in calibration.
  }
}

function saveRate(): void {
  try {
    localStorage.setItem(RATE_KEY, JSON.stringify(layoutEstimator.scalesNow));
  } catch {
    // Storage full or blocked: the calibration lives for this page only.
  }
}

function createWorker(): LayoutWorkerLike {
  return new Worker(new URL('../../lib/layout/fast-layout.worker.ts', import.meta.url), {
    type: 'module',
    name: 'layerscope-layout',
  }) as unknown as LayoutWorkerLike;
}

/** Runs `fn` in a task of its own, so it never lengthens the task that delivered the worker's message. */
const nextTask = (fn: () => void) => setTimeout(fn, 0);

interface Done {
  view: ViewGraph;
  direction: LayoutDirection;
  graph: PositionedGraph;
  how: 'laid-out' | 'reused';
  ms: number;
}

/**
 * Lays out a view graph (lib/layout/fast-layout). An edit that keeps the topology (same boxes,
 * heights and edges: a changed `num_output`, kernel size, batch) keeps the previous positions
 * and runs no layout at all. Small graphs are laid out synchronously; big ones in the layout
 * worker, with the previous picture on screen meanwhile, a progress estimate and Cancel.
 */
export function useLayout(view: ViewGraph | null, direction: LayoutDirection) {
  const client = useRef<FastLayoutClient | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [status, setStatus] = useState<LayoutStatus>({ state: 'idle', nodes: 0, edges: 0, ms: 0 });
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    restoreRate();
    return () => {
      client.current?.dispose();
      client.current = null;
    };
  }, []);

  const big = view !== null && view.nodes.length > SYNC_LAYOUT_NODES;
  // Same topology as the graph on screen: its positions with the new figures. Else, for a small
  // graph, a layout right here.
  const now = useMemo((): { graph: PositionedGraph; how: 'laid-out' | 'reused'; ms: number } | null => {
    if (!view) return null;
    const t0 = performance.now();
    if (done && done.direction === direction) {
      if (done.view === view) return { graph: done.graph, how: done.how, ms: done.ms };
      const kept = reuseLayout(view, done.graph);
      if (kept) return { graph: kept, how: 'reused', ms: performance.now() - t0 };
    }
    if (big) return null;
    const graph = layoutFastNow(view, direction);
    return { graph, how: 'laid-out', ms: performance.now() - t0 };
    // `done` changes only when a layout lands, and what it brings is already `now`'s answer.
  }, [view, direction, big, done]);

  // Keep what is shown as the base for reusing positions on the next edit.
  useEffect(() => {
    if (!now || !view || (done?.view === view && done.direction === direction)) return;
    setDone({ view, direction, graph: now.graph, how: now.how, ms: now.ms });
    setStatus({ state: 'done', nodes: view.nodes.length, edges: view.edges.length, ms: now.ms, how: now.how });
  }, [now]);

  // Cancel can be pressed before the worker has the job (the overlay shows from the render that
  // brings the view; the effect below starts the worker after it): remember it for that view.
  const viewRef = useRef(view);
  viewRef.current = view;
  const cancelledView = useRef<ViewGraph | null>(null);

  useEffect(() => {
    if (!view || now) return;
    if (cancelledView.current === view) {
      setStatus({ state: 'cancelled', nodes: view.nodes.length, edges: view.edges.length, ms: 0 });
      return;
    }
    client.current ??= new FastLayoutClient(createWorker);
    const c = client.current;
    const started = performance.now();
    const counts = { nodes: view.nodes.length, edges: view.edges.length };
    const estimateMs = layoutEstimator.estimate(counts);
    setStatus({ state: 'running', stage: 'layout', ...counts, ms: 0, estimateMs });
    const timer = setInterval(
      () =>
        setStatus((s) =>
          s.state === 'running' && s.stage === 'layout' ? { ...s, ms: performance.now() - started } : s,
        ),
      250,
    );
    let live = true;
    c.layout(fastInput(view, direction)).then(
      (result) => {
        if (!live) return;
        clearInterval(timer);
        const ms = performance.now() - started;
        layoutEstimator.observe(counts, ms);
        saveRate();
        setStatus({ state: 'running', stage: 'drawing', ...counts, ms, estimateMs });
        nextTask(() => {
          if (!live) return;
          const total = performance.now() - started;
          setDone({ view, direction, graph: positionFast(view, result), how: 'laid-out', ms: total });
          setStatus({ state: 'done', ...counts, ms: total, how: 'laid-out' });
        });
      },
      (e: unknown) => {
        if (!live) return;
        clearInterval(timer);
        const ms = performance.now() - started;
        if (e instanceof LayoutCancelled) setStatus({ state: 'cancelled', ...counts, ms });
        else setStatus({ state: 'error', ...counts, ms, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
      clearInterval(timer);
    };
    // `now` is null exactly when this view needs the worker; `done` must not restart it.
  }, [view, direction, now === null, retry]);

  const graph = now?.graph ?? done?.graph ?? null;
  const stale = now === null && done !== null && view !== null;

  // Between the render that brings a view for the worker and the effect that starts it, the status
  // may still say 'done' for the previous graph: report the coming run so nobody sees a false 'done'.
  const nodes = view?.nodes.length ?? 0;
  const edges = view?.edges.length ?? 0;
  const pending = view !== null && now === null && (status.state === 'done' || status.state === 'idle');
  const shown = useMemo((): LayoutStatus => {
    if (pending)
      return {
        state: 'running',
        stage: 'layout',
        nodes,
        edges,
        ms: 0,
        estimateMs: layoutEstimator.estimate({ nodes, edges }),
      };
    if (now) return { state: 'done', nodes, edges, ms: now.ms, how: now.how };
    return status;
  }, [pending, status, nodes, edges, now]);

  const cancel = useCallback(() => {
    cancelledView.current = viewRef.current;
    if (client.current?.busy) client.current.cancel();
    else setStatus((st) => ({ ...st, state: 'cancelled', stage: undefined }));
  }, []);
  const again = useCallback(() => {
    cancelledView.current = null;
    setRetry((r) => r + 1);
  }, []);
  return { graph, stale, status: shown, cancel, retry: again };
}

/** Progress of a running layout in [0, 0.99] from its elapsed time and estimate; null when unknown. */
export function layoutProgress(status: LayoutStatus): number | null {
  if (status.state !== 'running' || status.estimateMs === undefined) return null;
  if (status.stage === 'drawing') return 0.99;
  return LayoutEstimator.progress(status.ms, status.estimateMs);
}
