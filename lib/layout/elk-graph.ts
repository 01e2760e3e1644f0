import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { LayoutDirection, Point, PositionedEdge, PositionedGraph, PositionedNode, ViewGraph } from './types';

/** What the layout needs from an ELK instance (elk.bundled in Node, elk-api + worker in the browser). */
export interface ElkLayouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** Options of the ELK conversion. */
export interface ElkOptions {
  readonly direction?: LayoutDirection;
  readonly edgeRouting?: 'ORTHOGONAL' | 'POLYLINE' | 'SPLINES';
}

/** Above this many nodes ELK is told to work less hard on crossings, which dominates its time. */
export const LARGE_GRAPH_NODES = 600;

/** ELK layered options: flow direction, routing, spacing sized for the card and label metrics. */
export function elkLayoutOptions(view: ViewGraph, options: ElkOptions = {}): LayoutOptions {
  const large = view.nodes.length > LARGE_GRAPH_NODES;
  return {
    'elk.algorithm': 'layered',
    'elk.direction': options.direction ?? 'DOWN',
    'elk.edgeRouting': options.edgeRouting ?? 'ORTHOGONAL',
    'elk.spacing.nodeNode': '24',
    'elk.layered.spacing.nodeNodeBetweenLayers': '28',
    'elk.spacing.edgeNode': '12',
    'elk.spacing.edgeEdge': '8',
    'elk.layered.spacing.edgeNodeBetweenLayers': '10',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '8',
    'elk.spacing.edgeLabel': '2',
    'elk.spacing.componentComponent': '40',
    'elk.edgeLabels.placement': 'CENTER',
    // Keep branches in the order the file writes them (1×1, 3×3, 5×5, pool in Inception).
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.thoroughness': large ? '2' : '7',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    // Balanced alignment keeps the trunk straight; the default drifts into a staircase (googlenet 2,246 → 840 px wide).
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  };
}

/** The ELK input graph: one child per view node with its measured size, one edge per view edge with its label box. */
export function toElkGraph(view: ViewGraph, options: ElkOptions = {}): ElkNode {
  const edges: ElkExtendedEdge[] = view.edges.map((e) => ({
    id: e.id,
    sources: [e.source],
    targets: [e.target],
    ...(e.label
      ? { labels: [{ id: `${e.id}#label`, text: e.label, width: e.labelWidth, height: e.labelHeight }] }
      : {}),
  }));
  return {
    id: 'root',
    layoutOptions: elkLayoutOptions(view, options),
    children: view.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges,
  };
}

/** A string that changes whenever the layout input changes (sizes, edges, labels, options), to skip needless relayouts. */
export function layoutKey(elk: ElkNode): string {
  const nodes = (elk.children ?? []).map((c) => `${c.id}:${c.width}x${c.height}`).join('|');
  const edges = (elk.edges ?? [])
    .map((e) => {
      const x = e as ElkExtendedEdge;
      return `${x.id}:${x.labels?.[0]?.width ?? 0}`;
    })
    .join('|');
  return `${JSON.stringify(elk.layoutOptions ?? {})}#${nodes}#${edges}`;
}

/** Merges ELK's positions into the view graph. Nodes or edges ELK did not return keep (0,0) / a straight line. */
export function applyLayout(view: ViewGraph, result: ElkNode): PositionedGraph {
  const pos = new Map((result.children ?? []).map((c) => [c.id, c]));
  const nodes: PositionedNode[] = view.nodes.map((n) => {
    const p = pos.get(n.id);
    return { ...n, x: p?.x ?? 0, y: p?.y ?? 0 };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const routes = new Map((result.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  const edges: PositionedEdge[] = view.edges.map((e) => {
    const r = routes.get(e.id);
    const section = r?.sections?.[0];
    let points: Point[];
    if (section) {
      points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y }));
    } else {
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      points = s && t ? [centre(s), centre(t)] : [];
    }
    const l = r?.labels?.[0];
    return { ...e, points, labelPos: l && l.x !== undefined && l.y !== undefined ? { x: l.x, y: l.y } : null };
  });
  return { nodes, edges, width: result.width ?? 0, height: result.height ?? 0, nodeOfLayer: view.nodeOfLayer };
}

function centre(n: PositionedNode): Point {
  return { x: n.x + n.width / 2, y: n.y + n.height / 2 };
}

/** Lays out a view graph with the given ELK instance. */
export async function layoutView(
  elk: ElkLayouter,
  view: ViewGraph,
  options: ElkOptions = {},
): Promise<PositionedGraph> {
  const result = await elk.layout(toElkGraph(view, options));
  return applyLayout(view, result);
}
