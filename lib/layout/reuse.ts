import type { Point, PositionedEdge, PositionedGraph, PositionedNode, ViewGraph } from './types';

/** A width change up to this many px keeps the previous positions (cards grow evenly around their centre). */
export const REUSE_MAX_WIDTH_CHANGE = 32;

/**
 * The previous layout with the new view's figures, when the topology is unchanged: same boxes in
 * the same order with the same heights, same edges, widths within REUSE_MAX_WIDTH_CHANGE. Null
 * otherwise (the caller lays out again). An edit such as `num_output: 64 → 128` changes labels
 * and card text only, so the picture keeps still and no layout runs.
 */
export function reuseLayout(view: ViewGraph, prev: PositionedGraph): PositionedGraph | null {
  if (view.nodes.length !== prev.nodes.length || view.edges.length !== prev.edges.length) return null;
  const nodes: PositionedNode[] = new Array<PositionedNode>(view.nodes.length);
  const byId = new Map<string, PositionedNode>();
  for (let i = 0; i < view.nodes.length; i++) {
    const v = view.nodes[i]!;
    const p = prev.nodes[i]!;
    if (v.id !== p.id || v.height !== p.height || Math.abs(v.width - p.width) > REUSE_MAX_WIDTH_CHANGE) return null;
    const n = { ...v, x: p.x + (p.width - v.width) / 2, y: p.y };
    nodes[i] = n;
    byId.set(n.id, n);
  }
  const edges: PositionedEdge[] = new Array<PositionedEdge>(view.edges.length);
  for (let i = 0; i < view.edges.length; i++) {
    const e = view.edges[i]!;
    const p = prev.edges[i]!;
    if (e.id !== p.id) return null;
    const points = fitEnds(p.points, byId.get(e.source), byId.get(e.target));
    let labelPos = p.labelPos;
    // A label left of its line keeps its right edge there as its text grows or shrinks.
    const line = points[0]?.x;
    if (labelPos && line !== undefined && labelPos.x + p.labelWidth <= line + 0.5)
      labelPos = { x: labelPos.x + p.labelWidth - e.labelWidth, y: labelPos.y };
    edges[i] = { ...e, points, labelPos };
  }
  return { nodes, edges, width: prev.width, height: prev.height, nodeOfLayer: view.nodeOfLayer };
}

/** Keeps an edge's end points on narrowed cards: an end outside its card moves in, with the bend next to it. */
function fitEnds(
  points: readonly Point[],
  s: PositionedNode | undefined,
  t: PositionedNode | undefined,
): readonly Point[] {
  if (points.length < 2 || !s || !t) return points;
  const out = points.map((p) => ({ ...p }));
  const pull = (i: number, j: number, n: PositionedNode) => {
    const p = out[i]!;
    const onX = Math.abs(p.y - n.y) < 0.5 || Math.abs(p.y - (n.y + n.height)) < 0.5;
    if (!onX) return;
    const x = Math.min(n.x + n.width - 4, Math.max(n.x + 4, p.x));
    if (x === p.x) return;
    if (Math.abs(out[j]!.x - p.x) < 0.5) out[j]!.x = x;
    p.x = x;
  };
  pull(0, 1, s);
  pull(out.length - 1, out.length - 2, t);
  return out;
}
