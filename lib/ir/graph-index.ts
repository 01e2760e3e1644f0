import type { IRBlob, IRGraph } from './types';

/**
 * The graph with blob ids replaced by small integers. Topological sort, shape propagation,
 * receptive fields and peak memory each walk every blob reference; with this index they read
 * arrays instead of doing several string-keyed map lookups per reference (which dominated
 * analysis time on large models).
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

/** The index parts GraphBuilder knows while it builds (it numbers blobs as it makes them). */
export interface PrebuiltIndex {
  readonly ids: readonly string[];
  readonly blobs: readonly IRBlob[];
  readonly bottomStart: Int32Array;
  readonly bottomIdx: Int32Array;
  readonly topStart: Int32Array;
  readonly topIdx: Int32Array;
}

/**
 * Indices made by GraphBuilder.build, keyed by the graph's node list. Graphs are immutable once
 * built, so the index stays valid for the graph and for shallow copies that keep its nodes and
 * blob map (readers return `{ ...graph, diagnostics }`); a copy with other nodes or blobs
 * (structured clone, an edited graph) gets a fresh index.
 */
const PREBUILT = new WeakMap<
  readonly unknown[],
  { readonly blobMap: IRGraph['blobs']; readonly index: PrebuiltIndex }
>();

export function setPrebuiltIndex(graph: IRGraph, index: PrebuiltIndex): void {
  PREBUILT.set(graph.nodes, { blobMap: graph.blobs, index });
}

/**
 * A GraphIndex over the builder's arrays (shared, never written): ids the graph lacks are added
 * to copies of `ids` / `blobs` made on first need, and lookups use a map built on first need.
 */
export function prebuiltIndex(graph: IRGraph): GraphIndex | undefined {
  const entry = PREBUILT.get(graph.nodes);
  if (entry === undefined || entry.blobMap !== graph.blobs) return undefined;
  const pre = entry.index;
  let ids = pre.ids as string[];
  let blobs = pre.blobs as (IRBlob | undefined)[];
  let extra: Map<string, number> | undefined;
  const index: GraphIndex = {
    get ids() {
      return ids;
    },
    get blobs() {
      return blobs;
    },
    bottomStart: pre.bottomStart,
    bottomIdx: pre.bottomIdx,
    topStart: pre.topStart,
    topIdx: pre.topIdx,
    indexOf(id: string): number {
      const o = graph.blobs.get(id)?.order;
      if (o !== undefined && pre.ids[o] === id) return o;
      extra ??= new Map();
      let i = extra.get(id);
      if (i === undefined) {
        if (ids === pre.ids) {
          ids = [...pre.ids];
          blobs = [...pre.blobs];
        }
        i = ids.length;
        ids.push(id);
        blobs.push(undefined);
        extra.set(id, i);
      }
      return i;
    },
  };
  return index;
}
