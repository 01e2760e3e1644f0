import type { AnalysisResult, FigureKey, LayerResult, TotalKey, Totals } from '../analysis';
import { figuresKnown, isApprox } from '../analysis/figures';
import { blobName } from './report-json';
import { formatBytes, formatCount, formatShape, formatSI } from './format';

/** CSV columns (exact integers, one row per layer, then a TOTAL row). */
export const CSV_COLUMNS = [
  'name',
  'type',
  'bottoms',
  'tops',
  'output_shapes',
  'params',
  'buffers',
  'macs',
  'flops',
  'activation_bytes',
  'weight_bytes',
] as const;

/**
 * A layer figure for exact columns: the integer, "≈1.930e+17" beyond 2^53, and "?" for a 0 that
 * only means "unknown" (a broken layer, or one whose input shape is unknown): never a silent 0.
 */
function layerFigure(l: LayerResult, key: FigureKey, known: boolean, plain = false): string {
  const v = l[key];
  if (!known && v === 0) return '?';
  if (plain && !isApprox(l, key)) return String(v);
  return formatCount(v, isApprox(l, key));
}

/** A total for exact columns: exact digits (BigInt sum beyond 2^53) or "≈…". */
function totalFigure(t: Totals, key: TotalKey, plain = false): string {
  const exact = t.exact?.[key];
  if (plain && exact !== undefined) return exact;
  if (plain && !isApprox(t, key)) return String(t[key]);
  return formatCount(t[key], isApprox(t, key), exact);
}

/** "≥ " when some layer's figures are unknown (the totals are then lower bounds), and "≈" for approximate totals. */
function totalMark(t: Totals, key: TotalKey): string {
  return `${t.unknownLayers > 0 ? '≥ ' : ''}${isApprox(t, key) ? '≈' : ''}`;
}

/** The note under totals with unknown parts: "3 layers unknown: totals are lower bounds". */
export function unknownNote(t: Totals): string {
  const n = t.unknownLayers;
  return n > 0 ? `${n} layer${n === 1 ? '' : 's'} unknown: totals are lower bounds` : '';
}

function csvCell(v: string | number): string {
  // A layer name starting with = + - @ would run as a formula in a spreadsheet: quote it as text.
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const shapesText = (a: AnalysisResult, i: number) => a.layers[i]!.outputs.map((s) => (s ? s.join('x') : '?')).join(' ');

const LAYER_KEYS: readonly FigureKey[] = ['params', 'buffers', 'macs', 'flops', 'activationBytes', 'weightBytes'];
const TOTAL_ROW_KEYS: readonly TotalKey[] = ['params', 'buffers', 'macs', 'flops', 'activationBytes', 'weightBytes'];

export function toCsv(a: AnalysisResult): string {
  const g = a.graph;
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  a.layers.forEach((l, i) => {
    const known = figuresKnown(l);
    rows.push([
      l.name,
      l.type,
      l.bottoms.map((b) => blobName(g, b)).join(' '),
      l.tops.map((t) => blobName(g, t)).join(' '),
      shapesText(a, i),
      ...LAYER_KEYS.map((k) => layerFigure(l, k, known, true)),
    ]);
  });
  const t = a.totals;
  const label = t.unknownLayers > 0 ? `TOTAL (${unknownNote(t)})` : 'TOTAL';
  rows.push([label, '', '', '', '', ...TOTAL_ROW_KEYS.map((k) => totalFigure(t, k, true))]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/\r?\n/g, ' ');
}

const TOTAL_ROWS: readonly [TotalKey, string, boolean][] = [
  ['macs', 'MACs', false],
  ['flops', 'FLOPs', false],
  ['params', 'params', false],
  ['buffers', 'buffers', false],
  ['activationBytes', 'activation memory (sum)', true],
  ['peakActivationBytes', 'activation memory (peak)', true],
  ['weightBytes', 'weight memory', true],
];

export function toMarkdown(a: AnalysisResult): string {
  const g = a.graph;
  const t = a.totals;
  const lines: string[] = [];
  lines.push(`# ${mdCell(g.name || 'model')}`);
  lines.push('');
  lines.push(`Format ${g.format}, analysis batch ${a.batch} (declared ${a.declaredBatch ?? 'none'}).`);
  if (t.unknownLayers > 0) lines.push('', `**${unknownNote(t)}** (marked ≥).`);
  lines.push('');
  lines.push('| total | value | exact |');
  lines.push('|---|---:|---:|');
  for (const [k, label, bytes] of TOTAL_ROWS) {
    const head = bytes ? formatBytes(t[k]) : formatSI(t[k]);
    lines.push(`| ${label} | ${totalMark(t, k)}${head} | ${totalFigure(t, k)} |`);
  }
  lines.push('');
  lines.push('| layer | type | output | params | MACs | FLOPs | activation bytes |');
  lines.push('|---|---|---|---:|---:|---:|---:|');
  for (const l of a.layers) {
    const known = figuresKnown(l);
    const outs = l.outputs.map(formatShape).join(', ');
    const f = (k: FigureKey) => layerFigure(l, k, known);
    lines.push(
      `| ${mdCell(l.name)} | ${mdCell(l.type)} | ${outs} | ${f('params')} | ${f('macs')} | ${f('flops')} | ${f('activationBytes')} |`,
    );
  }
  const m = t.unknownLayers > 0 ? '≥ ' : '';
  const tf = (k: TotalKey) => m + totalFigure(t, k);
  lines.push(`| **total** | | | ${tf('params')} | ${tf('macs')} | ${tf('flops')} | ${tf('activationBytes')} |`);
  return lines.join('\n') + '\n';
}

/** A readable aligned text table with totals, for terminals. */
export function toTable(a: AnalysisResult): string {
  const header = ['layer', 'type', 'output', 'params', 'MACs', 'FLOPs', 'activations'];
  const rows = a.layers.map((l) => {
    const known = figuresKnown(l);
    const act =
      !known && l.activationBytes === 0 ? '?' : formatBytes(l.activationBytes, isApprox(l, 'activationBytes'));
    return [
      l.name + (l.status === 'ok' ? (known ? '' : ' (?)') : l.status === 'broken' ? ' (!)' : ' (?)'),
      l.type,
      l.outputs.map(formatShape).join(', '),
      layerFigure(l, 'params', known),
      layerFigure(l, 'macs', known),
      layerFigure(l, 'flops', known),
      act,
    ];
  });
  const t = a.totals;
  const m = t.unknownLayers > 0 ? '≥ ' : '';
  const total = [
    'TOTAL',
    `${a.layers.length} layers`,
    '',
    m + totalFigure(t, 'params'),
    m + totalFigure(t, 'macs'),
    m + totalFigure(t, 'flops'),
    m + formatBytes(t.activationBytes, isApprox(t, 'activationBytes')),
  ];
  const all = [header, ...rows, total];
  // A fold, not Math.max(...): one argument per layer overflowed the stack at ~120,000 layers.
  const widest = (c: number) => all.reduce((w, r) => Math.max(w, r[c]!.length), 0);
  const widths = header.map((_, c) => Math.min(48, widest(c)));
  const right = new Set([3, 4, 5, 6]);
  const fmt = (r: string[]) =>
    r
      .map((cell, c) => {
        const w = widths[c]!;
        const s = cell.length > w ? cell.slice(0, w - 1) + '…' : cell;
        return right.has(c) ? s.padStart(w) : s.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [fmt(header), rule, ...rows.map(fmt), rule, fmt(total), ''];
  out.push(
    `model ${a.graph.name || '(unnamed)'} (${a.graph.format}), batch ${a.batch}${a.declaredBatch !== null ? ` (declared ${a.declaredBatch})` : ''}`,
  );
  const head = (k: TotalKey) => `${totalMark(t, k)}${formatSI(t[k])}`.padStart(12);
  out.push(`MACs    ${head('macs')}   ${totalFigure(t, 'macs')}`);
  out.push(`FLOPs   ${head('flops')}   ${totalFigure(t, 'flops')}`);
  out.push(`params  ${head('params')}   ${totalFigure(t, 'params')}`);
  out.push(`buffers ${head('buffers')}   ${totalFigure(t, 'buffers')}`);
  const bytes = (k: TotalKey) => `${totalMark(t, k)}${formatBytes(t[k])}`;
  out.push(
    `memory  activations ${bytes('activationBytes')} total, ${bytes('peakActivationBytes')} peak; weights ${bytes('weightBytes')}`,
  );
  if (t.unknownLayers > 0) out.push(`${unknownNote(t)} (marked ≥); "?" marks a figure that is unknown`);
  if (t.approx || a.layers.some((l) => l.approx))
    out.push('≈ marks a figure beyond 2^53 (9,007,199,254,740,991): a double rounds it, so it is approximate');
  return out.join('\n') + '\n';
}
