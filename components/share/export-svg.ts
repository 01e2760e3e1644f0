import type { AnalysisResult } from '@/lib/analysis';
import { LayoutClient } from '@/lib/layout/layout-client';
import { analysisToSvg, type SvgOptions } from '@/lib/share/svg';

/** Lays out the whole graph in a fresh ELK worker (independent of what the view shows) and renders the SVG. */
export async function exportGraphSvg(
  analysis: AnalysisResult,
  options: SvgOptions & { direction?: 'DOWN' | 'RIGHT' } = {},
): Promise<string> {
  const elk = new LayoutClient();
  try {
    return await analysisToSvg(analysis, elk, { ...options, layout: { direction: options.direction ?? 'DOWN' } });
  } finally {
    elk.dispose();
  }
}
