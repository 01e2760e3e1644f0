/**
 * Pure helpers of the compare view (no React): where the two texts come from, diff-row
 * sorting, and the colour of each B graph node by change status.
 */
import type { DiffStatus, LayerDiff, ModelDiff } from '@/lib/diff';
import { cardSize, formatSI, nodeCardText, type ViewGraph, type ViewNode } from '@/lib/layout';
import { DEFAULT_PRESET_ID, getPreset } from '@/lib/presets';
import { decodeShare, type ShareView } from '@/lib/share/codec';
import { fetchModelText, parseLocation, type FetchLike } from '@/lib/share/location';

/** localStorage keys of the compare view (separate from the workspace's text). */
export const COMPARE_KEYS = { a: 'layerscope.compare.a', b: 'layerscope.compare.b' } as const;

/** The two texts the compare view opens with, and a message when a link could not be used. */
export interface CompareInitial {
  a: string;
  b: string;
  source: 'link' | 'preset' | 'url' | 'saved' | 'workspace' | 'default';
  view?: ShareView;
  notice?: string;
}

/**
 * Link (compare link: A and B; model link: A with B a copy), `#/preset/NAME`, `?url=`, the
 * texts saved by this view, the workspace's text, or the default preset — in that order.
 * A broken link keeps the saved texts and says why.
 */
export async function resolveCompareInitial(
  hash: string,
  search: string,
  saved: { a: string | null; b: string | null; workspace: string | null },
  fetchImpl: FetchLike,
): Promise<CompareInitial> {
  const fallback = (notice?: string): CompareInitial => {
    const extra = notice ? { notice } : {};
    if (saved.a !== null && saved.b !== null) return { a: saved.a, b: saved.b, source: 'saved', ...extra };
    if (saved.workspace) return { a: saved.workspace, b: saved.workspace, source: 'workspace', ...extra };
    const text = getPreset(DEFAULT_PRESET_ID)?.text ?? '';
    return { a: text, b: text, source: 'default', ...extra };
  };
  const target = parseLocation(hash, search);
  if (target.kind === 'share') {
    const d = decodeShare(target.fragment);
    if (!d.ok) return fallback(`This link could not be opened: ${d.error}.`);
    if (d.kind === 'binary')
      return fallback(`This link carries ${d.name}: open it in the workspace (/) or with “A: open…” here.`);
    return d.kind === 'compare'
      ? { a: d.a, b: d.b, source: 'link', view: d.view }
      : { a: d.text, b: d.text, source: 'link', view: d.view };
  }
  if (target.kind === 'preset') {
    const p = getPreset(target.id);
    return p ? { a: p.text, b: p.text, source: 'preset' } : fallback(`There is no built-in model "${target.id}".`);
  }
  if (target.kind === 'url') {
    const r = await fetchModelText(target.url, fetchImpl);
    return r.ok ? { a: r.text, b: r.text, source: 'url' } : fallback(`${r.error}.`);
  }
  return fallback();
}

/** Sortable columns of the diff table. */
export type DiffSortKey = 'order' | 'status' | 'name' | 'macs' | 'params' | 'flops' | 'activationBytes';

const STATUS_RANK: Record<DiffStatus, number> = { removed: 0, added: 1, changed: 2, same: 3 };

/** Rows sorted by a column; deltas sort by magnitude (largest change first), ties keep model order. */
export function sortDiffRows(rows: readonly LayerDiff[], key: DiffSortKey, descending: boolean): LayerDiff[] {
  const indexed = rows.map((r, i) => [r, i] as const);
  const value = (r: LayerDiff, i: number): number | string => {
    switch (key) {
      case 'order':
        return i;
      case 'status':
        return STATUS_RANK[r.status];
      case 'name':
        return r.name.toLowerCase();
      default:
        return Math.abs(r.delta[key]);
    }
  };
  indexed.sort(([ra, ia], [rb, ib]) => {
    const va = value(ra, ia);
    const vb = value(rb, ib);
    const c = va < vb ? -1 : va > vb ? 1 : 0;
    return (descending ? -c : c) || ia - ib;
  });
  return indexed.map(([r]) => r);
}

/** Colours of the change statuses (fill, stroke, text) per theme. */
export const STATUS_COLORS: Record<
  'light' | 'dark',
  Record<DiffStatus, { fill: string; stroke: string; text: string }>
> = {
  light: {
    added: { fill: '#dcfce7', stroke: '#15803d', text: '#052e16' },
    removed: { fill: '#fee2e2', stroke: '#b91c1c', text: '#450a0a' },
    changed: { fill: '#fef3c7', stroke: '#b45309', text: '#451a03' },
    same: { fill: '#f3f4f6', stroke: '#9ca3af', text: '#1f2937' },
  },
  dark: {
    added: { fill: '#14532d', stroke: '#4ade80', text: '#dcfce7' },
    removed: { fill: '#7f1d1d', stroke: '#f87171', text: '#fee2e2' },
    changed: { fill: '#713f12', stroke: '#fbbf24', text: '#fef3c7' },
    same: { fill: '#1f2937', stroke: '#4b5563', text: '#d1d5db' },
  },
};

/**
 * Status of a B graph box: `added` when every layer it shows is new, `changed` when any of
 * its layers (folded badges included) is added or changed, `same` otherwise. Inputs without
 * a layer are `same`.
 */
export function nodeStatus(
  node: Pick<ViewNode, 'name' | 'kind' | 'folded'>,
  byLayer: ReadonlyMap<string, DiffStatus>,
): DiffStatus {
  if (node.kind === 'input') return byLayer.get(node.name) ?? 'same';
  const host = byLayer.get(node.name) ?? 'same';
  const all = [host, ...node.folded.map((f) => byLayer.get(f.name) ?? 'same')];
  if (all.every((s) => s === 'added')) return 'added';
  if (all.some((s) => s === 'added' || s === 'changed')) return 'changed';
  return 'same';
}

/** Removed rows of a diff, for the list beside the B graph. */
export function removedLayers(diff: ModelDiff): LayerDiff[] {
  return diff.layers.filter((l) => l.status === 'removed');
}

/** `  Δ+1.2M` after a B box's cost line, for a changed or added layer whose MACs moved; else ''. */
export function macsDeltaText(row: LayerDiff | undefined): string {
  if (!row || row.status === 'same' || row.delta.macs === 0) return '';
  return `  Δ${row.delta.macs > 0 ? '+' : ''}${formatSI(row.delta.macs)}`;
}

/**
 * The B view with each box widened to fit its cost line plus its ΔMACs text, so the delta is
 * drawn in full instead of being cut off (the layout measures card text without it).
 */
export function widenForDeltas(view: ViewGraph, deltas: ReadonlyMap<string, string>): ViewGraph {
  if (deltas.size === 0) return view;
  const nodes = view.nodes.map((n) => {
    const delta = deltas.get(n.name);
    if (!delta) return n;
    const text = nodeCardText(n);
    const { width } = cardSize({ ...text, line3: text.line3 + delta });
    return width > n.width ? { ...n, width } : n;
  });
  return { ...view, nodes };
}
