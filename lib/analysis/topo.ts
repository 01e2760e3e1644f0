import type { IRGraph } from '../ir';
import { indexGraph, type GraphIndex } from './graph-index';

/**
 * Kahn's algorithm over blob dependencies, stable in file order (a FIFO queue seeded in file
 * order). Nodes left over form (or depend on) a cycle and are returned separately so they can be
 * reported and still shown. Flat typed arrays throughout: no array or set per node, so a
 * 175,000-layer model costs a few passes over integers.
 */
export function topoOrder(
  graph: IRGraph,
  index: GraphIndex = indexGraph(graph),
): { order: number[]; cyclic: number[] } {
  const n = graph.nodes.length;
  const { blobs, bottomStart, bottomIdx } = index;
  // Producer of every bottom reference (-1: a graph input, the node itself, or a repeat of a
  // producer already counted for this node). `seenBy[p] === k` marks p as counted for node k.
  const refs = bottomIdx.length;
  const producerOfRef = new Int32Array(refs).fill(-1);
  const seenBy = new Int32Array(n).fill(-1);
  const indeg = new Int32Array(n);
  const outdeg = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const self = graph.nodes[k]!.index;
    for (let j = bottomStart[k]!; j < bottomStart[k + 1]!; j++) {
      const p = blobs[bottomIdx[j]!]?.producer;
      if (p === null || p === undefined || p === self || p < 0 || p >= n || seenBy[p] === self) continue;
      seenBy[p] = self;
      producerOfRef[j] = p;
      indeg[self]!++;
      outdeg[p]!++;
    }
  }
  // Dependants of each node, laid out contiguously (CSR), in file order of the dependant.
  const depStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) depStart[i + 1] = depStart[i]! + outdeg[i]!;
  const fill = depStart.slice(0, n);
  const deps = new Int32Array(depStart[n]!);
  for (let k = 0; k < n; k++) {
    const self = graph.nodes[k]!.index;
    for (let j = bottomStart[k]!; j < bottomStart[k + 1]!; j++) {
      const p = producerOfRef[j]!;
      if (p >= 0) deps[fill[p]!++] = self;
    }
  }
  const order: number[] = [];
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    order.push(i);
    for (let d = depStart[i]!; d < depStart[i + 1]!; d++) {
      const j = deps[d]!;
      if (--indeg[j]! === 0) queue[tail++] = j;
    }
  }
  const cyclic: number[] = [];
  if (order.length < n) for (let i = 0; i < n; i++) if (indeg[i]! > 0) cyclic.push(i);
  return { order, cyclic };
}
