import type { AnalysisResult } from '../analysis';
import { blobName } from './report-json';
import { formatBytes, formatInt, formatShape, formatSI } from './format';

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

function csvCell(v: string | number): string {
  // A layer name starting with = + - @ would run as a formula in a spreadsheet: quote it as text.
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const shapesText = (a: AnalysisResult, i: number) =>
  a.layers[i]!.outputs.map((s) => (s ? s.join('x') : '?')).join(' ');

export function toCsv(a: AnalysisResult): string {
  const g = a.graph;
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  a.layers.forEach((l, i) => {
    rows.push([
      l.name,
      l.type,
      l.bottoms.map((b) => blobName(g, b)).join(' '),
      l.tops.map((t) => blobName(g, t)).join(' '),
      shapesText(a, i),
      l.params,
      l.buffers,
      l.macs,
      l.flops,
      l.activationBytes,
      l.weightBytes,
    ]);
  });
  const t = a.totals;
  rows.push(['TOTAL', '', '', '', '', t.params, t.buffers, t.macs, t.flops, t.activationBytes, t.weightBytes]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');
}

export function toMarkdown(a: AnalysisResult): string {
  const g = a.graph;
  const t = a.totals;
  const lines: string[] = [];
  lines.push(`# ${mdCell(g.name || 'model')}`);
  lines.push('');
  lines.push(`Format ${g.format}, analysis batch ${a.batch} (declared ${a.declaredBatch ?? 'none'}).`);
  lines.push('');
  lines.push('| total | value | exact |');
  lines.push('|---|---:|---:|');
  lines.push(`| MACs | ${formatSI(t.macs)} | ${formatInt(t.macs)} |`);
  lines.push(`| FLOPs | ${formatSI(t.flops)} | ${formatInt(t.flops)} |`);
  lines.push(`| params | ${formatSI(t.params)} | ${formatInt(t.params)} |`);
  lines.push(`| buffers | ${formatSI(t.buffers)} | ${formatInt(t.buffers)} |`);
  lines.push(`| activation memory (sum) | ${formatBytes(t.activationBytes)} | ${formatInt(t.activationBytes)} |`);
  lines.push(`| activation memory (peak) | ${formatBytes(t.peakActivationBytes)} | ${formatInt(t.peakActivationBytes)} |`);
  lines.push(`| weight memory | ${formatBytes(t.weightBytes)} | ${formatInt(t.weightBytes)} |`);
  lines.push('');
  lines.push('| layer | type | output | params | MACs | FLOPs | activation bytes |');
  lines.push('|---|---|---|---:|---:|---:|---:|');
  for (const l of a.layers) {
    const outs = l.outputs.map(formatShape).join(', ');
    lines.push(
      `| ${mdCell(l.name)} | ${mdCell(l.type)} | ${outs} | ${formatInt(l.params)} | ${formatInt(l.macs)} | ${formatInt(l.flops)} | ${formatInt(l.activationBytes)} |`,
    );
  }
  lines.push(
    `| **total** | | | ${formatInt(t.params)} | ${formatInt(t.macs)} | ${formatInt(t.flops)} | ${formatInt(t.activationBytes)} |`,
  );
  return lines.join('\n') + '\n';
}

/** A readable aligned text table with totals, for terminals. */
export function toTable(a: AnalysisResult): string {
  const header = ['layer', 'type', 'output', 'params', 'MACs', 'FLOPs', 'activations'];
  const rows = a.layers.map((l) => [
    l.name + (l.status === 'ok' ? '' : l.status === 'broken' ? ' (!)' : ' (?)'),
    l.type,
    l.outputs.map(formatShape).join(', '),
    formatInt(l.params),
    formatInt(l.macs),
    formatInt(l.flops),
    formatBytes(l.activationBytes),
  ]);
  const t = a.totals;
  const total = ['TOTAL', `${a.layers.length} layers`, '', formatInt(t.params), formatInt(t.macs), formatInt(t.flops), formatBytes(t.activationBytes)];
  const all = [header, ...rows, total];
  const widths = header.map((_, c) => Math.min(48, Math.max(...all.map((r) => r[c]!.length))));
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
  out.push(`model ${a.graph.name || '(unnamed)'} (${a.graph.format}), batch ${a.batch}${a.declaredBatch !== null ? ` (declared ${a.declaredBatch})` : ''}`);
  out.push(`MACs    ${formatSI(t.macs).padStart(10)}   ${formatInt(t.macs)}`);
  out.push(`FLOPs   ${formatSI(t.flops).padStart(10)}   ${formatInt(t.flops)}`);
  out.push(`params  ${formatSI(t.params).padStart(10)}   ${formatInt(t.params)}`);
  out.push(`buffers ${formatSI(t.buffers).padStart(10)}   ${formatInt(t.buffers)}`);
  out.push(`memory  activations ${formatBytes(t.activationBytes)} total, ${formatBytes(t.peakActivationBytes)} peak; weights ${formatBytes(t.weightBytes)}`);
  return out.join('\n') + '\n';
}
