'use client';
import type { Shape } from '@/lib/ir';
import type { InputNeed, ShapeSuggestion } from '@/lib/workspace/input-suggestions';
import { formatShape } from '@/components/ui/format';
import { ShapeField } from './ShapeField';

/** Props of the input bar. */
export interface InputBannerProps {
  /** Inputs the file declares no shape for (from the analysis worker). */
  needs: readonly InputNeed[];
  overrides: Readonly<Record<string, Shape>>;
  onOverride(name: string, shape: Shape | null): void;
}

function SuggestionButton({ s, onPick }: { s: ShapeSuggestion; onPick(): void }) {
  const why = s.reasons.join('; ');
  return (
    <button
      type="button"
      onClick={onPick}
      className="rounded border border-line bg-surface px-1.5 py-0.5 font-mono text-[11px] hover:border-accent"
      title={`A guess from ${why}. Click to use it.`}
      data-testid="shape-suggestion"
      data-shape={formatShape(s.shape)}
    >
      {formatShape(s.shape)}
      <span className="ml-1 font-sans text-muted">
        guess:{' '}
        {s.from === 'dataset' ? why.replace(/ \(source "([^"]*)"\)/g, (_m, p: string) => ` (${shortPath(p)})`) : why}
      </span>
    </button>
  );
}

/** The last two parts of a path: enough to recognise `mnist/mnist_test_lmdb`. */
function shortPath(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : p;
}

/**
 * The bar above the graph and table that names each input the file gives no shape for, with an
 * inline shape field and the suggested shapes (each a labelled guess the user must pick). An
 * input disappears from the bar once the user has set its shape; the bar goes when none is left.
 */
export function InputBanner({ needs, overrides, onOverride }: InputBannerProps) {
  const open = needs.filter((n) => overrides[n.name] === undefined);
  if (open.length === 0) return null;
  return (
    <div
      className="shrink-0 border-b border-line bg-surface px-3 py-1.5 text-xs"
      role="region"
      aria-label="Input shapes"
      data-testid="input-banner"
    >
      {open.map((n) => (
        <div
          key={n.name}
          className="flex flex-wrap items-center gap-x-2 gap-y-1"
          data-testid="input-need"
          data-input={n.name}
        >
          <span className="text-warn">
            No shape for input <b className="font-mono">{n.name}</b>
            {n.layer ? ` (${n.kind} layer “${n.layer}”)` : ''}: shapes and costs below are unknown until you enter one.
          </span>
          <ShapeField name={n.name} value={null} onCommit={(s) => onOverride(n.name, s)} testId="banner-shape" />
          {n.suggestions.map((s) => (
            <SuggestionButton key={formatShape(s.shape)} s={s} onPick={() => onOverride(n.name, s.shape)} />
          ))}
        </div>
      ))}
    </div>
  );
}
