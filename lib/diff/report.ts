/**
 * Text forms of a comparison for the CLI (`layerscope diff`) and downloads: an aligned
 * terminal table, Markdown, and a JSON document with exact integers.
 */
import { isApprox } from '../analysis/figures';
import { formatCount, formatInt, formatSI } from '../report/format';
import type { DiffStatus, LayerDiff, ModelDiff } from './compare';

const TOTAL_KEYS = [
  ['macs', 'MACs'],
  ['flops', 'FLOPs'],
  ['params', 'params'],
  ['buffers', 'buffers'],
  ['activationBytes', 'activation bytes'],
  ['peakActivationBytes', 'peak activation bytes'],
  ['weightBytes', 'weight bytes'],
] as const;

const signed = (n: number, approx = false): string => {
  const s = approx ? formatCount(Math.abs(n), true) : formatInt(Math.abs(n));
  return n > 0 ? `+${s}` : n < 0 ? `-${s}` : s;
};

type TotalKey = (typeof TOTAL_KEYS)[number][0];

/** A total of A or B for exact columns (≈ beyond 2^53, exact digits when summed exactly). */
const side = (t: ModelDiff['totals']['a'], k: TotalKey): string => formatCount(t[k], isApprox(t, k), t.exact?.[k]);

/** True when A's or B's total is approximate, and so is their difference. */
const approxDelta = (d: ModelDiff, k: TotalKey): boolean =>
  isApprox(d.totals.a, k) ||
  isApprox(d.totals.b, k) ||
  d.totals.a.exact?.[k] !== undefined ||
  d.totals.b.exact?.[k] !== undefined;
const pct = (d: number, a: number): string =>
  a === 0 ? (d === 0 ? '0 %' : 'new') : `${d > 0 ? '+' : ''}${((100 * d) / a).toFixed(1)} %`;

/** The JSON report of a comparison. */
export interface DiffJson {
  /** `approx` when A's or B's total is beyond 2^53 (its exact digits are not known, or the delta is rounded). */
  totals: Record<string, { a: number; b: number; delta: number; approx?: true }>;
  counts: Record<DiffStatus, number>;
  layers: {
    status: DiffStatus;
    name: string;
    renamedFrom: string | null;
    typeA: string | null;
    typeB: string | null;
    changes: string[];
    attrChanges: { path: string; a: unknown; b: unknown }[];
    shapeChanges: { top: number; a: number[] | null; b: number[] | null }[];
    delta: { params: number; buffers: number; macs: number; flops: number; activationBytes: number };
  }[];
}

/** The comparison as a JSON-ready object (same-status rows included). */
export function diffToJson(d: ModelDiff): DiffJson {
  const totals: DiffJson['totals'] = {};
  for (const [k] of TOTAL_KEYS)
    totals[k] = {
      a: d.totals.a[k],
      b: d.totals.b[k],
      delta: d.totals.delta[k],
      ...(approxDelta(d, k) ? { approx: true as const } : {}),
    };
  return {
    totals,
    counts: { ...d.counts },
    layers: d.layers.map((l) => ({
      status: l.status,
      name: l.name,
      renamedFrom: l.renamedFrom,
      typeA: l.typeA,
      typeB: l.typeB,
      changes: [...l.summary],
      attrChanges: l.attrChanges.map((c) => ({ path: c.path, a: c.a ?? null, b: c.b ?? null })),
      shapeChanges: l.shapeChanges.map((s) => ({ top: s.top, a: s.a ? [...s.a] : null, b: s.b ? [...s.b] : null })),
      delta: { ...l.delta },
    })),
  };
}

const MARK: Record<DiffStatus, string> = { added: '+', removed: '-', changed: '~', same: ' ' };

function pad(rows: string[][], right: ReadonlySet<number>): string {
  // A fold, not Math.max(...): one argument per row overflows the stack on a big model.
  const widths = rows[0]!.map((_c, i) => rows.reduce((w, r) => Math.max(w, [...(r[i] ?? '')].length), 0));
  return rows
    .map((r) =>
      r
        .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const changedRows = (d: ModelDiff, all: boolean): LayerDiff[] => d.layers.filter((l) => all || l.status !== 'same');

/** Aligned terminal table: totals, then every layer that is not the same (all with `all`). */
export function diffToTable(d: ModelDiff, all = false): string {
  const totals = [['total', 'A', 'B', 'delta', '%']];
  for (const [k, label] of TOTAL_KEYS) {
    totals.push([
      label,
      side(d.totals.a, k),
      side(d.totals.b, k),
      signed(d.totals.delta[k], approxDelta(d, k)),
      pct(d.totals.delta[k], d.totals.a[k]),
    ]);
  }
  const rows = [['', 'layer', 'type', 'ΔMACs', 'Δparams', 'changes']];
  for (const l of changedRows(d, all)) {
    const type = l.typeA && l.typeB && l.typeA !== l.typeB ? `${l.typeA}→${l.typeB}` : (l.typeB ?? l.typeA ?? '');
    rows.push([MARK[l.status], l.name, type, signed(l.delta.macs), signed(l.delta.params), l.summary.join('; ')]);
  }
  const c = d.counts;
  return [
    pad(totals, new Set([1, 2, 3, 4])),
    '',
    `layers: ${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.same} same`,
    '',
    rows.length > 1 ? pad(rows, new Set([3, 4])) : '(no layer differs)',
    '',
  ].join('\n');
}

function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;'))
    .replace(/\r?\n/g, ' ');
}

/** Markdown: totals table and the per-layer changes. */
export function diffToMarkdown(d: ModelDiff, all = false): string {
  const lines = ['| total | A | B | delta | % |', '|---|---:|---:|---:|---:|'];
  for (const [k, label] of TOTAL_KEYS) {
    lines.push(
      `| ${label} | ${side(d.totals.a, k)} | ${side(d.totals.b, k)} | ${signed(d.totals.delta[k], approxDelta(d, k))} | ${pct(d.totals.delta[k], d.totals.a[k])} |`,
    );
  }
  const c = d.counts;
  lines.push('', `Layers: ${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.same} same.`, '');
  lines.push('| status | layer | type | ΔMACs | Δparams | changes |', '|---|---|---|---:|---:|---|');
  for (const l of changedRows(d, all)) {
    const type = l.typeA && l.typeB && l.typeA !== l.typeB ? `${l.typeA}→${l.typeB}` : (l.typeB ?? l.typeA ?? '');
    lines.push(
      `| ${l.status} | ${mdCell(l.name)} | ${mdCell(type)} | ${signed(l.delta.macs)} | ${signed(l.delta.params)} | ${mdCell(l.summary.join('; '))} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** One-line headline, e.g. `MACs 1.58 G → 1.43 G (−9.6 %)`. */
export function diffHeadline(d: ModelDiff): string {
  const { a, b, delta } = d.totals;
  return `MACs ${formatSI(a.macs)} → ${formatSI(b.macs)} (${pct(delta.macs, a.macs)}), params ${formatSI(a.params)} → ${formatSI(b.params)} (${pct(delta.params, a.params)})`;
}
