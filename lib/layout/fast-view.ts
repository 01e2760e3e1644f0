import { fastLayout, type FastLayoutInput, type FastLayoutResult } from './fast-layout';
import type { LayoutDirection, Point, PositionedEdge, PositionedGraph, PositionedNode, ViewGraph } from './types';

/**
 * Up to this many boxes the layout runs on the main thread, in the render that brings the view:
 * resnet152's 210 boxes take 2–5 ms, so the graph paints in the same frame as the table. Bigger
 * graphs go to the layout worker (components/graph/use-layout) (20,000 layers: a few hundred ms there).
 */
export const SYNC_LAYOUT_NODES = 1500;

/** The fast layout's input for a view graph: sizes and edges as typed arrays (transferable). */
export function fastInput(view: ViewGraph, direction: LayoutDirection): FastLayoutInput {
  const n = view.nodes.length;
  const m = view.edges.length;
  const index = new Map<string, number>();
  const widths = new Float64Array(n);
  const heights = new Float64Array(n);
  view.nodes.forEach((v, i) => {
    index.set(v.id, i);
    widths[i] = v.width;
    heights[i] = v.height;
  });
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const labelWidths = new Float64Array(m);
  const labelHeights = new Float64Array(m);
  const labelIds = new Int32Array(m);
  const ids = new Map<string, number>();
  view.edges.forEach((e, i) => {
    edgeSource[i] = index.get(e.source) ?? 0;
    edgeTarget[i] = index.get(e.target) ?? 0;
    if (e.label) {
      labelWidths[i] = e.labelWidth;
      labelHeights[i] = e.labelHeight;
    }
    let id = ids.get(e.label);
    if (id === undefined) ids.set(e.label, (id = ids.size));
    labelIds[i] = id;
  });
  return { widths, heights, edgeSource, edgeTarget, labelWidths, labelHeights, labelIds, direction };
}

/** The positioned graph: the view's nodes and edges with the fast layout's coordinates. */
export function positionFast(view: ViewGraph, r: FastLayoutResult): PositionedGraph {
  const nodes: PositionedNode[] = view.nodes.map((v, i) => ({ ...v, x: r.x[i]!, y: r.y[i]! }));
  const edges: PositionedEdge[] = view.edges.map((e, i) => {
    const points: Point[] = [];
    for (let k = r.pointStart[i]!; k < r.pointStart[i + 1]!; k++)
      points.push({ x: r.points[2 * k]!, y: r.points[2 * k + 1]! });
    const lx = r.labelX[i]!;
    return { ...e, points, labelPos: Number.isNaN(lx) ? null : { x: lx, y: r.labelY[i]! } };
  });
  return { nodes, edges, width: r.width, height: r.height, nodeOfLayer: view.nodeOfLayer };
}

/**
 * The page's layout of a view graph, computed here and now: the graph pane (below the worker
 * threshold), `layerscope render` and the exports all call this, so a model is drawn with the
 * same positions everywhere. Deterministic: the same view gives the same coordinates.
 */
export function layoutFastNow(view: ViewGraph, direction: LayoutDirection): PositionedGraph {
  return positionFast(view, fastLayout(fastInput(view, direction)));
}
