'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ElkNode } from 'elkjs/lib/elk-api';
import {
  applyLayout,
  layoutKey,
  toElkGraph,
  type LayoutDirection,
  type PositionedGraph,
  type ViewGraph,
} from '@/lib/layout';
import { LayoutEstimator, layoutEstimator } from '@/lib/layout/estimate';
import { LayoutCancelled, LayoutClient } from '@/lib/layout/layout-client';

/** Where a running layout is: ELK working in its worker, or its result being turned into the drawn graph. */
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
  /** Expected ELK time in ms (calibrated on the previous layouts), while running. */
  estimateMs?: number;
  error?: string;
}

interface Done {
  key: string;
  result: ElkNode;
  view: ViewGraph;
  graph: PositionedGraph;
}

/** localStorage key of the layout-time calibration, so a reload starts with this machine's speed. */
const RATE_KEY = 'layerscope.layout-rate';
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

/** Runs `fn` in a task of its own, so it never lengthens the task that delivered the worker's message. */
const nextTask = (fn: () => void) => setTimeout(fn, 0);

/**
 * Lays out a view graph in the ELK worker. While a new layout runs the previous positioned
 * graph stays on screen; a new request cancels a running one; when only figures changed
 * (same sizes and edges) the previous positions are reused without running ELK.
 *
 * Main-thread work is kept in separate short tasks: the ELK input is built in the render that
 * gets the view, the worker's result is deserialised in the message task, merged into the view
 * in a later task, and drawn by the render after that.
 */
export function useLayout(view: ViewGraph | null, direction: LayoutDirection) {
  const client = useRef<LayoutClient | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [status, setStatus] = useState<LayoutStatus>({ state: 'idle', nodes: 0, edges: 0, ms: 0 });
  const [retry, setRetry] = useState(0);

  const elk = useMemo(() => (view ? toElkGraph(view, { direction }) : null), [view, direction]);
  const key = useMemo(() => (elk ? layoutKey(elk) : ''), [elk]);

  useEffect(() => {
    restoreRate();
    client.current ??= new LayoutClient();
    client.current.warmUp();
    return () => {
      client.current?.dispose();
      client.current = null;
    };
  }, []);

  useEffect(() => {
    if (!elk || !view || done?.key === key) return;
    client.current ??= new LayoutClient();
    const c = client.current;
    c.cancel();
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
    c.layout(elk).then(
      (result) => {
        if (!live) return;
        clearInterval(timer);
        const elkMs = performance.now() - started;
        layoutEstimator.observe(counts, elkMs);
        saveRate();
        setStatus({ state: 'running', stage: 'drawing', ...counts, ms: elkMs, estimateMs });
        nextTask(() => {
          if (!live) return;
          setDone({ key, result, view, graph: applyLayout(view, result) });
          setStatus({ state: 'done', ...counts, ms: performance.now() - started });
        });
      },
      (e: unknown) => {
        if (!live) return;
        clearInterval(timer);
        if (e instanceof LayoutCancelled) setStatus({ state: 'cancelled', ...counts, ms: performance.now() - started });
        else
          setStatus({
            state: 'error',
            ...counts,
            ms: performance.now() - started,
            error: e instanceof Error ? e.message : String(e),
          });
      },
    );
    return () => {
      live = false;
      clearInterval(timer);
    };
    // `done` is read only to skip work already done; re-running on its change would loop.
  }, [key, retry]);

  // Same layout input: reuse positions with the current figures.
  const graph = useMemo(() => {
    if (!done) return null;
    if (done.key === key && view) return view === done.view ? done.graph : applyLayout(view, done.result);
    return done.graph;
  }, [done, key, view]);

  // Between the render that brings a new layout input and the effect that starts ELK, the status
  // still says 'done' for the previous input: report the coming run so nobody sees a false 'done'.
  const nodes = view?.nodes.length ?? 0;
  const edges = view?.edges.length ?? 0;
  const pending = elk !== null && done?.key !== key && (status.state === 'done' || status.state === 'idle');
  const shown = useMemo(
    (): LayoutStatus =>
      pending
        ? {
            state: 'running',
            stage: 'layout',
            nodes,
            edges,
            ms: 0,
            estimateMs: layoutEstimator.estimate({ nodes, edges }),
          }
        : status,
    [pending, status, nodes, edges],
  );

  const cancel = useCallback(() => client.current?.cancel(), []);
  const again = useCallback(() => setRetry((r) => r + 1), []);
  return { graph, stale: done !== null && done.key !== key, status: shown, cancel, retry: again };
}

/** Progress of a running layout in [0, 0.99] from its elapsed time and estimate; null when unknown. */
export function layoutProgress(status: LayoutStatus): number | null {
  if (status.state !== 'running' || status.estimateMs === undefined) return null;
  if (status.stage === 'drawing') return 0.99;
  return LayoutEstimator.progress(status.ms, status.estimateMs);
}
