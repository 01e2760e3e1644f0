/**
 * "Did you mean …?" for mistyped field and enum names: the closest candidate by edit distance
 * (Damerau–Levenshtein with adjacent transpositions, so `kernal_size` → `kernel_size` and
 * `strdie` → `stride` are one edit), accepted only when the distance is small for the word's
 * length. Only runs when a name is unknown, so it never sits on the reading fast path.
 */

/** Edit distance with insertions, deletions, substitutions and adjacent transpositions (cost 1 each). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** The largest distance accepted as a likely typo of a word of this length. */
function tolerance(length: number): number {
  return length <= 4 ? 1 : length <= 10 ? 2 : 3;
}

/**
 * The candidate closest to `word` (case-insensitive), or undefined when none is close enough.
 * Ties go to the earlier candidate, so callers list the more common names first.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = tolerance(w.length);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), bestDistance - 1 < limit ? bestDistance - 1 : limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
