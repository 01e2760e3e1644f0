/**
 * Layer matching between two versions of a model. Names are the strongest evidence, so
 * layers with the same name pair first (in order, for repeated names). The layers left over
 * are aligned by position and type between the name-matched anchors: a renamed layer sits
 * in the same gap as its old self and has the same type; an inserted block or a removed
 * branch has no partner and stays unmatched.
 */

/** What the matcher needs to know about a layer. */
export interface MatchItem {
  readonly name: string;
  readonly type: string;
}

/** A pair of indices into A and B, and what paired them. */
export interface MatchPair {
  readonly a: number;
  readonly b: number;
  readonly by: 'name' | 'position';
}

// Above this many cells a gap is aligned greedily instead of by LCS (keeps 50k-layer diffs linear-ish).
const MAX_LCS_CELLS = 4_000_000;

/** Longest increasing subsequence of `values` (indices into it), O(n log n). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i]!) out.push(i);
  return out.reverse();
}

/** Pairs same-typed items of two sequences, keeping their order (LCS, or greedy when large). */
function alignByType(
  as: readonly number[],
  bs: readonly number[],
  A: readonly MatchItem[],
  B: readonly MatchItem[],
): [number, number][] {
  if (as.length === 0 || bs.length === 0) return [];
  const n = as.length;
  const m = bs.length;
  if (n * m > MAX_LCS_CELLS) {
    const pairs: [number, number][] = [];
    let j = 0;
    for (const i of as) {
      let k = j;
      while (k < m && B[bs[k]!]!.type !== A[i]!.type) k++;
      if (k < m) {
        pairs.push([i, bs[k]!]);
        j = k + 1;
      }
    }
    return pairs;
  }
  // dp[i][j] = LCS length of as[i..] and bs[j..], stored flat.
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] =
        A[as[i]!]!.type === B[bs[j]!]!.type
          ? dp[(i + 1) * w + j + 1]! + 1
          : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (A[as[i]!]!.type === B[bs[j]!]!.type && dp[i * w + j] === dp[(i + 1) * w + j + 1]! + 1) {
      pairs.push([as[i]!, bs[j]!]);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Matches layers of A and B (both in topological order). Every index appears in at most one pair. */
export function matchLayers(A: readonly MatchItem[], B: readonly MatchItem[]): MatchPair[] {
  const pairs: MatchPair[] = [];
  const byName = new Map<string, number[]>();
  B.forEach((l, j) => {
    const list = byName.get(l.name);
    if (list) list.push(j);
    else byName.set(l.name, [j]);
  });
  const matchedA = new Array<number>(A.length).fill(-1);
  const matchedB = new Array<boolean>(B.length).fill(false);
  A.forEach((l, i) => {
    const list = byName.get(l.name);
    const j = list?.shift();
    if (j === undefined) return;
    matchedA[i] = j;
    matchedB[j] = true;
    pairs.push({ a: i, b: j, by: 'name' });
  });

  // Anchors: the largest set of name pairs whose order agrees in A and B.
  const named = pairs.slice();
  const anchors = longestIncreasing(named.map((p) => p.b)).map((k) => named[k]!);
  const gapOfA = new Array<number>(A.length);
  const gapOfB = new Array<number>(B.length);
  let g = 0;
  let ai = 0;
  for (const anchor of anchors) {
    for (; ai < anchor.a; ai++) gapOfA[ai] = g;
    ai = anchor.a + 1;
    g++;
  }
  for (; ai < A.length; ai++) gapOfA[ai] = g;
  g = 0;
  let bi = 0;
  for (const anchor of anchors) {
    for (; bi < anchor.b; bi++) gapOfB[bi] = g;
    bi = anchor.b + 1;
    g++;
  }
  for (; bi < B.length; bi++) gapOfB[bi] = g;

  const gapsA = new Map<number, number[]>();
  const gapsB = new Map<number, number[]>();
  A.forEach((_l, i) => {
    if (matchedA[i]! >= 0) return;
    const k = gapOfA[i]!;
    (gapsA.get(k) ?? gapsA.set(k, []).get(k)!).push(i);
  });
  B.forEach((_l, j) => {
    if (matchedB[j]) return;
    const k = gapOfB[j]!;
    (gapsB.get(k) ?? gapsB.set(k, []).get(k)!).push(j);
  });
  for (const [k, as] of gapsA) {
    const bs = gapsB.get(k);
    if (!bs) continue;
    for (const [a, b] of alignByType(as, bs, A, B)) pairs.push({ a, b, by: 'position' });
  }
  return pairs.sort((x, y) => x.b - y.b);
}
