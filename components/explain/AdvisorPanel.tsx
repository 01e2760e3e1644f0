'use client';
import { useEffect, useMemo, useState } from 'react';
import type { OptionsByKind, RewriteOptions, RewriteRequest, Suggestion } from '@/lib/advisor';
import { HelpTip } from '@/components/ui/HelpTip';
import { rewriteCompareUrl } from './compare-link';
import { Part } from './ExplainPanel';
import { useModelSource } from './model-source';
import { SuggestionCard } from './SuggestionCard';
import { useAdvisor } from './use-advisor';

const HELP =
  'Rewrites of this convolution that keep its output shape, with exact figures before and after (this layer alone vs the layers that replace it). Compare opens the two models side by side; Apply rewrites the text in the editor (Ctrl+Z undoes it).';

/**
 * The advisor for the selected convolution: the rewrites that apply, computed in a worker on the
 * editor's exact text. Costlier rewrites are listed only when asked (marked), and each one can be
 * compared, applied, or applied to every similar layer.
 */
export function AdvisorPanel({ layer }: { layer: string }) {
  const source = useModelSource();
  const [options, setOptions] = useState<OptionsByKind>({});
  const [showCostlier, setShowCostlier] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    setOptions({});
    setMessage(null);
  }, [layer]);
  const { advice, why, loading, error, stale, apply, similar } = useAdvisor(source, layer, options);

  const shown = useMemo(
    () => (advice?.suggestions ?? []).filter((s) => showCostlier || !s.costsMore),
    [advice, showCostlier],
  );
  const hidden = (advice?.suggestions.length ?? 0) - shown.length;
  if (!source) return null;
  if (!advice) {
    return (
      <Part title="Cheaper designs" testId="advisor">
        {error ? (
          <p className="text-[11px] text-danger" role="alert" data-testid="advisor-message">
            {error}
          </p>
        ) : why && !loading ? (
          <p className="text-[11px] text-muted" data-testid="advisor-none">
            No rewrites: {why}.
          </p>
        ) : (
          <p className="text-[11px] text-muted" data-testid="advisor-loading">
            Looking for cheaper designs…
          </p>
        )}
      </Part>
    );
  }

  const run = async (requests: RewriteRequest[], then: (text: string, applied: readonly Suggestion[]) => void) => {
    setBusy(true);
    setMessage(null);
    const r = await apply(requests);
    setBusy(false);
    if (r.ok) then(r.text, r.applied);
    else setMessage(r.message);
    return r.ok;
  };
  const optionsOf = (s: Suggestion): RewriteOptions => options[s.kind] ?? {};

  return (
    <Part title="Cheaper designs" testId="advisor">
      <div className="mb-1 flex items-center gap-2 text-[11px]">
        <span className="text-muted">
          {shown.length} rewrite{shown.length === 1 ? '' : 's'}
          {loading || stale ? ' · updating…' : ''}
        </span>
        <HelpTip text={HELP} label="the advisor" />
        <label className="ml-auto flex items-center gap-1" title="List rewrites that cost more than the layer too">
          <input
            type="checkbox"
            checked={showCostlier}
            onChange={(e) => setShowCostlier(e.target.checked)}
            data-testid="advisor-show-costlier"
          />
          show costlier{hidden > 0 ? ` (${hidden})` : ''}
        </label>
      </div>
      {(error || message) && (
        <p className="mb-1 text-[11px] text-danger" role="alert" data-testid="advisor-message">
          {message ?? error}
        </p>
      )}
      <ul className={stale ? 'opacity-60' : ''} data-testid="advisor-list">
        {shown.map((s) => (
          <SuggestionCard
            key={s.id}
            s={s}
            options={optionsOf(s)}
            onOptions={(o) => setOptions((prev) => ({ ...prev, [s.kind]: o }))}
            similar={similar[s.id]}
            busy={busy || stale || loading}
            canApply
            onCompare={() => {
              // Opened now, while the click still counts as a user gesture (popup blockers), and
              // pointed at the compare view when the worker has the rewritten text.
              const tab = window.open('', '_blank');
              const original = source.text;
              void run([{ layer: s.layer, kind: s.kind, options: optionsOf(s) }], (text) => {
                const url = rewriteCompareUrl(original, text, s.layer, s.id, source.batch);
                if (tab) {
                  tab.opener = null;
                  tab.location.href = url;
                } else window.location.href = url;
              }).then((ok) => !ok && tab?.close());
            }}
            onApply={() =>
              void run([{ layer: s.layer, kind: s.kind, options: optionsOf(s) }], (text) => source.apply(text))
            }
            onApplyAll={(layers) =>
              void run(
                layers.map((l) => ({ layer: l, kind: s.kind, options: optionsOf(s) })),
                (text, applied) => {
                  source.apply(text);
                  setMessage(
                    `${s.kind} applied to ${applied.length} layers: ${applied.map((a) => a.layer).join(', ')}`,
                  );
                },
              )
            }
          />
        ))}
      </ul>
      {shown.length === 0 && (
        <p className="text-[11px] text-muted" data-testid="advisor-empty">
          No rewrite is cheaper here
          {hidden > 0 ? `; ${hidden} costlier one${hidden === 1 ? ' is' : 's are'} hidden` : ''}.
        </p>
      )}
      {advice.skipped.length > 0 && (
        <details className="mt-1 text-[11px]" data-testid="advisor-skipped">
          <summary className="cursor-pointer text-muted">does not apply ({advice.skipped.length})</summary>
          <ul className="list-disc pl-4">
            {advice.skipped.map((k) => (
              <li key={k.kind}>
                <span className="font-mono">{k.kind}</span>: {k.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Part>
  );
}
