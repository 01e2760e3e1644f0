/**
 * Standalone SVG of a whole laid-out graph, for download and for the CLI. Every piece of
 * model text goes through `escapeXml`; the document has no script, no event attributes,
 * no external references, and inline presentation attributes only, so it renders the same
 * in a browser, an image viewer or a slide deck.
 */
import { badgeWidth, CARD, charsThatFit, EDGE_LABEL, ellipsize, layoutView, nodeCardText } from '../layout';
import type { ElkLayouter, ElkOptions, PositionedGraph, PositionedNode } from '../layout';
import { buildViewGraph } from '../layout';
import type { AnalysisResult } from '../analysis';
import { categoryColors, type CategoryColors } from '../ops/categories';

/** Options of the SVG export. */
export interface SvgOptions {
  readonly theme?: 'light' | 'dark';
  /** Document title (model name). */
  readonly title?: string;
  /** Overrides a node's colours (e.g. the compare view's added/removed/changed colouring). */
  readonly colorsOf?: (node: PositionedNode) => CategoryColors | undefined;
  /** Extra text lines drawn under the graph (e.g. removed layers in a comparison). */
  readonly footer?: readonly string[];
}

// XML 1.0 forbids most C0 controls even as character references, so they are dropped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const num = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0');
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const MARGIN = 16;

function nodeSvg(n: PositionedNode, colors: CategoryColors): string {
  const text = nodeCardText(n);
  const inner = n.width - 2 * CARD.padX;
  const x = num(n.x);
  const y = num(n.y);
  const tx = num(n.x + CARD.padX);
  const lines: string[] = [];
  // The tooltip carries the full names (the card may shorten them), folded layers included.
  const all = [`${n.name} (${n.type})`, ...n.folded.map((f) => `${f.name} (${f.type})`)];
  lines.push(`<g class="node" data-id="${escapeXml(n.id)}">`);
  lines.push(`<title>${escapeXml(all.join('\n'))}</title>`);
  const dash = n.status === 'ok' ? '' : ' stroke-dasharray="4 3"';
  lines.push(
    `<rect x="${x}" y="${y}" width="${num(n.width)}" height="${num(n.height)}" rx="6" fill="${escapeXml(colors.fill)}" stroke="${escapeXml(colors.stroke)}" stroke-width="1.2"${dash}/>`,
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
  const width = Math.ceil(graph.width + 2 * MARGIN);
  const height = Math.ceil(graph.height + 2 * MARGIN + footerHeight);
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
  out.push(`<g transform="translate(${MARGIN} ${MARGIN})">`);
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

/** Lays out an analysis (every node, nothing collapsed) and renders it: the export used by the CLI and the UI. */
export async function analysisToSvg(
  analysis: AnalysisResult,
  elk: ElkLayouter,
  options: SvgOptions & { readonly layout?: ElkOptions } = {},
): Promise<string> {
  const graph = await layoutView(elk, buildViewGraph(analysis), options.layout);
  return renderGraphSvg(graph, { title: analysis.graph.name, ...options });
}
