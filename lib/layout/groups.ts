import { runSteps, STEP_ITEMS } from './steps';
import type { LayerGroup, ViewGraph } from './types';

/** Largest group proposed, in visible nodes: bigger prefixes are whole stages, not blocks. */
const MAX_MEMBERS = 64;
const SEPARATORS = /[/_.\-:]/g;

/** Every proper prefix of `name` that ends right before a separator (`inception_3a/1x1` → `inception`, `inception_3a`). */
export function namePrefixes(name: string): string[] {
  const out: string[] = [];
  for (const m of name.matchAll(SEPARATORS)) if (m.index > 0) out.push(name.slice(0, m.index));
  return out;
}

/**
 * Proposes blocks to collapse from layer-name prefixes (`inception_3a/…`, `res2a_…`,
 * `conv4_3/…`). A prefix P gathers the layer nodes named P or P + separator + …; it becomes a
 * group when it has 2–64 members, at most half the graph, its members are connected, and it is
 * convex (no path leaves the group and comes back), so collapsing it can never create a cycle.
 * Larger valid prefixes win; groups never overlap.
 */
export function proposeGroups(view: ViewGraph): LayerGroup[] {
  return runSteps(proposeGroupsSteps(view));
}

/** proposeGroups as a generator yielding every STEP_ITEMS items (see runSliced). */
export function* proposeGroupsSteps(view: ViewGraph): Generator<void, LayerGroup[], void> {
  let work = 0;
  const layerNodes = view.nodes.filter((n) => n.kind === 'layer');
  const index = new Map(view.nodes.map((n, i) => [n.id, i]));
  const succ: number[][] = view.nodes.map(() => []);
  const pred: number[][] = view.nodes.map(() => []);
  for (const e of view.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) continue;
    succ[s]!.push(t);
    pred[t]!.push(s);
  }
  const order = topoRank(view.nodes.length, succ, pred);

  const candidates = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  for (const n of layerNodes) {
    if (++work % STEP_ITEMS === 0) yield;
    const i = index.get(n.id)!;
    const list = byName.get(n.name) ?? [];
    list.push(i);
    byName.set(n.name, list);
    for (const p of namePrefixes(n.name)) {
      const c = candidates.get(p) ?? [];
      c.push(i);
      candidates.set(p, c);
    }
  }
  for (const [p, members] of candidates) for (const i of byName.get(p) ?? []) members.push(i);

  const limit = Math.min(MAX_MEMBERS, Math.floor(layerNodes.length / 2));
  const sorted = [...candidates.entries()]
    .filter(([, m]) => m.length >= 2 && m.length <= limit)
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const taken = new Set<number>();
  const groups: LayerGroup[] = [];
  for (const [key, members] of sorted) {
    // The connectivity and convexity walks cost up to a graph traversal each: weigh them so.
    work += members.length * 4;
    if (work >= STEP_ITEMS) {
      work = 0;
      yield;
    }
    if (members.some((m) => taken.has(m))) continue;
    const set = new Set(members);
    if (!connected(set, succ, pred) || !convex(set, succ, order)) continue;
    for (const m of members) taken.add(m);
    const sortedMembers = [...members].sort((a, b) => order[a]! - order[b]!);
    groups.push({
      key,
      members: sortedMembers.map((m) => view.nodes[m]!.id),
      layerCount: sortedMembers.reduce((s, m) => s + view.nodes[m]!.layerCount, 0),
    });
  }
  return groups.sort((a, b) => order[index.get(a.members[0]!)!]! - order[index.get(b.members[0]!)!]!);
}

/** Topological rank of each node (Kahn); nodes on cycles get ranks after the rest. */
function topoRank(n: number, succ: number[][], pred: number[][]): number[] {
  const indeg = pred.map((p) => p.length);
  const rank = new Array<number>(n).fill(-1);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue.push(i);
  let next = 0;
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h]!;
    rank[v] = next++;
    for (const w of succ[v]!) if (--indeg[w]! === 0) queue.push(w);
  }
  for (let i = 0; i < n; i++) if (rank[i] === -1) rank[i] = next++;
  return rank;
}

function connected(set: ReadonlySet<number>, succ: number[][], pred: number[][]): boolean {
  const first = set.values().next().value as number;
  const seen = new Set([first]);
  const stack = [first];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const w of [...succ[v]!, ...pred[v]!]) {
      if (set.has(w) && !seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return seen.size === set.size;
}

/** True when no path leaves the set and re-enters it. Only nodes ranked before the last member can be on such a path. */
function convex(set: ReadonlySet<number>, succ: number[][], rank: number[]): boolean {
  let maxRank = -1;
  for (const m of set) maxRank = Math.max(maxRank, rank[m]!);
  const seen = new Set<number>();
  const stack: number[] = [];
  for (const m of set)
    for (const w of succ[m]!)
      if (!set.has(w) && rank[w]! < maxRank && !seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const w of succ[v]!) {
      if (set.has(w)) return false;
      if (rank[w]! < maxRank && !seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return true;
}
