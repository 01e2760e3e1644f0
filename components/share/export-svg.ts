import type { AnalysisResult } from '@/lib/analysis';
import { LayoutClient } from '@/lib/layout/layout-client';
import { analysisToSvg } from '@/lib/share/svg';
import { screenColors, screenHeader, screenLegend, screenViewGraph, type ScreenView } from './export-view';

/**
 * The graph as the screen shows it, as a standalone SVG: the current colour mode (heat maps
 * included), the collapsed blocks collapsed, the legend beside the graph, the model's name and
 * totals above it. Laid out in a fresh ELK worker, independent of the view's own layout state.
 */
export async function exportGraphSvg(
  analysis: AnalysisResult,
  view: ScreenView & { direction?: 'DOWN' | 'RIGHT' },
): Promise<string> {
  const graph = screenViewGraph(analysis, view);
  const colors = screenColors(graph.nodes, view);
  const elk = new LayoutClient();
  try {
    return await analysisToSvg(analysis, elk, {
      theme: view.theme,
      view: graph,
      colorsOf: (n) => colors.get(n.id),
      legend: screenLegend(graph.nodes, view),
      header: screenHeader(analysis),
      layout: { direction: view.direction ?? 'DOWN' },
    });
  } finally {
    elk.dispose();
  }
}
