import type { PositionedEdge, PositionedGraph, PositionedNode } from '@/lib/layout';
import type { CardColors } from './NodeCard';
import type { Rect, Transform } from './use-pan-zoom';

/** What the overview needs besides the graph. */
export interface OverviewStyle {
  readonly colors: ReadonlyMap<string, CardColors>;
  /** The one figure a box shows when there is room (the colour mode's metric, or the name). */
  readonly figure: (n: PositionedNode) => string;
  readonly selectedId: string | null;
  readonly matches: ReadonlySet<string> | null;
  readonly edgeColor: string;
  readonly accent: string;
  readonly fallback: CardColors;
}

/** Screen px of the figure text in a box; boxes too small for it show colour only. */
const FIGURE_PX = 11;
const FONT = `${FIGURE_PX}px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace`;

/** Bounding box of an edge's polyline. */
export function edgeBox(e: PositionedEdge): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of e.points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export const intersects = (a: Rect, b: Rect) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/**
 * Draws the graph as coloured boxes and edge lines on a 2-D canvas: the level of detail for low
 * zoom and for views with more boxes than the DOM should hold. Boxes are batched by colour (one
 * path and one fill per colour) and everything off screen is skipped, so a frame of 20,000 boxes
 * costs a few ms. A box tall enough on screen shows one figure in 11 px text.
 */
export function drawOverview(
  canvas: HTMLCanvasElement,
  graph: PositionedGraph,
  edgeBoxes: readonly Rect[],
  t: Transform,
  size: { width: number; height: number },
  style: OverviewStyle,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(size.width * dpr));
  const h = Math.max(1, Math.round(size.height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const view: Rect = { x: -t.x / t.k, y: -t.y / t.k, width: size.width / t.k, height: size.height / t.k };
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  const px = 1 / t.k;

  // Edges: one path, hairlines; the selected node's edges on top in the accent colour.
  ctx.lineWidth = px;
  ctx.strokeStyle = style.edgeColor;
  ctx.beginPath();
  const hot: PositionedEdge[] = [];
  graph.edges.forEach((e, i) => {
    if (e.points.length < 2 || !intersects(view, edgeBoxes[i]!)) return;
    if (style.selectedId !== null && (e.source === style.selectedId || e.target === style.selectedId)) hot.push(e);
    ctx.moveTo(e.points[0]!.x, e.points[0]!.y);
    for (let k = 1; k < e.points.length; k++) ctx.lineTo(e.points[k]!.x, e.points[k]!.y);
  });
  ctx.stroke();
  if (hot.length > 0) {
    ctx.lineWidth = 2 * px;
    ctx.strokeStyle = style.accent;
    ctx.beginPath();
    for (const e of hot) {
      ctx.moveTo(e.points[0]!.x, e.points[0]!.y);
      for (let k = 1; k < e.points.length; k++) ctx.lineTo(e.points[k]!.x, e.points[k]!.y);
    }
    ctx.stroke();
  }

  // Boxes, batched by fill and by outline colour.
  const visible: PositionedNode[] = [];
  for (const n of graph.nodes) if (intersects(view, n)) visible.push(n);
  const byFill = new Map<string, PositionedNode[]>();
  const byStroke = new Map<string, PositionedNode[]>();
  const dimmed: PositionedNode[] = [];
  for (const n of visible) {
    const c = style.colors.get(n.id) ?? style.fallback;
    if (style.matches && !style.matches.has(n.id)) {
      dimmed.push(n);
      continue;
    }
    const stroke = n.status === 'broken' ? '#d33' : n.status === 'unknown' ? '#c80' : c.stroke;
    (byFill.get(c.fill) ?? byFill.set(c.fill, []).get(c.fill)!).push(n);
    (byStroke.get(stroke) ?? byStroke.set(stroke, []).get(stroke)!).push(n);
  }
  const outline = t.k * 20 >= 3; // a box under ~3 px tall: colour only
  ctx.globalAlpha = 0.3;
  for (const n of dimmed) {
    ctx.fillStyle = (style.colors.get(n.id) ?? style.fallback).fill;
    ctx.fillRect(n.x, n.y, n.width, n.height);
  }
  ctx.globalAlpha = 1;
  for (const [fill, ns] of byFill) {
    ctx.fillStyle = fill;
    ctx.beginPath();
    for (const n of ns) ctx.rect(n.x, n.y, n.width, n.height);
    ctx.fill();
  }
  if (outline) {
    ctx.lineWidth = px;
    for (const [stroke, ns] of byStroke) {
      ctx.strokeStyle = stroke;
      ctx.beginPath();
      for (const n of ns) ctx.rect(n.x, n.y, n.width, n.height);
      ctx.stroke();
    }
  }
  const sel = style.selectedId !== null ? graph.nodes.find((n) => n.id === style.selectedId) : undefined;
  if (sel) {
    ctx.lineWidth = 3 * px;
    ctx.strokeStyle = style.accent;
    ctx.strokeRect(sel.x, sel.y, sel.width, sel.height);
  }

  // One figure per box, in screen pixels so it stays 11 px at any zoom.
  if (visible.some((n) => n.height * t.k >= FIGURE_PX + 4)) {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const charW = FIGURE_PX * 0.61;
    for (const n of visible) {
      const bw = n.width * t.k;
      const bh = n.height * t.k;
      if (bh < FIGURE_PX + 4 || bw < 3 * charW + 6) continue;
      const text = style.figure(n);
      const max = Math.floor((bw - 6) / charW);
      const shown = text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
      const c = style.colors.get(n.id) ?? style.fallback;
      ctx.globalAlpha = style.matches && !style.matches.has(n.id) ? 0.3 : 1;
      ctx.fillStyle = c.text;
      ctx.fillText(shown, n.x * t.k + t.x + 3, n.y * t.k + t.y + bh / 2);
    }
    ctx.globalAlpha = 1;
  }
}

/** The box under a screen point (topmost in drawing order), or null. */
export function nodeAt(graph: PositionedGraph, t: Transform, sx: number, sy: number): PositionedNode | null {
  const gx = (sx - t.x) / t.k;
  const gy = (sy - t.y) / t.k;
  // At low zoom a box can be a pixel tall: accept clicks within 3 screen px of it.
  const slack = 3 / t.k;
  let best: PositionedNode | null = null;
  for (const n of graph.nodes)
    if (gx >= n.x - slack && gx <= n.x + n.width + slack && gy >= n.y - slack && gy <= n.y + n.height + slack) best = n;
  return best;
}
