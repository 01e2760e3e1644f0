import type { LayerResult } from '@/lib/analysis';

/** Sortable columns of the per-layer table. */
export type SortKey = 'order' | 'name' | 'type' | 'output' | 'params' | 'macs' | 'flops' | 'activation' | 'share';

/** A sort: column and direction. */
export interface SortState {
  readonly key: SortKey;
  readonly dir: 'asc' | 'desc';
}

function outputElements(l: LayerResult): number {
  let n = 0;
  for (const s of l.outputs) if (s) n += s.reduce((a, b) => a * b, 1);
  return n;
}

const NUMERIC: Partial<Record<SortKey, (l: LayerResult) => number>> = {
  params: (l) => l.params,
  macs: (l) => l.macs,
  share: (l) => l.macs,
  flops: (l) => l.flops,
  activation: (l) => l.activationBytes,
  output: outputElements,
};

/**
 * Positions (in `layers`) of the rows shown: filtered by type (empty = all) and by a name/type
 * query, then sorted; ties keep graph order. Positions rather than a map keyed by layer: at
 * 174,000 layers, two such maps and a sort that looked positions up in one took ~150 ms of the
 * main-thread task that shows a new result. The graph order itself needs no sort.
 */
export function tablePositions(
  layers: readonly LayerResult[],
  sort: SortState,
  types: ReadonlySet<string>,
  query = '',
): number[] {
  const q = query.trim().toLowerCase();
  const pos: number[] = [];
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i]!;
    if (types.size !== 0 && !types.has(l.type)) continue;
    if (q && !l.name.toLowerCase().includes(q) && !l.type.toLowerCase().includes(q)) continue;
    pos.push(i);
  }
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.key === 'order') return sign === 1 ? pos : pos.reverse();
  const num = NUMERIC[sort.key];
  if (num) {
    // Each key once (an output's element count is a product), not twice per comparison.
    const key = new Float64Array(layers.length);
    for (const i of pos) key[i] = num(layers[i]!);
    return pos.sort((a, b) => sign * (key[a]! - key[b]!) || a - b);
  }
  const text = sort.key === 'name' ? (l: LayerResult) => l.name : (l: LayerResult) => l.type;
  return pos.sort((a, b) => sign * text(layers[a]!).localeCompare(text(layers[b]!)) || a - b);
}

/** The rows shown (see tablePositions). */
export function tableRows(
  layers: readonly LayerResult[],
  sort: SortState,
  types: ReadonlySet<string>,
  query = '',
): LayerResult[] {
  return tablePositions(layers, sort, types, query).map((i) => layers[i]!);
}

/** Layer types present, with counts, most frequent first. */
export function typeCounts(layers: readonly LayerResult[]): { type: string; count: number }[] {
  const m = new Map<string, number>();
  for (const l of layers) m.set(l.type, (m.get(l.type) ?? 0) + 1);
  return [...m]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/**
 * Totals of the rows shown (the table's footer), summed over the rows whose figures are known;
 * `unknown` counts the others, so the footer can say "≥ …" instead of a silent partial sum.
 */
export function rowTotals(rows: readonly LayerResult[]): {
  params: number;
  macs: number;
  flops: number;
  activationBytes: number;
  unknown: number;
} {
  let params = 0;
  let macs = 0;
  let flops = 0;
  let activationBytes = 0;
  let unknown = 0;
  for (const r of rows) {
    if (r.status !== 'ok') {
      unknown++;
      continue;
    }
    params += r.params;
    macs += r.macs;
    flops += r.flops;
    activationBytes += r.activationBytes;
  }
  return { params, macs, flops, activationBytes, unknown };
}

/** Which rows of a fixed-row-height list are visible, with overscan. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return [first, last];
}
