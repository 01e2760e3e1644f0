'use client';
import type { AnalysisResult } from '@/lib/analysis';
import type { LowerResult, Refusal, RunScope } from '@/lib/exec/lower/types';

/** The scope kinds the picker offers. */
export type ScopeKind = RunScope['kind'];

function RefusalList({ items, testId }: { items: readonly Refusal[]; testId: string }) {
  return (
    <ul className="ml-4 list-disc" data-testid={testId}>
      {items.map((r) => (
        <li key={`${r.layer}:${r.type}`} data-layer={r.layer}>
          <b>{r.layer}</b> ({r.type}): {r.reason}
        </li>
      ))}
    </ul>
  );
}

/**
 * Which part of the model runs: the whole model, the supported part (every layer up to the
 * first one on its path that cannot be lowered) or the layers feeding a chosen layer; and what
 * that leaves out, named with the reason.
 */
export function ScopePicker(props: {
  analysis: AnalysisResult;
  kind: ScopeKind;
  layer: string | null;
  lowered: LowerResult;
  /** The supported part, when the whole model cannot run (to offer it with its size). */
  supported: LowerResult | null;
  disabled: boolean;
  onKind(kind: ScopeKind): void;
  onLayer(layer: string): void;
}) {
  const { analysis, kind, lowered, supported } = props;
  const total = analysis.layers.length;
  const supportedCount = supported?.ok ? supported.model.layers.length : null;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1">
          <span className="text-muted">run</span>
          <select
            value={kind}
            disabled={props.disabled}
            onChange={(e) => props.onKind(e.target.value as ScopeKind)}
            data-testid="run-scope"
            className="rounded border border-line bg-transparent"
          >
            <option value="all">the whole model</option>
            {(supported || kind === 'supported') && (
              <option value="supported">
                the supported part{supportedCount !== null ? ` (${supportedCount} of ${total} layers)` : ''}
              </option>
            )}
            <option value="feeding">the layers feeding…</option>
          </select>
        </label>
        {kind === 'feeding' && (
          <select
            value={props.layer ?? ''}
            disabled={props.disabled}
            onChange={(e) => props.onLayer(e.target.value)}
            data-testid="run-scope-layer"
            aria-label="the layer whose inputs are run"
            className="max-w-64 rounded border border-line bg-transparent"
          >
            {analysis.layers.map((l) => (
              <option key={l.index} value={l.name}>
                {l.name} ({l.type})
              </option>
            ))}
          </select>
        )}
      </div>

      {!lowered.ok && (
        <div className="rounded border border-red-400 p-2" data-testid="run-refused-upfront">
          <p className="font-medium text-red-600">
            {kind === 'all'
              ? 'These layers cannot be run, so the whole model cannot:'
              : kind === 'feeding'
                ? `The layers feeding ${props.layer ?? 'this layer'} cannot all be run:`
                : 'Nothing can be run:'}
          </p>
          <RefusalList items={lowered.refused} testId="run-refused-list" />
          {kind === 'all' && supportedCount !== null && (
            <button
              className="mt-1 rounded border border-line px-2 py-0.5"
              onClick={() => props.onKind('supported')}
              disabled={props.disabled}
              data-testid="run-use-supported"
            >
              Run the supported part instead: {supportedCount} of {total} layers, each up to the first layer on its path
              that cannot run
            </button>
          )}
        </div>
      )}

      {lowered.ok && kind !== 'all' && (
        <div className="rounded border border-line p-2" data-testid="run-partial">
          <p>
            Partial run: <b data-testid="run-partial-count">{lowered.model.layers.length}</b> of {total} layers
            {kind === 'supported'
              ? ', each up to the first layer on its path that cannot run'
              : `, the ones ${props.layer} needs`}
            ; the outputs checked are {lowered.model.outputs.map((o) => o.name).join(', ')}.
          </p>
          {lowered.model.excluded.length > 0 && (
            <details open={lowered.model.excluded.length <= 12}>
              <summary className="cursor-pointer">Not run: {lowered.model.excluded.length} layers</summary>
              <RefusalList items={lowered.model.excluded} testId="run-excluded" />
            </details>
          )}
        </div>
      )}
    </div>
  );
}
