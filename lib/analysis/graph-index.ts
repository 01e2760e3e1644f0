import type { IRBlob, IRGraph } from '../ir';
import { prebuiltIndex, type GraphIndex } from '../ir/graph-index';

export type { GraphIndex };

/** The index of `graph`: the builder's when it has one, else one map entry per blob, one lookup per reference. */
export function indexGraph(graph: IRGraph): GraphIndex {
  // A graph straight from GraphBuilder comes with its index (no hashing of every blob reference).
  const pre = prebuiltIndex(graph);
  if (pre !== undefined) return pre;
  const ids: string[] = [];
  const blobs: (IRBlob | undefined)[] = [];
  const index = new Map<string, number>();
  for (const [id, blob] of graph.blobs) {
    index.set(id, ids.length);
    ids.push(id);
    blobs.push(blob);
  }
  const indexOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
      blobs.push(undefined);
    }
    return i;
  };
  const nodes = graph.nodes;
  let nBottoms = 0;
  let nTops = 0;
  for (const node of nodes) {
    nBottoms += node.bottoms.length;
    nTops += node.tops.length;
  }
  const bottomStart = new Int32Array(nodes.length + 1);
  const bottomIdx = new Int32Array(nBottoms);
  const topStart = new Int32Array(nodes.length + 1);
  const topIdx = new Int32Array(nTops);
  let b = 0;
  let t = 0;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]!;
    bottomStart[n] = b;
    for (const id of node.bottoms) bottomIdx[b++] = indexOf(id);
    topStart[n] = t;
    for (const id of node.tops) topIdx[t++] = indexOf(id);
  }
  bottomStart[nodes.length] = b;
  topStart[nodes.length] = t;
  return { ids, blobs, bottomStart, bottomIdx, topStart, topIdx, indexOf };
}
