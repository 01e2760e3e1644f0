import type { AnalysisResult } from '@/lib/analysis';
import { buildViewGraph, collapseGroups, proposeGroups, type ViewGraph, type ViewNode } from '@/lib/layout';
import { CATEGORY_ORDER, CATEGORY_STYLES, categoryColors, type CategoryColors } from '@/lib/ops/categories';
import type { OpCategory } from '@/lib/ops/types';
import type { SvgLegend } from '@/lib/share/svg';
import { unknownLayersText } from '@/lib/workspace/partial';
import { HEAT_METRICS, heatColor, heatScale, heatTextColor, type ColorMode } from '@/components/graph/heat';
import { formatBytes, formatSI } from '@/components/ui/format';

/** What the screen shows, which the graph exports reproduce. */
export interface ScreenView {
  readonly theme: 'light' | 'dark';
  readonly colorMode: ColorMode;
  /** Keys of the name-prefix blocks collapsed on screen. */
  readonly collapsed?: ReadonlySet<string>;
  /** Measured times (colour mode 'time'). */
  readonly measuredMs?: Readonly<Record<string, number>>;
}

/** The view graph as the screen draws it: in-place layers folded, the collapsed blocks collapsed. */
export function screenViewGraph(analysis: AnalysisResult, view: ScreenView): ViewGraph {
  const base = buildViewGraph(analysis, view.measuredMs ? { measuredMs: view.measuredMs } : {});
  const collapsed = view.collapsed;
  if (!collapsed || collapsed.size === 0) return base;
  return collapseGroups(base, proposeGroups(base), collapsed, analysis.blobShapes);
}

/**
 * Node colours by the screen's rule (components/graph/GraphView): category colours, or a log heat
 * map of the colour mode's figure over the non-input nodes with zero/unknown values neutral.
 * e2e/exports.spec.ts checks the exported fills against the cards on screen.
 */
export function screenColors(nodes: readonly ViewNode[], view: ScreenView): Map<string, CategoryColors> {
  const map = new Map<string, CategoryColors>();
  const dark = view.theme === 'dark';
  if (view.colorMode === 'category') {
    for (const n of nodes) map.set(n.id, categoryColors(n.category, view.theme));
    return map;
  }
  const metric = HEAT_METRICS[view.colorMode];
  const scale = heatScale(nodes.filter((n) => n.kind !== 'input').map((n) => metric.value(n.costs)));
  for (const n of nodes) {
    const c = categoryColors(n.category, view.theme);
    const t = n.kind === 'input' ? null : scale.t(metric.value(n.costs));
    if (t === null)
      map.set(n.id, { fill: dark ? '#2a2f3a' : '#eceef1', stroke: c.stroke, text: dark ? '#c7ced9' : '#374151' });
    else map.set(n.id, { fill: heatColor(t), stroke: c.stroke, text: heatTextColor(t) });
  }
  return map;
}

const BADGE_NOTE = 'A card’s figures include its badges (in-place layers).';

/** The legend the screen shows for these nodes and colour mode. */
export function screenLegend(nodes: readonly ViewNode[], view: ScreenView): SvgLegend {
  if (view.colorMode === 'category') {
    const present = new Set<OpCategory>(nodes.map((n) => n.category));
    return {
      kind: 'swatches',
      title: 'Layer category',
      items: CATEGORY_ORDER.filter((c) => present.has(c)).map((c) => ({
        label: CATEGORY_STYLES[c].label,
        ...CATEGORY_STYLES[c][view.theme],
      })),
      note: BADGE_NOTE,
    };
  }
  const metric = HEAT_METRICS[view.colorMode];
  const scale = heatScale(nodes.filter((n) => n.kind !== 'input').map((n) => metric.value(n.costs)));
  const dark = view.theme === 'dark';
  const none = view.colorMode === 'time' ? 'no measured times' : 'no non-zero values';
  return {
    kind: 'gradient',
    title: `${metric.label} (log scale)`,
    stops: Array.from({ length: 9 }, (_, i) => heatColor(i / 8)),
    labels:
      scale.max > 0
        ? [metric.format(scale.min), metric.format(Math.sqrt(scale.min * scale.max)), metric.format(scale.max)]
        : ['—', none, '—'],
    neutral: { label: 'zero / unknown', fill: dark ? '#2a2f3a' : '#eceef1', stroke: '#9ca3af' },
    note: BADGE_NOTE,
  };
}

/** The header lines: the model's name, then its totals as the summary states them (≥ with unknown layers). */
export function screenHeader(analysis: AnalysisResult): string[] {
  const t = analysis.totals;
  const unknown = t.unknownLayers ?? 0;
  const at = unknown > 0 ? '≥ ' : '';
  const figures = [
    `${at}${formatSI(t.macs)} MACs`,
    `${at}${formatSI(t.flops)} FLOPs`,
    `${at}${formatSI(t.params)} params`,
    `activations ${at}${formatBytes(t.activationBytes)} (peak ${at}${formatBytes(t.peakActivationBytes)})`,
    `weights ${at}${formatBytes(t.weightBytes)}`,
    `batch ${analysis.batch}`,
  ];
  const name = analysis.graph.name || 'unnamed model';
  return [
    `${name} — ${analysis.layers.length.toLocaleString('en-US')} layers`,
    figures.join(' · ') + (unknown > 0 ? ` · ${unknownLayersText(unknown)}` : ''),
  ];
}
