import type { IRGraph, IRNode, Shape } from '../ir';
import type { SubgraphEval, TensorFacts } from '../ops/types';
import type { EvalState } from './analyze';
import type { GraphIndex } from './graph-index';
import type { LayerResult } from './types';

/**
 * Seeds what is known before any layer runs in a typed graph (ONNX): stored tensors
 * (initializers) have their shape, type and, when small, their values; an omitted optional
 * input is marked absent; every other blob starts with its declared element type.
 */
export function seedFacts(
  graph: IRGraph,
  index: GraphIndex,
  shapes: (Shape | null | undefined)[],
  shown: number[],
): (TensorFacts | undefined)[] {
  const facts = new Array<TensorFacts | undefined>(index.ids.length).fill(undefined);
  for (let bi = 0; bi < index.ids.length; bi++) {
    const blob = index.blobs[bi];
    if (!blob) continue;
    const c = blob.constant;
    if (c?.kind === 'initializer') {
      const dims = c.dims ?? null;
      shapes[bi] = dims;
      shown.push(bi);
      facts[bi] = {
        constant: true,
        ...(c.dtype ? { dtype: c.dtype } : {}),
        ...(c.values ? { value: c.values } : {}),
      };
    } else if (c?.kind === 'absent') {
      shapes[bi] = null;
      facts[bi] = { absent: true };
    } else if (blob.dtype) {
      facts[bi] = { dtype: blob.dtype };
    }
  }
  return facts;
}

/** Every node of the sub-graphs a node owns, at any depth. */
function descendants(graph: IRGraph, n: number, out: number[] = []): number[] {
  for (const sub of graph.nodes[n]?.subgraphs ?? []) {
    for (const m of sub.nodes) {
      out.push(m);
      descendants(graph, m, out);
    }
  }
  return out;
}

/** The node of `set` that is `n` or holds it in a sub-graph, if any. */
function ancestorIn(graph: IRGraph, n: number, set: ReadonlySet<number>): number | undefined {
  for (let m: number | undefined = n; m !== undefined; m = graph.nodes[m]?.parent) if (set.has(m)) return m;
  return undefined;
}

/**
 * Nodes of one sub-graph in dependency order (file order where it is already one). A node that
 * owns sub-graphs also waits for what its inner nodes read from this level (a branch reading a
 * sibling's output), or it would run before that value exists.
 */
function subgraphOrder(graph: IRGraph, nodes: readonly number[]): number[] {
  const inSet = new Set(nodes);
  const indeg = new Map<number, number>();
  const next = new Map<number, number[]>();
  for (const n of nodes) {
    const deps = new Set<number>();
    for (const m of [n, ...descendants(graph, n)]) {
      for (const b of graph.nodes[m]!.bottoms) {
        const producer = graph.blobs.get(b)?.producer;
        const p = producer === null || producer === undefined ? undefined : ancestorIn(graph, producer, inSet);
        if (p !== undefined && p !== n) deps.add(p);
      }
    }
    indeg.set(n, deps.size);
    for (const p of deps) {
      const list = next.get(p) ?? [];
      list.push(n);
      next.set(p, list);
    }
  }
  const order: number[] = [];
  const queue = nodes.filter((n) => indeg.get(n) === 0);
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q]!;
    order.push(n);
    for (const m of next.get(n) ?? []) {
      const d = indeg.get(m)! - 1;
      indeg.set(m, d);
      if (d === 0) queue.push(m);
    }
  }
  // Nodes on a cycle inside the sub-graph still get evaluated (their inputs stay unknown).
  if (order.length < nodes.length) for (const n of nodes) if (!order.includes(n)) order.push(n);
  return order;
}

/**
 * Evaluates sub-graph `k` of `owner` once with its formal inputs bound: every layer's latest
 * result is kept (for the table and graph, marked with its owner), and their figures are
 * summed for the owner, which decides how many times they count.
 */
export function runSubgraph(
  state: EvalState,
  owner: IRNode,
  k: number,
  inputs: readonly (Shape | null)[],
  facts: readonly (TensorFacts | undefined)[],
): SubgraphEval | undefined {
  const sub = owner.subgraphs?.[k];
  if (!sub) return undefined;
  const { index, shapes, shown, graph } = state;
  sub.inputs.forEach((id, i) => {
    const bi = index.indexOf(id);
    const s = inputs[i] ?? null;
    shapes[bi] = s;
    shown.push(bi);
    if (state.facts)
      state.facts[bi] = facts[i] ?? (graph.blobs.get(id)?.dtype ? { dtype: graph.blobs.get(id)!.dtype! } : undefined);
  });
  let params = 0;
  let buffers = 0;
  let macs = 0;
  let flops = 0;
  let incomplete = 0;
  for (const n of subgraphOrder(graph, sub.nodes)) {
    const node = graph.nodes[n]!;
    const r = state.evaluate(node, n, owner.index);
    if (node.subgraphs) evaluateSkipped(state, node);
    state.subLayers.set(n, r);
    params += r.params;
    buffers += r.buffers;
    macs += r.macs;
    flops += r.flops;
    if (r.status !== 'ok') incomplete++;
  }
  const outputs = sub.outputs.map((id) => shapes[index.indexOf(id)] ?? null);
  const outFacts = sub.outputs.map((id) => state.facts?.[index.indexOf(id)]);
  return { outputs, facts: outFacts, params, buffers, macs, flops, incomplete };
}

/**
 * Evaluates, with unknown inputs, every sub-graph of `owner` its op did not evaluate (an unknown
 * or broken owner), so each sub-graph layer is still listed and drawn.
 */
export function evaluateSkipped(state: EvalState, owner: IRNode): void {
  owner.subgraphs?.forEach((sub, k) => {
    if (sub.nodes.length === 0 || sub.nodes.some((n) => state.subLayers.has(n))) return;
    runSubgraph(
      state,
      owner,
      k,
      sub.inputs.map(() => null),
      [],
    );
  });
}

/** The result of a layer that never runs (in an If branch not taken): unknown outputs, no figures. */
function notRun(state: EvalState, node: IRNode, parent: number): LayerResult {
  const { index, shapes, shown } = state;
  const t0 = index.topStart[node.index]!;
  for (let i = 0; i < node.tops.length; i++) {
    shapes[index.topIdx[t0 + i]!] = null;
    shown.push(index.topIdx[t0 + i]!);
  }
  return {
    index: node.index,
    name: node.name,
    type: node.type,
    category: 'other',
    status: 'unknown',
    bottoms: node.bottoms,
    tops: node.tops,
    inputShapes: node.bottoms.map(() => null),
    outputs: node.tops.map(() => null),
    params: 0,
    buffers: 0,
    macs: 0,
    flops: 0,
    activationBytes: 0,
    weightBytes: 0,
    arithmeticIntensity: null,
    receptiveField: null,
    algorithms: null,
    inPlace: false,
    diagnostics: [],
    parent,
  };
}

/** Records every layer of sub-graph `k` of `owner` (and deeper) as not run. */
export function skipSubgraph(state: EvalState, owner: IRNode, k: number): void {
  const sub = owner.subgraphs?.[k];
  if (!sub) return;
  for (const n of sub.nodes) {
    const node = state.graph.nodes[n]!;
    state.subLayers.set(n, notRun(state, node, owner.index));
    node.subgraphs?.forEach((_, j) => skipSubgraph(state, node, j));
  }
}

/** The recorded layers of an owner's sub-graphs, nested ones first, in file order. */
export function takeSubLayers(
  graph: IRGraph,
  owner: number,
  recorded: ReadonlyMap<number, LayerResult>,
): LayerResult[] {
  const out: LayerResult[] = [];
  for (const sub of graph.nodes[owner]?.subgraphs ?? []) {
    for (const n of sub.nodes) {
      if (graph.nodes[n]?.subgraphs) for (const r of takeSubLayers(graph, n, recorded)) out.push(r);
      const r = recorded.get(n);
      if (r) out.push(r);
    }
  }
  return out;
}
