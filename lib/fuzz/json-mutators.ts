import type { Rng } from './rng';
import { HOSTILE_NAMES, HOSTILE_NUMBERS, type TextMutator } from './text-mutators';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A place in a parsed JSON tree: the container, the key or index, and the path of keys to it. */
interface Slot {
  readonly parent: Json[] | { [k: string]: Json };
  readonly key: string | number;
  readonly path: readonly string[];
}

function slots(root: Json, max = 200_000): Slot[] {
  const out: Slot[] = [];
  const stack: { v: Json; path: readonly string[] }[] = [{ v: root, path: [] }];
  while (stack.length > 0 && out.length < max) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    // Pushed in reverse so slots come out in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const p = typeof key === 'string' ? [...path, key] : path;
      stack.push({ v: child, path: p });
    }
    for (const [key] of entries) out.push({ parent: v, key, path });
  }
  return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key]!;
const set = (s: Slot, v: Json) => {
  (s.parent as Record<string | number, Json>)[s.key] = v;
};

/** Marker replaced after serialisation by text JSON.stringify could not write (deep nesting). */
const DEEP = '\u0000deep\u0000';

function otherType(v: Json, rng: Rng): Json {
  const choices: Json[] = [null, true, 0, -1, 1e308, '', '7', 'x', [], [1, 2], {}, { a: 1 }, [[[]]]];
  let next: Json = rng.pick(choices);
  for (let i = 0; i < 4 && typeof next === typeof v && Array.isArray(next) === Array.isArray(v); i++)
    next = rng.pick(choices);
  return next;
}

type TreeMutation = (root: Json, rng: Rng) => boolean;

const TREE_MUTATIONS: Record<string, TreeMutation> = {
  'json-type-change'(root, rng) {
    const all = slots(root);
    if (all.length === 0) return false;
    for (let n = 1 + rng.int(3); n > 0; n--) {
      const s = rng.pick(all);
      set(s, otherType(get(s), rng));
    }
    return true;
  },
  'json-duplicate-item'(root, rng) {
    const arrays = slots(root).filter((s) => Array.isArray(get(s)) && (get(s) as Json[]).length > 0);
    if (arrays.length === 0) return false;
    const arr = get(rng.pick(arrays)) as Json[];
    const i = rng.int(arr.length);
    const copies = rng.chance(0.1) ? 2 + rng.int(100) : 1;
    const copied = Array.from({ length: copies }, () => structuredClone(arr[i]!));
    for (let k = 0; k < copies; k++) arr.splice(i + 1 + k, 0, copied[k]!);
    return true;
  },
  'json-hostile-number'(root, rng) {
    const nums = slots(root).filter((s) => typeof get(s) === 'number');
    if (nums.length === 0) return false;
    for (let n = 1 + rng.int(4); n > 0; n--) {
      const h = rng.pick(HOSTILE_NUMBERS);
      const v = Number(h);
      // NaN and Infinity are not JSON: Python's json.dumps writes them bare, which the Keras reader accepts.
      set(rng.pick(nums), Number.isFinite(v) ? v : rng.chance(0.5) ? h : v);
    }
    return true;
  },
  'json-hostile-name'(root, rng) {
    const strs = slots(root).filter((s) => typeof get(s) === 'string');
    if (strs.length === 0) return false;
    const s = rng.pick(strs);
    const old = get(s) as string;
    const name = rng.pick(HOSTILE_NAMES);
    if (rng.chance(0.5)) for (const x of strs) if (get(x) === old) set(x, name);
    set(s, name);
    return true;
  },
  'json-deep-nesting'(root, rng) {
    const all = slots(root);
    if (all.length === 0) return false;
    set(rng.pick(all), DEEP);
    return true;
  },
  'json-cycle'(root, rng) {
    // A reference early in the file names a layer or blob defined later: a cycle.
    const all = slots(root);
    const refs: number[] = [];
    const names: number[] = [];
    all.forEach((s, i) => {
      if (typeof get(s) !== 'string') return;
      if (s.path.some((k) => k === 'inbound_nodes' || k === 'bottom' || k === 'keras_history')) refs.push(i);
      else if (s.key === 'name' || s.key === 'top' || s.path.at(-1) === 'top') names.push(i);
    });
    if (refs.length === 0 || names.length === 0) return false;
    const r = rng.pick(refs);
    const later = names.filter((i) => i > r);
    if (later.length === 0) return false;
    set(all[r]!, get(all[rng.pick(later)]!)!);
    return true;
  },
};

/** Structure-aware mutators for JSON model formats (Caffe JSON, Keras); invalid JSON is returned unchanged. */
export const JSON_MUTATORS: readonly TextMutator[] = Object.entries(TREE_MUTATIONS).map(([name, mutate]) => ({
  name,
  apply(text: string, rng: Rng): string {
    let root: Json;
    try {
      root = JSON.parse(text) as Json;
    } catch {
      return text;
    }
    if (!mutate(root, rng)) return text;
    const out = JSON.stringify(root, null, rng.chance(0.5) ? 1 : undefined);
    if (!out.includes(DEEP)) return out;
    const depth = rng.pick([100, 1000, 20_000]);
    const deep = rng.chance(0.5)
      ? '['.repeat(depth) + '1' + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    return out.replace(JSON.stringify(DEEP), deep);
  },
}));
