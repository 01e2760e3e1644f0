import { adjacency, findChains, topoOrder } from './chains';

/**
 * A layered (Sugiyama-style) layout in linear-ish time, for the first paint of every graph and
 * as the only layout of graphs too big for ELK. ELK draws the finer picture but costs seconds
 * until the browser's JIT has warmed up on it, and minutes (or a stack overflow) on 10,000+
 * boxes; this one lays out resnet152 in a few ms and 20,000 layers in well under a second.
 *
 * Steps, all iterative: chains become blocks (stacked cards, straight edges); blocks are layered
 * by longest path and sources pulled down next to their consumers; long edges get a dummy per
 * layer they cross; a few barycentre sweeps order each layer (ties keep the file's order, so
 * Inception's branches stay 1×1, 3×3, 5×5, pool); x comes from alternating passes that pull each
 * box towards its neighbours and then resolve overlaps in order (weighted isotonic regression,
 * "pool adjacent violators"); edges are routed orthogonally with their horizontal runs spread
 * over tracks so they never overlap. Everything is computed top-down; RIGHT swaps the axes.
 */

/** The graph to lay out: box sizes and edges as index arrays (cheap to transfer to a worker). */
export interface FastLayoutInput {
  readonly widths: Float64Array;
  readonly heights: Float64Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Edge label box (0×0: no label). */
  readonly labelWidths: Float64Array;
  readonly labelHeights: Float64Array;
  /** Label text id per edge: a source's edges with the same id share one drawn label. */
  readonly labelIds: Int32Array;
  readonly direction: 'DOWN' | 'RIGHT';
}

/** Positions: box top-left corners, edge polylines (x,y pairs from `pointStart[e]` to `pointStart[e+1]`), label top-left corners (NaN: not drawn). */
export interface FastLayoutResult {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly pointStart: Int32Array;
  readonly points: Float64Array;
  readonly labelX: Float64Array;
  readonly labelY: Float64Array;
  readonly width: number;
  readonly height: number;
}

/** Spacing in px (in the top-down frame). */
export const FAST_SPACING = {
  /** Between neighbouring boxes of a layer. */
  node: 24,
  /** Around a dummy (an edge passing through a layer). */
  dummy: 10,
  /** Around a label, above and below. */
  labelPad: 4,
  /** Between two horizontal tracks of a layer gap. */
  track: 7,
  /** Gap between the cards of a chain with no label. */
  chainMin: 28,
  /** Label distance from its edge line. */
  labelGap: 4,
} as const;

const DUMMY_WEIGHT = 0.1;
const SWEEPS = 4;
const PASSES = 6;

interface Items {
  /** Per item: layer, width, weight, block (-1 for dummies), sort key. */
  layer: Int32Array;
  width: Float64Array;
  weight: Float64Array;
  block: Int32Array;
  key: Float64Array;
  /** Neighbours in the layer above / below, as CSR over item indices. */
  up: number[][];
  down: number[][];
  x: Float64Array;
}

/** Lays out a graph; see the file header. Pure and synchronous: run it in a worker for big graphs. */
export function fastLayout(input: FastLayoutInput): FastLayoutResult {
  const right = input.direction === 'RIGHT';
  // Top-down frame: in RIGHT the boxes are transposed, laid out downwards, and transposed back.
  const W = right ? input.heights : input.widths;
  const H = right ? input.widths : input.heights;
  const LW = right ? input.labelHeights : input.labelWidths;
  const LH = right ? input.labelWidths : input.labelHeights;
  const src = input.edgeSource;
  const dst = input.edgeTarget;
  const n = W.length;
  const m = src.length;
  const adj = adjacency(n, src, dst);
  const order = topoOrder(adj, dst);
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[order[i]!] = i;
  const { blockOf, members } = findChains(adj, src, dst, order);
  const B = members.length;

  // Block sizes: cards stacked with room for the label of each link between them.
  const bw = new Float64Array(B);
  const bh = new Float64Array(B);
  const chainGapAfter = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    const ms = members[b]!;
    let w = 0;
    let h = 0;
    for (let i = 0; i < ms.length; i++) {
      const v = ms[i]!;
      w = Math.max(w, W[v]!);
      h += H[v]!;
      if (i + 1 < ms.length) {
        const e = adj.outEdges[adj.outStart[v]!]!;
        const g = Math.max(FAST_SPACING.chainMin, LH[e]! > 0 ? LH[e]! + 2 * FAST_SPACING.labelPad + 10 : 0);
        chainGapAfter[v] = g;
        h += g;
        if (LW[e]! > 0) w = Math.max(w, 2 * (LW[e]! + FAST_SPACING.labelGap));
      }
    }
    bw[b] = w;
    bh[b] = h;
  }

  // Block edges (edges between blocks), oriented along the topological order.
  const beSrc: number[] = [];
  const beDst: number[] = [];
  const beEdge: number[] = [];
  for (let e = 0; e < m; e++) {
    const s = src[e]!;
    const t = dst[e]!;
    if (s === t || blockOf[s] === blockOf[t]) continue;
    const fwd = rank[s]! < rank[t]!;
    beSrc.push(blockOf[fwd ? s : t]!);
    beDst.push(blockOf[fwd ? t : s]!);
    beEdge.push(e);
  }
  const BE = beSrc.length;
  const bOut: number[][] = Array.from({ length: B }, () => []);
  const bIn: number[][] = Array.from({ length: B }, () => []);
  for (let i = 0; i < BE; i++) {
    bOut[beSrc[i]!]!.push(i);
    bIn[beDst[i]!]!.push(i);
  }

  // Layering: longest path from the sources (blocks are already in topological order), then
  // blocks with more consumers than producers (inputs first of all) move down next to them.
  const layer = new Int32Array(B);
  for (let b = 0; b < B; b++) for (const i of bIn[b]!) layer[b] = Math.max(layer[b]!, layer[beSrc[i]!]! + 1);
  for (let b = B - 1; b >= 0; b--) {
    if (bOut[b]!.length === 0 || bIn[b]!.length >= bOut[b]!.length) continue;
    let lim = Infinity;
    for (const i of bOut[b]!) lim = Math.min(lim, layer[beDst[i]!]! - 1);
    if (lim > layer[b]!) layer[b] = lim;
  }
  let L = 0;
  for (let b = 0; b < B; b++) L = Math.max(L, layer[b]! + 1);

  // Items: blocks, plus one dummy per layer crossed by a long edge.
  const itemLayer: number[] = [];
  const itemWidth: number[] = [];
  const itemWeight: number[] = [];
  const itemBlock: number[] = [];
  const itemKey: number[] = [];
  for (let b = 0; b < B; b++) {
    itemLayer.push(layer[b]!);
    itemWidth.push(bw[b]!);
    itemWeight.push(1);
    itemBlock.push(b);
    itemKey.push(rank[members[b]![0]!]!);
  }
  /** Items an edge passes through, from its source block to its target block. */
  const path: number[][] = new Array<number[]>(BE);
  for (let i = 0; i < BE; i++) {
    const s = beSrc[i]!;
    const t = beDst[i]!;
    const p = [s];
    for (let l = layer[s]! + 1; l < layer[t]!; l++) {
      p.push(itemLayer.length);
      itemLayer.push(l);
      itemWidth.push(0);
      itemWeight.push(DUMMY_WEIGHT);
      itemBlock.push(-1);
      itemKey.push(itemKey[s]! + 0.5);
    }
    p.push(t);
    path[i] = p;
  }
  const N = itemLayer.length;
  const it: Items = {
    layer: Int32Array.from(itemLayer),
    width: Float64Array.from(itemWidth),
    weight: Float64Array.from(itemWeight),
    block: Int32Array.from(itemBlock),
    key: Float64Array.from(itemKey),
    up: Array.from({ length: N }, () => []),
    down: Array.from({ length: N }, () => []),
    x: new Float64Array(N),
  };
  for (const p of path)
    for (let j = 0; j + 1 < p.length; j++) {
      it.down[p[j]!]!.push(p[j + 1]!);
      it.up[p[j + 1]!]!.push(p[j]!);
    }

  const layers: number[][] = Array.from({ length: L }, () => []);
  for (let i = 0; i < N; i++) layers[it.layer[i]!]!.push(i);
  orderLayers(layers, it);
  placeX(layers, it);

  // Layer heights and gaps: a label band under each layer (labels sit just below their source),
  // then as many tracks as the horizontal runs in that gap need.
  const layerH = new Float64Array(L);
  for (let b = 0; b < B; b++) layerH[layer[b]!] = Math.max(layerH[layer[b]!]!, bh[b]!);
  const labelBand = new Float64Array(L);
  for (let i = 0; i < BE; i++) {
    const e = beEdge[i]!;
    if (LH[e]! > 0)
      labelBand[layer[beSrc[i]!]!] = Math.max(labelBand[layer[beSrc[i]!]!]!, LH[e]! + 2 * FAST_SPACING.labelPad);
  }

  // Exit and entry x of every block edge. A source with several edges sends them from its centre
  // (one shared label); a single edge leaves straight down when its next stop is within reach.
  const exitX = new Float64Array(BE);
  const entryX = new Float64Array(BE);
  const cardW = (v: number) => W[v]!;
  for (let b = 0; b < B; b++) {
    const outs = bOut[b]!;
    const tail = members[b]![members[b]!.length - 1]!;
    const half = cardW(tail) / 2;
    for (const i of outs) {
      const nextX = it.x[path[i]![1]!]!;
      exitX[i] = outs.length === 1 ? clamp(nextX, it.x[b]! - half + 8, it.x[b]! + half - 8) : it.x[b]!;
    }
  }
  for (let b = 0; b < B; b++) {
    const ins = bIn[b]!;
    const head = members[b]![0]!;
    const half = cardW(head) / 2;
    const prevX = (i: number) => {
      const p = path[i]!;
      return p.length > 2 ? it.x[p[p.length - 2]!]! : exitX[i]!;
    };
    if (ins.length === 1) {
      entryX[ins[0]!] = clamp(prevX(ins[0]!), it.x[b]! - half + 8, it.x[b]! + half - 8);
      continue;
    }
    const sorted = [...ins].sort((a, c) => prevX(a) - prevX(c));
    sorted.forEach((i, k) => (entryX[i] = it.x[b]! - half + ((k + 1) * 2 * half) / (sorted.length + 1)));
  }

  // Horizontal runs per gap: gap l lies between layer l and l + 1. Runs of one source's fan-out
  // share a track (they carry the same blob); the others get the first free track.
  type Run = { lo: number; hi: number; owner: number; track: number };
  const runs: Run[][] = Array.from({ length: L }, () => []);
  /** Per block edge and gap crossed: its run (null when straight). */
  const edgeRuns: (Run | null)[][] = new Array<(Run | null)[]>(BE);
  const fanRun = new Map<string, Run>();
  for (let i = 0; i < BE; i++) {
    const p = path[i]!;
    const r: (Run | null)[] = [];
    for (let j = 0; j + 1 < p.length; j++) {
      const a = j === 0 ? exitX[i]! : it.x[p[j]!]!;
      const c = j + 2 === p.length ? entryX[i]! : it.x[p[j + 1]!]!;
      if (Math.abs(a - c) < 0.5) {
        r.push(null);
        continue;
      }
      const gap = it.layer[p[j]!]!;
      const lo = Math.min(a, c);
      const hi = Math.max(a, c);
      if (j === 0 && bOut[beSrc[i]!]!.length > 1) {
        const k = `${beSrc[i]}`;
        const shared = fanRun.get(k);
        if (shared) {
          shared.lo = Math.min(shared.lo, lo);
          shared.hi = Math.max(shared.hi, hi);
          r.push(shared);
          continue;
        }
        const run: Run = { lo, hi, owner: beSrc[i]!, track: 0 };
        fanRun.set(k, run);
        runs[gap]!.push(run);
        r.push(run);
        continue;
      }
      const run: Run = { lo, hi, owner: -1 - i, track: 0 };
      runs[gap]!.push(run);
      r.push(run);
    }
    edgeRuns[i] = r;
  }
  const tracks = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    const rs = runs[l]!.sort((a, c) => a.lo - c.lo);
    const ends: number[] = [];
    for (const r of rs) {
      let t = ends.findIndex((end) => end + FAST_SPACING.track < r.lo);
      if (t === -1) {
        t = ends.length;
        ends.push(r.hi);
      } else ends[t] = r.hi;
      r.track = t;
    }
    tracks[l] = ends.length;
  }

  const layerTop = new Float64Array(L + 1);
  for (let l = 0; l < L; l++) {
    const gap = Math.max(FAST_SPACING.chainMin, labelBand[l]! + Math.max(1, tracks[l]!) * FAST_SPACING.track + 10);
    layerTop[l + 1] = layerTop[l]! + layerH[l]! + gap;
  }
  const trackY = (l: number, t: number) => layerTop[l]! + layerH[l]! + labelBand[l]! + 6 + t * FAST_SPACING.track;

  // Boxes: chains stacked on their block's centre line, blocks at the top of their layer.
  let minX = Infinity;
  for (let b = 0; b < B; b++) minX = Math.min(minX, it.x[b]! - bw[b]! / 2);
  for (let i = B; i < N; i++) minX = Math.min(minX, it.x[i]!);
  if (!Number.isFinite(minX)) minX = 0;
  const shift = -minX;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    let top = layerTop[layer[b]!]!;
    const cx = it.x[b]! + shift;
    for (const v of members[b]!) {
      x[v] = cx - W[v]! / 2;
      y[v] = top;
      top += H[v]! + chainGapAfter[v]!;
    }
  }

  // Edge routes and labels.
  const pts: number[][] = new Array<number[]>(m);
  const labelX = new Float64Array(m).fill(NaN);
  const labelY = new Float64Array(m).fill(NaN);
  const labelled = new Set<string>();
  /** A label beside its line, on the side of the card's centre so it stays under its own card. */
  const placeLabel = (e: number, lineX: number, top: number, cardCx: number) => {
    if (!(LW[e]! > 0)) return;
    labelX[e] = lineX < cardCx - 1 ? lineX + FAST_SPACING.labelGap : lineX - FAST_SPACING.labelGap - LW[e]!;
    labelY[e] = top + FAST_SPACING.labelPad;
  };
  for (let b = 0; b < B; b++) {
    const ms = members[b]!;
    for (let k = 0; k + 1 < ms.length; k++) {
      const v = ms[k]!;
      const e = adj.outEdges[adj.outStart[v]!]!;
      const cx = x[v]! + W[v]! / 2;
      const y0 = y[v]! + H[v]!;
      pts[e] = [cx, y0, cx, y[ms[k + 1]!]!];
      placeLabel(e, cx, y0 + (chainGapAfter[v]! - LH[e]! - 2 * FAST_SPACING.labelPad) / 2, cx);
    }
  }
  for (let i = 0; i < BE; i++) {
    const e = beEdge[i]!;
    const p = path[i]!;
    const s = p[0]!;
    const tail = members[s]![members[s]!.length - 1]!;
    const head = members[p[p.length - 1]!]![0]!;
    const out: number[] = [];
    let cx = exitX[i]! + shift;
    let cy = y[tail]! + H[tail]!;
    out.push(cx, cy);
    const key = `${s}:${input.labelIds[e]}`;
    if (!labelled.has(key) || bOut[s]!.length === 1) {
      labelled.add(key);
      placeLabel(e, cx, cy, x[tail]! + W[tail]! / 2);
    }
    for (let j = 0; j + 1 < p.length; j++) {
      const nx = (j + 2 === p.length ? entryX[i]! : it.x[p[j + 1]!]!) + shift;
      const run = edgeRuns[i]![j];
      if (run) {
        const ty = trackY(it.layer[p[j]!]!, run.track);
        out.push(cx, ty, nx, ty);
        cx = nx;
      }
      if (j + 2 < p.length) {
        // Through the dummy's layer, to the bottom of that layer.
        const l = it.layer[p[j + 1]!]!;
        cy = layerTop[l]! + layerH[l]!;
        out.push(cx, cy);
      }
    }
    out.push(cx, y[head]!);
    // A reversed edge (closing a cycle) was routed target → source: flip it.
    if (src[e] !== (rank[src[e]!]! < rank[dst[e]!]! ? src[e] : dst[e])) reversePairs(out);
    pts[e] = simplify(out);
  }
  // Self-loops: a small hook on the right side.
  for (let e = 0; e < m; e++) {
    if (pts[e]) continue;
    const v = src[e]!;
    const rx = x[v]! + W[v]!;
    const cy = y[v]! + H[v]! / 2;
    pts[e] = [rx, cy - 6, rx + 12, cy - 6, rx + 12, cy + 6, rx, cy + 6];
  }

  const pointStart = new Int32Array(m + 1);
  for (let e = 0; e < m; e++) pointStart[e + 1] = pointStart[e]! + pts[e]!.length / 2;
  const points = new Float64Array(pointStart[m]! * 2);
  for (let e = 0; e < m; e++) points.set(pts[e]!, pointStart[e]! * 2);
  let width = 0;
  for (let v = 0; v < n; v++) width = Math.max(width, x[v]! + W[v]!);
  const height = L > 0 ? layerTop[L - 1]! + layerH[L - 1]! : 0;
  const result: FastLayoutResult = { x, y, pointStart, points, labelX, labelY, width, height };
  return right ? transpose(result) : result;
}

function clamp(v: number, lo: number, hi: number): number {
  return lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v));
}

function reversePairs(a: number[]): void {
  for (let i = 0, j = a.length - 2; i < j; i += 2, j -= 2) {
    const x = a[i]!;
    const y = a[i + 1]!;
    a[i] = a[j]!;
    a[i + 1] = a[j + 1]!;
    a[j] = x;
    a[j + 1] = y;
  }
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(a: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 2) {
    const x = a[i]!;
    const y = a[i + 1]!;
    const k = out.length;
    if (k >= 2 && Math.abs(out[k - 2]! - x) < 0.01 && Math.abs(out[k - 1]! - y) < 0.01) continue;
    if (k >= 4) {
      const ax = out[k - 4]!;
      const ay = out[k - 3]!;
      const bx = out[k - 2]!;
      const by = out[k - 1]!;
      if (
        (Math.abs(ax - bx) < 0.01 && Math.abs(bx - x) < 0.01) ||
        (Math.abs(ay - by) < 0.01 && Math.abs(by - y) < 0.01)
      ) {
        out[k - 2] = x;
        out[k - 1] = y;
        continue;
      }
    }
    out.push(x, y);
  }
  return out;
}

function transpose(r: FastLayoutResult): FastLayoutResult {
  const points = new Float64Array(r.points.length);
  for (let i = 0; i < points.length; i += 2) {
    points[i] = r.points[i + 1]!;
    points[i + 1] = r.points[i]!;
  }
  return {
    x: r.y,
    y: r.x,
    pointStart: r.pointStart,
    points,
    labelX: r.labelY,
    labelY: r.labelX,
    width: r.height,
    height: r.width,
  };
}

/**
 * Orders each layer: starts from the file's order, then sweeps down and up placing each item at
 * the mean position of its neighbours in the previous layer (stable, ties in file order). Keeps
 * the sweep with the fewest crossings.
 */
function orderLayers(layers: number[][], it: Items): void {
  const pos = new Float64Array(it.layer.length);
  const sortBy = (l: number[], bary: Float64Array) => {
    l.sort((a, b) => bary[a]! - bary[b]! || it.key[a]! - it.key[b]!);
    l.forEach((v, i) => (pos[v] = i));
  };
  for (const l of layers) sortBy(l, it.key);
  let best = layers.map((l) => [...l]);
  let bestCross = crossings(layers, it, pos);
  const bary = new Float64Array(it.layer.length);
  for (let s = 0; s < SWEEPS && bestCross > 0; s++) {
    const downward = s % 2 === 0;
    for (let k = 1; k < layers.length; k++) {
      const l = layers[downward ? k : layers.length - 1 - k]!;
      for (const v of l) {
        const nb = downward ? it.up[v]! : it.down[v]!;
        if (nb.length === 0) {
          bary[v] = pos[v]!;
          continue;
        }
        let sum = 0;
        for (const u of nb) sum += pos[u]!;
        bary[v] = sum / nb.length;
      }
      // Items without neighbours keep their place relative to the others: scale their index.
      sortBy(l, bary);
    }
    const c = crossings(layers, it, pos);
    if (c < bestCross) {
      bestCross = c;
      best = layers.map((l) => [...l]);
    }
  }
  for (let k = 0; k < layers.length; k++) {
    layers[k] = best[k]!;
    best[k]!.forEach((v, i) => (pos[v] = i));
  }
}

/** Edge crossings between consecutive layers (counted with a Fenwick tree, O(E log V) per layer). */
function crossings(layers: number[][], it: Items, pos: Float64Array): number {
  let total = 0;
  for (let k = 0; k + 1 < layers.length; k++) {
    const lower = layers[k + 1]!.length;
    const ends: number[] = [];
    for (const v of layers[k]!) {
      const ds = it.down[v]!.map((w) => pos[w]!).sort((a, b) => a - b);
      for (const d of ds) ends.push(d);
    }
    const tree = new Int32Array(lower + 1);
    let seen = 0;
    for (const p of ends) {
      // Edges already seen that end to the right of p cross this one.
      let le = 0;
      for (let i = p + 1; i > 0; i -= i & -i) le += tree[i]!;
      total += seen - le;
      for (let i = p + 1; i <= lower; i += i & -i) tree[i]!++;
      seen++;
    }
  }
  return total;
}

/**
 * x of every item (centre): alternating passes pull each item to the weighted mean of its
 * neighbours above, below, then both, and a pool-adjacent-violators pass per layer finds the
 * closest positions that keep the layer's order and spacing. Dummies weigh little, so boxes stay
 * aligned and the edges passing by bend around them.
 */
function placeX(layers: number[][], it: Items): void {
  const gap = (a: number, b: number) =>
    (it.width[a]! + it.width[b]!) / 2 +
    (it.block[a]! >= 0 && it.block[b]! >= 0 ? FAST_SPACING.node : FAST_SPACING.dummy);
  for (const l of layers) {
    let x = 0;
    l.forEach((v, i) => {
      if (i > 0) x += gap(l[i - 1]!, v);
      it.x[v] = x;
    });
    const mid = x / 2;
    for (const v of l) it.x[v]! -= mid;
  }
  const desired = new Float64Array(it.layer.length);
  const wts = new Float64Array(it.layer.length);
  for (let p = 0; p < PASSES; p++) {
    const mode = p === PASSES - 1 ? 2 : p % 2; // 0 down, 1 up, 2 both
    for (let k = 0; k < layers.length; k++) {
      const l = layers[mode === 1 ? layers.length - 1 - k : k]!;
      for (const v of l) {
        const nbs = mode === 0 ? it.up[v]! : mode === 1 ? it.down[v]! : [...it.up[v]!, ...it.down[v]!];
        let sum = 0;
        let w = 0;
        for (const u of nbs) {
          const uw = it.weight[u]!;
          sum += it.x[u]! * uw;
          w += uw;
        }
        desired[v] = w > 0 ? sum / w : it.x[v]!;
        wts[v] = w > 0 ? it.weight[v]! : it.weight[v]! * 0.05;
      }
      pav(l, it, desired, wts, gap);
    }
  }
}

/** Weighted isotonic regression with minimum spacing: positions closest to `desired` keeping order and gaps. */
function pav(
  l: number[],
  it: Items,
  desired: Float64Array,
  wts: Float64Array,
  gap: (a: number, b: number) => number,
): void {
  const n = l.length;
  if (n === 0) return;
  // Shift out the spacing: positions become a non-decreasing sequence.
  const off = new Float64Array(n);
  for (let i = 1; i < n; i++) off[i] = off[i - 1]! + gap(l[i - 1]!, l[i]!);
  const blockVal: number[] = [];
  const blockW: number[] = [];
  const blockLen: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = l[i]!;
    let val = desired[v]! - off[i]!;
    let w = Math.max(1e-6, wts[v]!);
    let len = 1;
    while (blockVal.length > 0 && blockVal[blockVal.length - 1]! > val) {
      const pv = blockVal.pop()!;
      const pw = blockW.pop()!;
      const pl = blockLen.pop()!;
      val = (val * w + pv * pw) / (w + pw);
      w += pw;
      len += pl;
    }
    blockVal.push(val);
    blockW.push(w);
    blockLen.push(len);
  }
  let i = 0;
  for (let b = 0; b < blockVal.length; b++)
    for (let k = 0; k < blockLen[b]!; k++, i++) it.x[l[i]!] = blockVal[b]! + off[i]!;
}
