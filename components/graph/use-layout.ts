'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { applyLayout, layoutKey, toElkGraph, type LayoutDirection, type PositionedGraph, type ViewGraph } from '@/lib/layout';
import { LayoutCancelled, LayoutClient } from '@/lib/layout/layout-client';

/** Where the layout stands, for the progress overlay and for callers (`onLayout`). */
export interface LayoutStatus {
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  nodes: number;
  edges: number;
  /** Elapsed ms of the running layout, or the duration of the last finished one. */
  ms: number;
  error?: string;
}

interface Done {
  key: string;
  result: ElkNode;
  view: ViewGraph;
  graph: PositionedGraph;
}

/**
 * Lays out a view graph in the ELK worker. While a new layout runs the previous positioned
 * graph stays on screen; a new request cancels a running one; when only figures changed
 * (same sizes and edges) the previous positions are reused without running ELK.
 */
export function useLayout(view: ViewGraph | null, direction: LayoutDirection) {
  const client = useRef<LayoutClient | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [status, setStatus] = useState<LayoutStatus>({ state: 'idle', nodes: 0, edges: 0, ms: 0 });
  const [retry, setRetry] = useState(0);

  const elk = useMemo(() => (view ? toElkGraph(view, { direction }) : null), [view, direction]);
  const key = useMemo(() => (elk ? layoutKey(elk) : ''), [elk]);

  useEffect(() => {
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
    setStatus({ state: 'running', ...counts, ms: 0 });
    const timer = setInterval(() => setStatus((s) => (s.state === 'running' ? { ...s, ms: performance.now() - started } : s)), 250);
    let live = true;
    c.layout(elk).then(
      (result) => {
        if (!live) return;
        const ms = performance.now() - started;
        setDone({ key, result, view, graph: applyLayout(view, result) });
        setStatus({ state: 'done', ...counts, ms });
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof LayoutCancelled) setStatus({ state: 'cancelled', ...counts, ms: performance.now() - started });
        else setStatus({ state: 'error', ...counts, ms: performance.now() - started, error: e instanceof Error ? e.message : String(e) });
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

  const cancel = useCallback(() => client.current?.cancel(), []);
  const again = useCallback(() => setRetry((r) => r + 1), []);
  return { graph, stale: done !== null && done.key !== key, status, cancel, retry: again };
}
