'use client';
import type { CostFigures, RewriteOptions, Suggestion } from '@/lib/advisor';
import { rfLine } from '@/lib/advisor/report';
import { rewriteLearnLink } from '@/lib/explain';
import { HelpTip } from '@/components/ui/HelpTip';
import { formatBytes, formatExact } from '@/components/ui/format';
import { LearnAnchor } from './ExplainPanel';

/** What each rewrite does, for the "?" next to its name. */
export const KIND_HELP: Record<Suggestion['kind'], string> = {
  'stack-3x3':
    'Replace a k×k conv by (k−1)/2 stacked 3×3 convs: same receptive field, 9·n instead of k² weights per channel pair (two 3×3 = 18 vs 25 for a 5×5) when the widths match and every layer keeps the map size. Without padding the first 3×3 computes a bigger map than the block returns, and it can cost more.',
  'factorize-1xn':
    'Replace an n×n conv by a 1×n then an n×1 conv (Inception-v3): same receptive field, 2n instead of n² weights per channel pair.',
  bottleneck:
    'Put a 1×1 conv in front that reduces the channels to a chosen width, so the expensive k×k sees fewer channels (GoogLeNet, ResNet). 192 → 16 → 32 with a 5×5 at 28×28: 153,600 → 15,872 weights.',
  'depthwise-separable':
    'Split the conv into a depthwise k×k (one filter per input channel) and a pointwise 1×1 that mixes channels (MobileNet). On 12×12×3 → 8×8×256 with a 5×5: 1,228,800 → 4,800 + 49,152 = 53,952 MACs. The lecture slide this example comes from prints 52,952: a typo, since its own two terms add up to 53,952.',
  'group-shuffle':
    'Split the channels into g groups (each filter sees C_in/g channels: cost ÷ g) and shuffle the channels after, so the next layer sees every group (ShuffleNet). The shuffle moves data and costs no multiplications.',
  dilate:
    'Replace a k×k conv by a 3×3 with dilation (k−1)/2: the same window and receptive field with 9 taps instead of k², skipping the pixels between taps.',
};

function ratio(after: number, before: number): string {
  return before > 0 ? `${(after / before).toFixed(2)}×` : '—';
}

function Row({ label, before, after }: { label: string; before: string; after: string }) {
  return (
    <tr>
      <td className="pr-1 text-muted">{label}</td>
      <td className="text-right tabular">{before}</td>
      <td className="px-0.5 text-muted">→</td>
      <td className="text-right tabular">{after}</td>
    </tr>
  );
}

function FiguresTable({ b, a }: { b: CostFigures; a: CostFigures }) {
  const n = (v: number) => (Number.isSafeInteger(v) ? formatExact(v) : `≈${formatExact(v)}`);
  return (
    <table className="my-1 w-full text-[11px]" data-testid="suggestion-figures">
      <tbody>
        <Row label="params" before={n(b.params)} after={n(a.params)} />
        <Row label="MACs" before={n(b.macs)} after={n(a.macs)} />
        <Row label="FLOPs" before={n(b.flops)} after={n(a.flops)} />
        <Row label="activations" before={formatBytes(b.activationBytes)} after={formatBytes(a.activationBytes)} />
        <Row label="weights" before={formatBytes(b.weightBytes)} after={formatBytes(a.weightBytes)} />
      </tbody>
    </table>
  );
}

/** Props of one suggestion: its figures, its options, and the three actions. */
export interface SuggestionCardProps {
  s: Suggestion;
  options: RewriteOptions;
  onOptions(o: RewriteOptions): void;
  similar: readonly string[] | undefined;
  busy: boolean;
  canApply: boolean;
  onCompare(): void;
  onApply(): void;
  onApplyAll(layers: readonly string[]): void;
}

const button =
  'rounded border border-line bg-surface px-1.5 py-0.5 text-[11px] hover:border-accent disabled:cursor-not-allowed disabled:opacity-50';

function NumberOption({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange(v: number | undefined): void;
}) {
  return (
    <label className="flex items-center gap-1">
      {label}
      <input
        type="number"
        min={1}
        className="w-14 rounded border border-line bg-surface px-1 text-[11px]"
        value={value ?? ''}
        onChange={(e) => {
          const v = Number(e.target.value);
          onChange(e.target.value === '' || !Number.isInteger(v) || v <= 0 ? undefined : v);
        }}
        aria-label={label}
      />
    </label>
  );
}

/** One rewrite: what it does, every figure before and after, its options, its layers, and the actions. */
export function SuggestionCard(p: SuggestionCardProps) {
  const { s } = p;
  const macs = s.block.filter((b) => b.macs > 0).map((b) => formatExact(b.macs));
  const hasWidth = s.options.width !== undefined;
  const hasGroups = s.options.groups !== undefined;
  const hasRelu = s.options.relu !== undefined;
  const others = (p.similar ?? []).length;
  return (
    <li
      className={`mb-2 rounded border p-1.5 ${s.costsMore ? 'border-danger/50' : 'border-line'}`}
      data-testid={`suggestion-${s.kind}`}
    >
      <div className="flex items-center gap-1">
        <span className="font-mono font-semibold">{s.kind}</span>
        <HelpTip text={KIND_HELP[s.kind]} label={s.kind} />
        {s.costsMore && (
          <span className="rounded bg-danger/15 px-1 text-[10px] font-semibold text-danger" data-testid="costs-more">
            costs more
          </span>
        )}
        <span className="ml-auto text-right text-[10px] leading-tight tabular" title="after ÷ before">
          {ratio(s.after.macs, s.before.macs)} MACs
          <br />
          {ratio(s.after.params, s.before.params)} params
        </span>
      </div>
      <div className="text-[11px] leading-snug text-muted">{s.description}</div>
      <FiguresTable b={s.before} a={s.after} />
      {macs.length > 1 && (
        <div className="text-[11px]" data-testid="suggestion-sum">
          MACs: {macs.join(' + ')} = {formatExact(s.after.macs)}
        </div>
      )}
      <div className="text-[11px]">
        <span className="text-muted">receptive field </span>
        {rfLine(s.before.rf) === rfLine(s.after.rf)
          ? `${rfLine(s.after.rf)} (same)`
          : `${rfLine(s.before.rf)} → ${rfLine(s.after.rf)}`}
      </div>
      <div className="text-[11px]">
        <span className="text-muted">output </span>
        {s.outputShape.join('×')} (unchanged)
      </div>
      {(hasWidth || hasGroups || hasRelu) && (
        <div className="mt-1 flex flex-wrap items-center gap-2 text-[11px]">
          {hasWidth && (
            <NumberOption
              label="width"
              value={p.options.width ?? s.options.width}
              onChange={(v) => p.onOptions({ ...p.options, width: v })}
            />
          )}
          {hasGroups && (
            <NumberOption
              label="groups"
              value={p.options.groups ?? s.options.groups}
              onChange={(v) => p.onOptions({ ...p.options, groups: v })}
            />
          )}
          {hasRelu && (
            <label className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={p.options.relu ?? s.options.relu ?? true}
                onChange={(e) => p.onOptions({ ...p.options, relu: e.target.checked })}
              />
              ReLU between
            </label>
          )}
        </div>
      )}
      <details className="mt-1 text-[11px]">
        <summary className="cursor-pointer text-muted">new layers ({s.block.length})</summary>
        <ul className="pl-2 font-mono">
          {s.block.map((b) => (
            <li key={b.name}>
              {b.name}: <span className="font-sans">{b.summary}</span>
            </li>
          ))}
        </ul>
      </details>
      {s.notes.length > 0 && (
        <ul className="mt-1 list-disc pl-4 text-[11px] leading-snug" data-testid="suggestion-notes">
          {s.notes.map((n, i) => (
            <li key={i} className={n.startsWith('Costs more') ? 'text-danger' : ''}>
              {n}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-1 flex flex-wrap gap-1">
        <button
          className={button}
          onClick={p.onCompare}
          disabled={p.busy}
          data-testid="suggestion-compare"
          title="Open the compare view: the model on the left, this rewrite on the right"
        >
          Compare
        </button>
        <button
          className={button}
          onClick={p.onApply}
          disabled={p.busy || !p.canApply}
          data-testid="suggestion-apply"
          title="Rewrite the model in the editor (Ctrl+Z undoes it)"
        >
          Apply
        </button>
        {others > 1 && (
          <button
            className={button}
            onClick={() => p.onApplyAll(p.similar!)}
            disabled={p.busy || !p.canApply}
            data-testid="suggestion-apply-all"
            title={`Same rewrite on every layer with this kernel, stride and group: ${p.similar!.join(', ')}`}
          >
            Apply to all {others} similar layers
          </button>
        )}
      </div>
      <div className="mt-1 text-[11px]">
        <LearnAnchor link={rewriteLearnLink(s.kind)} />
      </div>
    </li>
  );
}
