'use client';
import { lazy, Suspense, type ComponentProps, type ReactNode } from 'react';

/**
 * Panels that are not on screen when the page opens load after the first graph paint: their
 * code (the Run tab's ONNX lowering, the summary, the inspector with every op's docs, the layer
 * explanations and advisor) was more than half of our part of the page's first script, compiled
 * and evaluated before anything could be drawn.
 * `prefetchPanels` fetches them while the page is idle, so opening one later is instant.
 */
const loadRun = () => import('@/components/run/RunPanel');
const loadSummary = () => import('@/components/summary/SummaryPanel');
const loadExplain = () => import('@/components/explain/ExplainPanel');
const loadInspector = () => import('@/components/summary/Inspector');

const LazyRun = lazy(() => loadRun().then((m) => ({ default: m.RunPanel })));
const LazySummary = lazy(() => loadSummary().then((m) => ({ default: m.SummaryPanel })));
const LazyExplain = lazy(() => loadExplain().then((m) => ({ default: m.ExplainPanel })));
const LazyInspector = lazy(() => loadInspector().then((m) => ({ default: m.Inspector })));

/** What the inspector shows with no layer selected (here, so it needs none of the inspector's code). */
export const INSPECTOR_IDLE = 'Select a layer in the graph, the table or the editor to inspect it.';

function Loading({ children }: { children?: ReactNode }) {
  return <div className="p-3 text-xs text-muted">{children ?? 'Loading…'}</div>;
}

export function RunPanel(props: ComponentProps<typeof LazyRun>) {
  return (
    <Suspense fallback={<Loading />}>
      <LazyRun {...props} />
    </Suspense>
  );
}

export function SummaryPanel(props: ComponentProps<typeof LazySummary>) {
  return (
    <Suspense fallback={<Loading />}>
      <LazySummary {...props} />
    </Suspense>
  );
}

export function ExplainPanel(props: ComponentProps<typeof LazyExplain>) {
  return (
    <Suspense fallback={null}>
      <LazyExplain {...props} />
    </Suspense>
  );
}

/**
 * The inspector: its code (every op's doc line, the explanations) loads when a layer is first
 * selected, or once the page is idle.
 */
export function Inspector(props: ComponentProps<typeof LazyInspector>) {
  if (!props.analysis || !props.selected) return <Loading>{INSPECTOR_IDLE}</Loading>;
  return (
    <Suspense fallback={<Loading />}>
      <LazyInspector {...props} />
    </Suspense>
  );
}

let prefetched = false;

/** Loads the panels' code once the page is idle (after the first graph paint). */
export function prefetchPanels(): void {
  if (prefetched) return;
  prefetched = true;
  const go = () =>
    void Promise.all([loadInspector(), loadRun(), loadSummary(), loadExplain()]).catch(() => (prefetched = false));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 200);
}
