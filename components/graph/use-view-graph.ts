'use client';

import { useEffect, useMemo, useState } from 'react';
import type { AnalysisResult } from '@/lib/analysis/types';
import {
  buildViewGraph,
  buildViewGraphSteps,
  proposeGroups,
  proposeGroupsSteps,
  type LayerGroup,
  type ViewGraph,
} from '@/lib/layout';
import { runSliced, type Steps } from '@/lib/layout/steps';

/** A view graph with the analysis it was built from and its proposed name-prefix blocks. */
export interface BuiltView {
  analysis: AnalysisResult;
  measuredMs: Readonly<Record<string, number>> | undefined;
  view: ViewGraph;
  groups: readonly LayerGroup[];
}

/**
 * Above this many layers the view graph and the block proposals are built after the render that
 * brought the analysis (which also renders the table and summary), time-sliced into tasks of
 * about 8 ms (together 20–100 ms for 1,000+ boxes, depending on load and JIT warmth); below it
 * they are built in that render, so a keystroke updates the cards in the same frame as the table.
 * 1,000 keeps every published CNN in the corpus on the same-frame path: resnet152 (670 layers,
 * 210 boxes) builds in about 5 ms + 2 ms for its blocks once warm, while deferring it put the
 * card figures 40–60 ms behind the table on every keystroke.
 */
export const DEFER_LAYERS = 1000;

function* withGroups(view: ViewGraph): Steps<{ view: ViewGraph; groups: LayerGroup[] }> {
  const groups = yield* proposeGroupsSteps(view);
  return { view, groups };
}

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
    // Time-sliced: a few ms per task, so typing, scrolling and painting go on meanwhile.
    const run = runSliced(
      () => buildViewGraphSteps(analysis, { measuredMs }),
      (view) => withGroups(view),
    );
    run.promise.then(
      ({ view, groups }) => setLater({ analysis, measuredMs, view, groups }),
      () => setLater(null),
    );
    return () => run.cancel();
  }, [analysis, measuredMs, defer]);

  if (!analysis) return null;
  return defer ? later : now;
}
