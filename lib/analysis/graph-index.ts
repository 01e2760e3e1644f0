import type { IRBlob, IRGraph } from '../ir';

/**
 * The graph with blob ids replaced by small integers, built once per analysis. Topological
 * sort, shape propagation, receptive fields and peak memory each walk every blob reference;
 * with this index they read arrays instead of doing several string-keyed map lookups per
 * reference (which dominated analysis time on large models).
 */
export interface GraphIndex {
  /** Blob id of each index: the graph's blobs in map order, then ids only referenced (hand-built graphs). */
  readonly ids: string[];
  /** The IRBlob of each index; undefined for an id the graph's blob map lacks. */
  readonly blobs: (IRBlob | undefined)[];
  /** Bottom blob indices of node n: bottomIdx[bottomStart[n]] … bottomIdx[bottomStart[n + 1] − 1]. */
  readonly bottomStart: Int32Array;
  readonly bottomIdx: Int32Array;
  /** Top blob indices of node n, laid out like the bottoms. */
  readonly topStart: Int32Array;
  readonly topIdx: Int32Array;
  /** Index of a blob id (adding it when the graph's blob map lacks it). */
  indexOf(id: string): number;
}

/** Builds the index of `graph`: one map entry per blob, one lookup per blob reference. */
export function indexGraph(graph: IRGraph): GraphIndex {
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
