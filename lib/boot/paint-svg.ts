/**
 * The boot picture: SVG markup of cards and edges drawn exactly as the graph view draws them at
 * full detail (components/graph/NodeCard and GraphCanvas's edges, not selected, nothing dimmed,
 * category colours), so the app's own frame replaces it without a visible jump. Every piece of
 * model text goes through escapeXml: the markup is set as innerHTML by the boot script.
 */
import { badgeLabel, nodeCardText } from '../layout/card-text';
import { badgeWidth, CARD, charsThatFit, EDGE_LABEL, ellipsize } from '../layout/measure';
import type { PositionedEdge, PositionedGraph, PositionedNode } from '../layout/types';
import { categoryColors } from '../ops/categories';
import { escapeXml as esc } from '../share/svg-escape';

/** The graph view's colours that are not per category (components/graph GraphView/GraphCanvas). */
export function screenColors(theme: 'light' | 'dark') {
  const dark = theme === 'dark';
  return {
    edge: dark ? '#8b95a5' : '#7a8494',
    labelBg: dark ? '#1f2430' : '#ffffff',
    labelText: dark ? '#c7ced9' : '#4b5563',
    badgeFill: dark ? 'rgba(255,255,255,0.14)' : 'rgba(0,0,0,0.08)',
  };
}

/** The arrow marker the edges use (id `boot-arrow`, so it can never clash with the view's own). */
export function arrowMarker(theme: 'light' | 'dark'): string {
  return `<defs><marker id="boot-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${screenColors(theme).edge}"/></marker></defs>`;
}

function cardSvg(n: PositionedNode, theme: 'light' | 'dark'): string {
  const c = categoryColors(n.category, theme);
  const badgeFill = screenColors(theme).badgeFill;
  const text = nodeCardText(n);
  const inner = n.width - 2 * CARD.padX - (n.kind === 'group' ? 16 : 0);
  const strokeWidth = n.status === 'ok' ? 1 : 2;
  const stroke = n.status === 'broken' ? '#d33' : n.status === 'unknown' ? '#c80' : c.stroke;
  const out: string[] = [
    `<g class="boot-node" transform="translate(${n.x},${n.y})" data-node-name="${esc(n.name)}" data-status="${n.status}">`,
    `<rect width="${n.width}" height="${n.height}" rx="${n.kind === 'group' ? 8 : 4}" fill="${c.fill}" stroke="${stroke}" stroke-width="${strokeWidth}"${n.kind === 'group' ? ' stroke-dasharray="5 3"' : ''}/>`,
    `<text x="${CARD.padX}" y="${CARD.padY + CARD.nameSize}" font-size="${CARD.nameSize}" font-weight="600" fill="${c.text}">${esc(ellipsize(text.name, charsThatFit(inner, CARD.nameSize)))}</text>`,
    `<text x="${CARD.padX}" y="${CARD.padY + CARD.nameLine + CARD.textSize + 1}" font-size="${CARD.textSize}" fill="${c.text}">${esc(ellipsize(text.line2, charsThatFit(inner, CARD.textSize)))}</text>`,
    `<text class="boot-node-costs" x="${CARD.padX}" y="${CARD.padY + CARD.nameLine + CARD.textLine + CARD.textSize + 1}" font-size="${CARD.textSize}" fill="${c.text}">${esc(ellipsize(text.line3, charsThatFit(inner, CARD.textSize)))}</text>`,
  ];
  let bx = CARD.padX;
  const badgeY = CARD.padY + CARD.nameLine + 2 * CARD.textLine + 2;
  for (const f of n.folded) {
    const label = badgeLabel(f);
    const w = badgeWidth(label);
    const x = bx;
    bx += w + CARD.badgeGap;
    if (x + w > n.width - CARD.padX + 0.5) continue;
    out.push(
      `<g transform="translate(${x},${badgeY})"><rect width="${w}" height="${CARD.badgeLine - 2}" rx="3" fill="${badgeFill}"/><text x="${CARD.badgePadX}" y="${CARD.badgeSize + 1.5}" font-size="${CARD.badgeSize}" fill="${c.text}">${esc(label)}</text></g>`,
    );
  }
  out.push('</g>');
  return out.join('');
}

function edgeSvg(e: PositionedEdge, theme: 'light' | 'dark', labels: boolean): string {
  if (e.points.length < 2) return '';
  const s = screenColors(theme);
  const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
  let out = `<path d="${d}" fill="none" stroke="${s.edge}" stroke-width="1.2" marker-end="url(#boot-arrow)"/>`;
  if (labels && e.labelPos && e.label)
    out += `<g transform="translate(${e.labelPos.x},${e.labelPos.y})"><rect width="${e.labelWidth}" height="${e.labelHeight}" rx="2" fill="${s.labelBg}"/><text x="${EDGE_LABEL.padX}" y="${EDGE_LABEL.size + 0.5}" font-size="${EDGE_LABEL.size}" fill="${s.labelText}">${esc(e.label)}</text></g>`;
  return out;
}

/**
 * The cards and edges that can be on screen in the first view: with the flow DOWN, nothing below
 * `reach` graph units (the home view starts the flow at the top at zoom ≤ 1 when the graph does
 * not fit, and when it fits the whole graph is within reach anyway); RIGHT likewise across.
 */
export function bootMarkup(
  graph: PositionedGraph,
  direction: 'DOWN' | 'RIGHT',
  theme: 'light' | 'dark',
  reach: number,
): { markup: string; drawn: number } {
  const down = direction === 'DOWN';
  const near = (x: number, y: number) => (down ? y : x) <= reach;
  const parts: string[] = [];
  for (const e of graph.edges) if (e.points.some((p) => near(p.x, p.y))) parts.push(edgeSvg(e, theme, true));
  let drawn = 0;
  for (const n of graph.nodes) {
    if (!near(n.x, n.y)) continue;
    parts.push(cardSvg(n, theme));
    drawn++;
  }
  return { markup: parts.join(''), drawn };
}
