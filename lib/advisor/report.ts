import type { RFAxis } from '../ops/types';
import { formatBytes, formatShape } from '../report/format';
import { formatCount as formatInt } from './summary';
import type { CostFigures, LayerAdvice, Suggestion } from './types';

/** The figures of one side in the CLI's JSON (exact integers; rf per spatial axis or null). */
export interface FiguresJson {
  readonly params: number;
  readonly macs: number;
  readonly flops: number;
  readonly rf: readonly RFAxis[] | null;
  readonly activationBytes: number;
  readonly weightBytes: number;
}

/** One suggestion in the CLI's JSON: the documented contract's keys first, then the details. */
export interface SuggestionJson {
  readonly id: string;
  readonly layer: string;
  readonly kind: string;
  readonly description: string;
  readonly options: Suggestion['options'];
  readonly before: FiguresJson;
  readonly after: FiguresJson;
  readonly costsMore: boolean;
  readonly outputShape: readonly number[];
  readonly block: Suggestion['block'];
  readonly notes: readonly string[];
}

function figuresJson(f: CostFigures): FiguresJson {
  return {
    params: f.params,
    macs: f.macs,
    flops: f.flops,
    rf: f.rf,
    activationBytes: f.activationBytes,
    weightBytes: f.weightBytes,
  };
}

/** `{"suggestions": […]}`, the `layerscope advise --format json` document. */
export function adviceToJson(suggestions: readonly Suggestion[]): { suggestions: SuggestionJson[] } {
  return {
    suggestions: suggestions.map((s) => ({
      id: s.id,
      layer: s.layer,
      kind: s.kind,
      description: s.description,
      options: s.options,
      before: figuresJson(s.before),
      after: figuresJson(s.after),
      costsMore: s.costsMore,
      outputShape: s.outputShape,
      block: s.block,
      notes: s.notes,
    })),
  };
}

/** "3.60×" — after ÷ before, or "—" when before is 0. */
export function ratio(after: number, before: number): string {
  return before > 0 ? `${(after / before).toFixed(2)}×` : '—';
}

/** Receptive field in one line: "5×5, jump 1, start 0" (axes joined where they differ). */
export function rfLine(rf: readonly RFAxis[] | null): string {
  if (!rf || rf.length === 0) return 'not followed';
  const same = (k: keyof RFAxis) => rf.every((a) => a[k] === rf[0]![k]);
  const part = (k: keyof RFAxis) => (same(k) ? String(rf[0]![k]) : rf.map((a) => a[k]).join('/'));
  return `${rf.map((a) => a.size).join('×')}, jump ${part('jump')}, start ${part('start')}`;
}

function arrow(before: string, after: string): string {
  return before === after ? `${before} (same)` : `${before} → ${after}`;
}

/** An aligned table, one row per suggestion (the CLI's default without --layer). */
export function adviceToTable(suggestions: readonly Suggestion[]): string {
  if (suggestions.length === 0) return 'no rewrite applies (layerscope advise --all lists costlier ones too)\n';
  const header = ['id', 'params', 'MACs', 'MACs after/before', 'note'];
  const rows = suggestions.map((s) => [
    s.id,
    `${formatInt(s.before.params)} → ${formatInt(s.after.params)}`,
    `${formatInt(s.before.macs)} → ${formatInt(s.after.macs)}`,
    ratio(s.after.macs, s.before.macs),
    s.costsMore ? 'COSTS MORE' : '',
  ]);
  const all = [header, ...rows];
  // A fold, not Math.max(...): one argument per row overflows the stack on a big model.
  const widths = header.map((_, c) => all.reduce((w, r) => Math.max(w, r[c]!.length), 0));
  const right = new Set([1, 2, 3]);
  const fmt = (r: string[]) =>
    r
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
  out.push(
    '',
    `${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'}; details: layerscope advise FILE --layer NAME; apply: --apply ID`,
  );
  return out.join('\n') + '\n';
}

/** One suggestion in full: every figure before → after, the block's layers and the notes. */
export function suggestionDetail(s: Suggestion): string {
  const b = s.before;
  const a = s.after;
  const macsParts = s.block.filter((l) => l.macs > 0).map((l) => formatInt(l.macs));
  const lines = [
    `${s.id}${s.costsMore ? '   COSTS MORE' : ''}`,
    `  ${s.description}`,
    `  params           ${arrow(formatInt(b.params), formatInt(a.params))}   (${ratio(a.params, b.params)})`,
    `  MACs             ${arrow(formatInt(b.macs), macsParts.length > 1 ? `${macsParts.join(' + ')} = ${formatInt(a.macs)}` : formatInt(a.macs))}   (${ratio(a.macs, b.macs)})`,
    `  FLOPs            ${arrow(formatInt(b.flops), formatInt(a.flops))}   (${ratio(a.flops, b.flops)})`,
    `  receptive field  ${arrow(rfLine(b.rf), rfLine(a.rf))}`,
    `  activations      ${arrow(formatBytes(b.activationBytes), formatBytes(a.activationBytes))}`,
    `  weights          ${arrow(formatBytes(b.weightBytes), formatBytes(a.weightBytes))}`,
    `  output           ${formatShape(s.outputShape)} (unchanged)`,
    `  options          ${
      Object.entries(s.options)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '(none)'
    }`,
    '  layers:',
    ...s.block.map((l) => `    ${l.name}  ${l.summary}${l.macs > 0 ? `  ${formatInt(l.macs)} MACs` : ''}`),
    ...s.notes.map((n) => `  note: ${n}`),
  ];
  return lines.join('\n') + '\n';
}

/** Everything about one layer: each suggestion in full, then why the other rewrites do not apply. */
export function layerAdviceText(advice: LayerAdvice, suggestions: readonly Suggestion[]): string {
  const parts = suggestions.map(suggestionDetail);
  const shown = new Set(suggestions.map((s) => s.id));
  const hidden = advice.suggestions.filter((s) => !shown.has(s.id));
  if (hidden.length > 0) {
    parts.push(`costlier rewrites not shown (--all): ${hidden.map((s) => s.kind).join(', ')}\n`);
  }
  if (advice.skipped.length > 0) {
    parts.push(['does not apply:', ...advice.skipped.map((k) => `  ${k.kind}: ${k.reason}`)].join('\n') + '\n');
  }
  if (parts.length === 0) parts.push('no rewrite applies\n');
  return parts.join('\n');
}
