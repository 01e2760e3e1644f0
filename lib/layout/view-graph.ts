import type { AnalysisResult, LayerResult } from '../analysis/types';
import type { OpCategory } from '../ops/types';
import { badgeLabel, cardText } from './card-text';
import { shapeText } from './format';
import { cardSize, edgeLabelSize } from './measure';
import { runSteps, STEP_ITEMS } from './steps';
import type { FoldedLayer, LayerGroup, NodeCosts, ViewEdge, ViewGraph, ViewNode } from './types';

/** Options of the IR → view conversion. */
export interface ViewOptions {
  /** Measured time per layer name (ms), from a run; summed into `costs.measuredMs`. */
  readonly measuredMs?: Readonly<Record<string, number>>;
}

type Status = ViewNode['status'];

interface Draft {
  id: string;
  kind: ViewNode['kind'];
  name: string;
  type: string;
  category: OpCategory;
  layers: number[];
  folded: FoldedLayer[];
  results: LayerResult[];
  outShape: ViewNode['outShape'];
  status: Status;
}

const worse = (a: Status, b: Status): Status =>
  a === 'broken' || b === 'broken' ? 'broken' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'ok';

function sumCosts(results: readonly LayerResult[], measured: ViewOptions['measuredMs']): NodeCosts {
  let macs = 0;
  let flops = 0;
  let params = 0;
  let activationBytes = 0;
  let ms: number | null = null;
  for (const r of results) {
    macs += r.macs;
    flops += r.flops;
    params += r.params;
    activationBytes += r.activationBytes;
    const t = measured?.[r.name];
    if (t !== undefined && Number.isFinite(t)) ms = (ms ?? 0) + t;
  }
  return { macs, flops, params, activationBytes, measuredMs: ms };
}

function finish(d: Draft, costs: NodeCosts, layerCount: number, group: string | null): ViewNode {
  const text = cardText({
    kind: d.kind,
    name: d.name,
    type: d.type,
    outShape: d.outShape,
    macs: costs.macs,
    params: costs.params,
    layerCount,
    badges: d.folded.map(badgeLabel),
    status: d.status,
  });
  const size = cardSize(text);
  // Collapsed groups carry an expand button in the top-right corner.
  const width = d.kind === 'group' ? size.width + 16 : size.width;
  const height = size.height;
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    type: d.type,
    category: d.category,
    layers: d.layers,
    folded: d.folded,
    outShape: d.outShape,
    costs,
    status: d.status,
    group,
    layerCount,
    width,
    height,
  };
}

/** Builds an edge, labelled with the distinct shapes of its blobs (batch axis dropped). */
export function makeEdge(
  source: string,
  target: string,
  blobs: readonly string[],
  shapes: AnalysisResult['blobShapes'],
): ViewEdge {
  const labels: string[] = [];
  for (const b of blobs) {
    const t = shapeText(shapes.get(b) ?? null, true);
    if (!labels.includes(t)) labels.push(t);
  }
  const label = labels.join(', ');
  const size = edgeLabelSize(label);
  return { id: `${source}->${target}`, source, target, blobs, label, labelWidth: size.width, labelHeight: size.height };
}

/**
 * Converts an analysis into the view graph: one node per visible layer, in-place layers
 * (ReLU/BN/Scale/Dropout rewriting their single bottom) folded into the node that produced
 * that blob, a node per graph input that no layer declares, and one edge per connected pair
 * (parallel blobs merged) labelled with blob shapes.
 */
export function buildViewGraph(analysis: AnalysisResult, options: ViewOptions = {}): ViewGraph {
  return runSteps(buildViewGraphSteps(analysis, options));
}

/**
 * buildViewGraph as a generator that yields every STEP_ITEMS items, so the page can build the
 * view of a 1,000+ layer model in short slices (runSliced) instead of one long task.
 */
export function* buildViewGraphSteps(
  analysis: AnalysisResult,
  options: ViewOptions = {},
): Generator<void, ViewGraph, void> {
  const { graph } = analysis;
  let work = 0;
  const drafts: Draft[] = [];
  const byId = new Map<string, Draft>();
  /** IR node index → id of the view node showing it. */
  const hostOf = new Map<number, string>();
  const add = (d: Draft) => {
    drafts.push(d);
    byId.set(d.id, d);
  };

  // Inputs not declared by a layer (Caffe `input:` fields) and placeholders for dangling bottoms.
  const declared = new Map(graph.inputs.filter((i) => i.node === undefined).map((i) => [i.blob, i]));
  for (const blob of graph.blobs.values()) {
    // Stored tensors (ONNX initializers), omitted optional inputs and sub-graph parameters are not inputs.
    if (blob.producer !== null || blob.consumers.length === 0 || blob.constant) continue;
    const known = declared.has(blob.id);
    add({
      id: `I:${blob.id}`,
      kind: 'input',
      name: blob.name,
      type: known ? 'Input' : 'Missing',
      category: 'input',
      layers: [],
      folded: [],
      results: [],
      outShape: analysis.blobShapes.get(blob.id) ?? null,
      status: known ? 'ok' : 'broken',
    });
  }

  const blobHost = (blobId: string): string | undefined => {
    const blob = graph.blobs.get(blobId);
    if (!blob) return undefined;
    return blob.producer === null ? (byId.has(`I:${blobId}`) ? `I:${blobId}` : undefined) : hostOf.get(blob.producer);
  };

  for (const r of analysis.layers) {
    if (++work % STEP_ITEMS === 0) yield;
    const hostId = r.inPlace && r.bottoms.length === 1 ? blobHost(r.bottoms[0]!) : undefined;
    const host = hostId !== undefined ? byId.get(hostId) : undefined;
    if (host) {
      host.folded.push({
        index: r.index,
        name: r.name,
        type: r.type,
        category: r.category,
        macs: r.macs,
        flops: r.flops,
        params: r.params,
      });
      host.results.push(r);
      host.status = worse(host.status, r.status);
      hostOf.set(r.index, host.id);
      continue;
    }
    const id = `L${r.index}`;
    add({
      id,
      kind: 'layer',
      name: r.name,
      type: r.type,
      category: r.category,
      layers: [r.index],
      folded: [],
      results: [r],
      outShape: r.outputs[0] ?? null,
      status: r.status,
    });
    hostOf.set(r.index, id);
  }

  const edges = new Map<string, { source: string; target: string; blobs: string[] }>();
  for (const r of analysis.layers) {
    if (++work % STEP_ITEMS === 0) yield;
    const target = hostOf.get(r.index);
    if (target !== `L${r.index}`) continue; // folded layers add no edges of their own
    for (const b of r.bottoms) {
      const source = blobHost(b);
      if (source === undefined || source === target) continue;
      const key = `${source}->${target}`;
      const e = edges.get(key) ?? { source, target, blobs: [] };
      if (!e.blobs.includes(b)) e.blobs.push(b);
      edges.set(key, e);
    }
  }

  const nodeOfLayer = new Map<string, string>();
  for (const r of analysis.layers) {
    const id = hostOf.get(r.index);
    if (id !== undefined && !nodeOfLayer.has(r.name)) nodeOfLayer.set(r.name, id);
  }
  for (const d of drafts) if (d.kind === 'input' && !nodeOfLayer.has(d.name)) nodeOfLayer.set(d.name, d.id);

  // Card texts and label sizes are the bulk of the work: sliced too.
  const nodes: ViewNode[] = [];
  for (const d of drafts) {
    if (++work % STEP_ITEMS === 0) yield;
    nodes.push(finish(d, sumCosts(d.results, options.measuredMs), 1 + d.folded.length, null));
  }
  const viewEdges: ViewEdge[] = [];
  for (const e of edges.values()) {
    if (++work % STEP_ITEMS === 0) yield;
    viewEdges.push(makeEdge(e.source, e.target, e.blobs, analysis.blobShapes));
  }
  return { nodes, edges: viewEdges, nodeOfLayer };
}

/**
 * The view with the given groups collapsed into one node each (summed costs, output shape of
 * the group's last member) and every node annotated with the proposed group it belongs to.
 */
export function collapseGroups(
  view: ViewGraph,
  groups: readonly LayerGroup[],
  collapsed: ReadonlySet<string>,
  shapes: AnalysisResult['blobShapes'],
): ViewGraph {
  const groupOf = new Map<string, string>();
  for (const g of groups) for (const m of g.members) groupOf.set(m, g.key);
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const mapId = (id: string) => {
    const g = groupOf.get(id);
    return g !== undefined && collapsed.has(g) ? `G:${g}` : id;
  };

  const nodes: ViewNode[] = [];
  const emitted = new Set<string>();
  const groupByKey = new Map(groups.map((g) => [g.key, g]));
  for (const n of view.nodes) {
    const key = groupOf.get(n.id) ?? null;
    if (key === null || !collapsed.has(key)) {
      nodes.push(n.group === key ? n : { ...n, group: key });
      continue;
    }
    if (emitted.has(key)) continue;
    emitted.add(key);
    const members = (groupByKey.get(key)?.members ?? []).map((m) => byId.get(m)).filter((m) => m !== undefined);
    nodes.push(groupNode(key, members));
  }

  const edges = new Map<string, { source: string; target: string; blobs: string[] }>();
  for (const e of view.edges) {
    const source = mapId(e.source);
    const target = mapId(e.target);
    if (source === target) continue;
    const key = `${source}->${target}`;
    const acc = edges.get(key) ?? { source, target, blobs: [] };
    for (const b of e.blobs) if (!acc.blobs.includes(b)) acc.blobs.push(b);
    edges.set(key, acc);
  }
  const nodeOfLayer = new Map<string, string>();
  for (const [name, id] of view.nodeOfLayer) nodeOfLayer.set(name, mapId(id));
  return {
    nodes,
    edges: [...edges.values()].map((e) => makeEdge(e.source, e.target, e.blobs, shapes)),
    nodeOfLayer,
  };
}

function groupNode(key: string, members: readonly ViewNode[]): ViewNode {
  let macs = 0;
  let flops = 0;
  let params = 0;
  let activationBytes = 0;
  let ms: number | null = null;
  let status: Status = 'ok';
  let layerCount = 0;
  const layers: number[] = [];
  for (const m of members) {
    macs += m.costs.macs;
    flops += m.costs.flops;
    params += m.costs.params;
    activationBytes += m.costs.activationBytes;
    if (m.costs.measuredMs !== null) ms = (ms ?? 0) + m.costs.measuredMs;
    status = worse(status, m.status);
    layerCount += m.layerCount;
    for (const l of m.layers) layers.push(l);
    for (const f of m.folded) layers.push(f.index);
  }
  const draft: Draft = {
    id: `G:${key}`,
    kind: 'group',
    name: key,
    type: 'Group',
    category: 'container',
    layers,
    folded: [],
    results: [],
    outShape: members.at(-1)?.outShape ?? null,
    status,
  };
  return finish(draft, { macs, flops, params, activationBytes, measuredMs: ms }, layerCount, key);
}
