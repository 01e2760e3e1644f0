import type { IRGraph } from '../ir';
import { indexGraph, type GraphIndex } from './graph-index';

/**
 * Kahn's algorithm over blob dependencies, stable in file order. Nodes left over form
 * (or depend on) a cycle and are returned separately so they can be reported and still shown.
 */
export function topoOrder(
  graph: IRGraph,
  index: GraphIndex = indexGraph(graph),
): { order: number[]; cyclic: number[] } {
  const n = graph.nodes.length;
  const indeg = new Int32Array(n);
  const deps: number[][] = new Array(n);
  for (let i = 0; i < n; i++) deps[i] = [];
  const { blobs, bottomStart, bottomIdx } = index;
  // Producers already counted for the current node: bottoms are usually few, so a short array
  // scan beats a Set per node; a huge fan-in (a pasted 100k-bottom Concat) still gets a Set.
  const seen: number[] = [];
  for (let k = 0; k < n; k++) {
    const node = graph.nodes[k]!;
    seen.length = 0;
    const from = bottomStart[k]!;
    const to = bottomStart[k + 1]!;
    const big = to - from > 32 ? new Set<number>() : null;
    for (let j = from; j < to; j++) {
      const p = blobs[bottomIdx[j]!]?.producer;
      if (p !== null && p !== undefined && p !== node.index && !(big ? big.has(p) : seen.includes(p))) {
        if (big) big.add(p);
        else seen.push(p);
        indeg[node.index]!++;
        deps[p]!.push(node.index);
      }
    }
  }
  // A min-heap would keep strict file order; file order is already topological for Caffe,
  // so a simple queue seeded in file order is stable enough and O(n).
  const order: number[] = [];
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue.push(i);
  for (let qi = 0; qi < queue.length; qi++) {
    const i = queue[qi]!;
    order.push(i);
    for (const j of deps[i]!) if (--indeg[j]! === 0) queue.push(j);
  }
  const cyclic: number[] = [];
  if (order.length < n) for (let i = 0; i < n; i++) if (indeg[i]! > 0) cyclic.push(i);
  return { order, cyclic };
}
