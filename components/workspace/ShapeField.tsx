'use client';
import { useEffect, useState } from 'react';
import type { Shape } from '@/lib/ir';
import { formatShape } from '@/components/ui/format';
import { parseShape } from '@/components/summary/breakdown';

/** Props of the inline shape field. */
export interface ShapeFieldProps {
  /** Input name (the override key). */
  name: string;
  /** The shape set now (override or file), or null. */
  value: Shape | null;
  onCommit(shape: Shape | null): void;
  /** Narrow variant for a table cell. */
  compact?: boolean;
  testId?: string;
}

/**
 * One input's shape, typed as `1×3×224×224` (x, ×, commas or spaces), committed on Enter or
 * blur; an invalid entry is marked and explained, never applied. Used by the input bar above
 * the graph, the input's table row and the Summary tab, so the three always agree.
 */
export function ShapeField({ name, value, onCommit, compact = false, testId = 'shape-field' }: ShapeFieldProps) {
  const shown = value ? formatShape(value) : '';
  const [draft, setDraft] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setDraft(shown);
    setBad(false);
  }, [shown]);
  const commit = () => {
    const t = draft.trim();
    if (t === shown) return;
    if (!t) {
      onCommit(null);
      return;
    }
    const s = parseShape(t);
    setBad(!s);
    if (s) onCommit(s);
  };
  return (
    <span className="inline-flex min-w-0 items-center gap-1">
      <input
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape') {
            setDraft(shown);
            setBad(false);
          }
        }}
        onClick={(e) => e.stopPropagation()}
        placeholder={compact ? 'N×C×H×W' : 'N×C×H×W, e.g. 1×3×224×224'}
        aria-label={`Shape of input ${name}`}
        aria-invalid={bad || !value}
        title={
          bad
            ? 'Use positive integers separated by ×, x or commas, e.g. 1×3×224×224'
            : `Shape of input ${name}, batch first`
        }
        data-testid={testId}
        data-input={name}
        className={`${compact ? 'h-[18px] w-full px-1 text-[11px]' : 'h-6 w-56 px-2'} min-w-0 rounded border bg-canvas font-mono tabular outline-none focus:border-accent ${
          bad || !value ? 'border-danger' : 'border-line'
        }`}
      />
      {bad && !compact && (
        <span className="whitespace-nowrap text-danger" data-testid="shape-field-bad">
          Use positive integers, e.g. 1×3×224×224.
        </span>
      )}
    </span>
  );
}
