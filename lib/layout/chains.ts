/**
 * Linear chains of a graph: maximal runs a → b → … where each link is the only edge leaving its
 * source and the only edge entering its target. Both layout engines treat a chain as one tall
 * block (stacked cards joined by straight edges): ELK then sees a few hundred boxes where the
 * model has thousands, which is what makes deep models lay out at all (ELK's recursion overflows
 * the worker's stack on a 2,200-box chain) and fast.
 */

/** Compressed adjacency of a graph given by edge endpoint arrays. Edges are indices into the arrays. */
export interface Adjacency {
  readonly n: number;
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
}

/** CSR adjacency (out- and in-lists of edge indices) of `n` nodes; self-loops are left out. */
export function adjacency(n: number, source: Int32Array, target: Int32Array): Adjacency {
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < source.length; e++) {
    if (source[e] === target[e]) continue;
    outStart[source[e]! + 1]!++;
    inStart[target[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1]! += outStart[i]!;
    inStart[i + 1]! += inStart[i]!;
  }
  const outEdges = new Int32Array(outStart[n]!);
  const inEdges = new Int32Array(inStart[n]!);
  const o = outStart.slice(0, n);
  const p = inStart.slice(0, n);
  for (let e = 0; e < source.length; e++) {
    if (source[e] === target[e]) continue;
    outEdges[o[source[e]!]!++] = e;
    inEdges[p[target[e]!]!++] = e;
  }
  return { n, outStart, outEdges, inStart, inEdges };
}

/**
 * A topological order (Kahn; ties in node order, so the file's order is kept where the graph
 * allows). Nodes on cycles, which a broken model may have, follow in node order.
 */
export function topoOrder(adj: Adjacency, target: Int32Array): Int32Array {
  const { n, outStart, outEdges, inStart } = adj;
  const indeg = new Int32Array(n);
  for (let v = 0; v < n; v++) indeg[v] = inStart[v + 1]! - inStart[v]!;
  const order = new Int32Array(n);
  const placed = new Uint8Array(n);
  let head = 0;
  let tail = 0;
  // A min-heap would keep strict node order among ready nodes; a FIFO seeded in node order is
  // close enough for layering and linear.
  for (let v = 0; v < n; v++) if (indeg[v] === 0) order[tail++] = v;
  for (;;) {
    while (head < tail) {
      const v = order[head++]!;
      placed[v] = 1;
      for (let i = outStart[v]!; i < outStart[v + 1]!; i++) {
        const w = target[outEdges[i]!]!;
        if (--indeg[w]! === 0) order[tail++] = w;
      }
    }
    if (tail === n) break;
    // A cycle: release its first unplaced node and go on.
    let v = 0;
    while (placed[v] || indeg[v] === 0) v++;
    indeg[v] = 0;
    order[tail++] = v;
  }
  return order;
}

/** The chains of a graph: `blockOf[v]` is v's chain, `members[b]` its nodes from first to last. */
export interface Chains {
  readonly blockOf: Int32Array;
  readonly members: readonly Int32Array[];
}

/**
 * Groups nodes into maximal chains, in topological order (a chain's first node comes before
 * every node of a later chain). `forward[e]` says whether edge e runs along the order (edges
 * closing a cycle are not chain links). Singletons are chains of one.
 */
export function findChains(adj: Adjacency, source: Int32Array, target: Int32Array, order: Int32Array): Chains {
  const { n, outStart, outEdges, inStart, inEdges } = adj;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[order[i]!] = i;
  /** The next node when v → next is a chain link, else -1. */
  const next = new Int32Array(n).fill(-1);
  const hasPrev = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (outStart[v + 1]! - outStart[v]! !== 1) continue;
    const e = outEdges[outStart[v]!]!;
    const w = target[e]!;
    if (inStart[w + 1]! - inStart[w]! !== 1 || rank[w]! <= rank[v]!) continue;
    if (source[inEdges[inStart[w]!]!] !== v) continue;
    next[v] = w;
    hasPrev[w] = 1;
  }
  const blockOf = new Int32Array(n).fill(-1);
  const members: Int32Array[] = [];
  const run: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (hasPrev[v] || blockOf[v] !== -1) continue;
    run.length = 0;
    for (let u = v; u !== -1 && blockOf[u] === -1; u = next[u]!) {
      blockOf[u] = members.length;
      run.push(u);
    }
    members.push(Int32Array.from(run));
  }
  return { blockOf, members };
}
