/**
 * Standalone SVG of a whole laid-out graph, for download and for the CLI. Every piece of
 * model text goes through `escapeXml`; the document has no script, no event attributes,
 * no external references, and inline presentation attributes only, so it renders the same
 * in a browser, an image viewer or a slide deck.
 */
import { badgeWidth, CARD, charsThatFit, EDGE_LABEL, ellipsize, layoutView, nodeCardText } from '../layout';
import type { ElkLayouter, ElkOptions, PositionedGraph, PositionedNode, ViewGraph } from '../layout';
import { buildViewGraph } from '../layout';
import type { AnalysisResult } from '../analysis';
import { categoryColors, type CategoryColors } from '../ops/categories';
import { escapeXml } from './svg-escape';
import { legendSize, legendSvg, type SvgLegend } from './svg-legend';

export type { SvgLegend, LegendSwatch } from './svg-legend';

/** Options of the SVG export. */
export interface SvgOptions {
  readonly theme?: 'light' | 'dark';
  /** Document title (model name). */
  readonly title?: string;
  /** Overrides a node's colours (e.g. the compare view's added/removed/changed colouring). */
  readonly colorsOf?: (node: PositionedNode) => CategoryColors | undefined;
  /** Extra text lines drawn under the graph (e.g. removed layers in a comparison). */
  readonly footer?: readonly string[];
  /** Lines drawn above the graph: the model's name (bold), then e.g. its totals. */
  readonly header?: readonly string[];
  /** The colour key, drawn to the right of the graph (never over it). */
  readonly legend?: SvgLegend;
}

export { escapeXml } from './svg-escape';

const num = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0');
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const MARGIN = 16;
const HEADER_LINE = 18;
const LEGEND_GAP = 24;

function nodeSvg(n: PositionedNode, colors: CategoryColors): string {
  const text = nodeCardText(n);
  const inner = n.width - 2 * CARD.padX;
  const x = num(n.x);
  const y = num(n.y);
  const tx = num(n.x + CARD.padX);
  const lines: string[] = [];
  // The tooltip carries the full names (the card may shorten them), folded layers included.
  const all = [`${n.name} (${n.type})`, ...n.folded.map((f) => `${f.name} (${f.type})`)];
  lines.push(
    `<g class="node" data-id="${escapeXml(n.id)}" data-name="${escapeXml(n.name)}" data-kind="${n.kind}" data-status="${n.status}">`,
  );
  lines.push(`<title>${escapeXml(all.join('\n'))}</title>`);
  // A collapsed block is drawn as on screen: dashed, rounder; a broken or unknown layer dashed too.
  const dash = n.kind === 'group' ? ' stroke-dasharray="5 3"' : n.status === 'ok' ? '' : ' stroke-dasharray="4 3"';
  lines.push(
    `<rect x="${x}" y="${y}" width="${num(n.width)}" height="${num(n.height)}" rx="${n.kind === 'group' ? 8 : 6}" fill="${escapeXml(colors.fill)}" stroke="${escapeXml(colors.stroke)}" stroke-width="1.2"${dash}/>`,
  );
  let baseline = n.y + CARD.padY + CARD.nameSize;
  const rows: [string, number, string][] = [
    [text.name, CARD.nameSize, 'bold'],
    [text.line2, CARD.textSize, 'normal'],
    [text.line3, CARD.textSize, 'normal'],
  ];
  rows.forEach(([t, size, weight], i) => {
    const shown = ellipsize(t, charsThatFit(inner, size));
    lines.push(
      `<text x="${tx}" y="${num(baseline)}" font-size="${size}" font-weight="${weight}" fill="${escapeXml(colors.text)}">${escapeXml(shown)}</text>`,
    );
    baseline += i === 0 ? CARD.textLine + (CARD.nameLine - CARD.nameSize) / 2 : CARD.textLine;
  });
  if (text.badges.length > 0) {
    let bx = n.x + CARD.padX;
    const by = n.y + n.height - CARD.padY - CARD.badgeLine;
    for (const b of text.badges) {
      const w = badgeWidth(b);
      if (bx + w > n.x + n.width - CARD.padX) break;
      lines.push(
        `<rect x="${num(bx)}" y="${num(by)}" width="${num(w)}" height="${CARD.badgeLine - 2}" rx="3" fill="none" stroke="${escapeXml(colors.stroke)}" stroke-width="0.8"/>`,
      );
      lines.push(
        `<text x="${num(bx + CARD.badgePadX)}" y="${num(by + CARD.badgeSize + 2)}" font-size="${CARD.badgeSize}" fill="${escapeXml(colors.text)}">${escapeXml(b)}</text>`,
      );
      bx += w + CARD.badgeGap;
    }
  }
  lines.push('</g>');
  return lines.join('\n');
}

/** Renders the laid-out graph as a complete SVG document (XML declaration included). */
export function renderGraphSvg(graph: PositionedGraph, options: SvgOptions = {}): string {
  const theme = options.theme ?? 'light';
  const bg = theme === 'light' ? '#ffffff' : '#111418';
  const edgeColor = theme === 'light' ? '#6b7280' : '#9ca3af';
  const labelColor = theme === 'light' ? '#374151' : '#d1d5db';
  const footer = options.footer ?? [];
  const footerHeight = footer.length > 0 ? 14 * footer.length + 12 : 0;
  const header = options.header ?? [];
  const headerHeight = header.length > 0 ? HEADER_LINE * header.length + 10 : 0;
  const legend = options.legend ? legendSize(options.legend) : null;
  const legendWidth = legend ? legend.width + LEGEND_GAP : 0;
  const headerWidth = header.reduce((w, l, i) => Math.max(w, l.length * (i === 0 ? 14 : 12) * 0.6), 0);
  const width = Math.ceil(Math.max(graph.width + legendWidth, headerWidth) + 2 * MARGIN);
  const height = Math.ceil(Math.max(graph.height, legend?.height ?? 0) + headerHeight + 2 * MARGIN + footerHeight);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
  );
  if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`);
  out.push(
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${edgeColor}"/></marker></defs>`,
  );
  out.push(`<rect width="100%" height="100%" fill="${bg}"/>`);
  if (header.length > 0) {
    out.push('<g class="header">');
    header.forEach((line, i) => {
      const size = i === 0 ? 14 : 12;
      out.push(
        `<text x="${MARGIN}" y="${MARGIN + size + HEADER_LINE * i}" font-size="${size}"${i === 0 ? ' font-weight="bold"' : ''} fill="${labelColor}">${escapeXml(line)}</text>`,
      );
    });
    out.push('</g>');
  }
  if (options.legend) {
    const panel = theme === 'light' ? '#f6f7f9' : '#161b22';
    const border = theme === 'light' ? '#d9dee6' : '#2d3540';
    out.push(
      legendSvg(options.legend, MARGIN + graph.width + LEGEND_GAP, MARGIN + headerHeight, {
        panel,
        border,
        text: labelColor,
        muted: edgeColor,
      }),
    );
  }
  out.push(`<g transform="translate(${MARGIN} ${MARGIN + headerHeight})">`);
  out.push('<g class="edges">');
  for (const e of graph.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join('');
    out.push(`<path d="${d}" fill="none" stroke="${edgeColor}" stroke-width="1.2" marker-end="url(#arrow)"/>`);
    if (e.labelPos && e.label) {
      out.push(
        `<text x="${num(e.labelPos.x + EDGE_LABEL.padX)}" y="${num(e.labelPos.y + EDGE_LABEL.size)}" font-size="${EDGE_LABEL.size}" fill="${labelColor}">${escapeXml(e.label)}</text>`,
      );
    }
  }
  out.push('</g>');
  out.push('<g class="nodes">');
  for (const n of graph.nodes) {
    const colors = options.colorsOf?.(n) ?? categoryColors(n.category, theme);
    out.push(nodeSvg(n, colors));
  }
  out.push('</g>');
  footer.forEach((line, i) => {
    out.push(
      `<text x="0" y="${num(graph.height + 20 + 14 * i)}" font-size="11" fill="${labelColor}">${escapeXml(line)}</text>`,
    );
  });
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * Lays out an analysis and renders it: the export used by the CLI and the UI. `view` is the view
 * graph to draw (the page passes the one on screen, collapsed blocks and all); by default every
 * node, nothing collapsed.
 */
export async function analysisToSvg(
  analysis: AnalysisResult,
  elk: ElkLayouter,
  options: SvgOptions & { readonly layout?: ElkOptions; readonly view?: ViewGraph } = {},
): Promise<string> {
  const graph = await layoutView(elk, options.view ?? buildViewGraph(analysis), options.layout);
  return renderGraphSvg(graph, { title: analysis.graph.name, ...options });
}
