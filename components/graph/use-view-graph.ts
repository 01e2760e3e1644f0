'use client';

import { useEffect, useMemo, useState } from 'react';
import type { AnalysisResult } from '@/lib/analysis/types';
import { buildViewGraph, proposeGroups, type LayerGroup, type ViewGraph } from '@/lib/layout';

/** A view graph with the analysis it was built from and its proposed name-prefix blocks. */
export interface BuiltView {
  analysis: AnalysisResult;
  measuredMs: Readonly<Record<string, number>> | undefined;
  view: ViewGraph;
  groups: readonly LayerGroup[];
}

/**
 * Above this many layers the view graph and the block proposals are built in tasks of their own
 * after the render that brought the analysis (which also renders the table and summary), each
 * a few tens of ms for 1,000+ boxes; below it they are built in that render, so a keystroke in a
 * normal model updates the cards in the same frame as the table.
 */
export const DEFER_LAYERS = 400;

/**
 * The view graph of an analysis. For large models the previous view stays in place until the
 * new one (and its groups) is ready, so the layout never sees a half-built view.
 */
export function useViewGraph(
  analysis: AnalysisResult | null,
  measuredMs: Readonly<Record<string, number>> | undefined,
): BuiltView | null {
  const defer = analysis !== null && analysis.layers.length > DEFER_LAYERS;
  const now = useMemo((): BuiltView | null => {
    if (!analysis || defer) return null;
    const view = buildViewGraph(analysis, { measuredMs });
    return { analysis, measuredMs, view, groups: proposeGroups(view) };
  }, [analysis, measuredMs, defer]);

  const [later, setLater] = useState<BuiltView | null>(null);
  useEffect(() => {
    if (!analysis || !defer) {
      // Drop a large model's view once a small one is shown, so it never reappears as "previous".
      setLater(null);
      return;
    }
    let view: ViewGraph | null = null;
    // Two tasks: the view, then its groups; the page can paint and take input in between.
    let id = setTimeout(() => {
      view = buildViewGraph(analysis, { measuredMs });
      id = setTimeout(() => {
        if (view) setLater({ analysis, measuredMs, view, groups: proposeGroups(view) });
      }, 0);
    }, 0);
    return () => clearTimeout(id);
  }, [analysis, measuredMs, defer]);

  if (!analysis) return null;
  return defer ? later : now;
}
