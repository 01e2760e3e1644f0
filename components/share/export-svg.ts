import type { AnalysisResult } from '@/lib/analysis';
import { renderGraphSvg } from '@/lib/share/svg';
import { screenColors, screenHeader, screenLegend, screenViewGraph, type ScreenView } from './export-view';
import { layOutLikeScreen } from './screen-layout';

/**
 * The graph as the screen shows it, as a standalone SVG: the current colour mode (heat maps
 * included), the collapsed blocks collapsed, the legend beside the graph, the model's name and
 * totals above it, every card where the page's layout puts it.
 */
export async function exportGraphSvg(
  analysis: AnalysisResult,
  view: ScreenView & { direction?: 'DOWN' | 'RIGHT' },
): Promise<string> {
  const graph = screenViewGraph(analysis, view);
  const colors = screenColors(graph.nodes, view);
  const positioned = await layOutLikeScreen(graph, view.direction ?? 'DOWN');
  return renderGraphSvg(positioned, {
    title: analysis.graph.name,
    theme: view.theme,
    colorsOf: (n) => colors.get(n.id),
    legend: screenLegend(graph.nodes, view),
    header: screenHeader(analysis),
  });
}
