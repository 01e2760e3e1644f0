'use client';
import { useEffect, useState } from 'react';
import type { DimBinding } from '@/lib/analysis/symbolic-dims';

/** Props of the symbolic-dimension bar. */
export interface DimsBarProps {
  dims: readonly DimBinding[];
  /** Sets (or, with null, clears) the value of a symbolic dimension. */
  onDim(name: string, value: number | null): void;
  /** A leading dimension is the analysis batch: editing it sets the batch. */
  onBatch(value: number): void;
}

function DimField({ d, onDim, onBatch }: { d: DimBinding } & Omit<DimsBarProps, 'dims'>) {
  const shown = d.value === null ? '' : String(d.value);
  const [text, setText] = useState(shown);
  // The value can also change from outside (the batch control): follow it unless mid-edit.
  useEffect(() => setText(shown), [shown]);
  const commit = (v: string) => {
    setText(v);
    const n = Number(v);
    const ok = v.trim() !== '' && Number.isInteger(n) && n > 0 && n <= 1e9;
    if (d.source === 'batch') {
      if (ok) onBatch(n);
    } else onDim(d.name, ok ? n : null);
  };
  const unset = d.source === 'unset';
  return (
    <label
      className="flex items-center gap-1"
      data-testid={`dim-${d.name}`}
      title={d.source === 'batch' ? 'A leading dimension: the analysis batch' : undefined}
    >
      <span className="font-mono">{d.name}</span>=
      <input
        className={`h-6 w-16 rounded border bg-surface px-1 text-xs text-fg focus:outline-none ${unset ? 'border-danger' : 'border-line focus:border-accent'}`}
        inputMode="numeric"
        value={text}
        placeholder="value"
        aria-label={`value of dimension ${d.name}`}
        onChange={(e) => commit(e.target.value)}
      />
      {d.source === 'batch' && <span className="text-muted">(batch)</span>}
    </label>
  );
}

/**
 * The model's symbolic input dimensions (ONNX `dim_param`) with a value field each; costs update
 * as the user types. An unset dimension is named in red: every shape that depends on it is unknown.
 */
export function DimsBar({ dims, onDim, onBatch }: DimsBarProps) {
  const unset = dims.filter((d) => d.source === 'unset').map((d) => d.name);
  return (
    <div
      className="flex flex-wrap items-center gap-3 border-b border-line bg-surface px-3 py-1 text-xs"
      data-testid="dims-bar"
    >
      <span className="text-muted" title="Symbolic input dimensions of the model (ONNX dim_param)">
        Dimensions
      </span>
      {dims.map((d) => (
        <DimField key={d.name} d={d} onDim={onDim} onBatch={onBatch} />
      ))}
      {unset.length > 0 && (
        <span className="text-danger" data-testid="dims-unset">
          {unset.join(', ')} {unset.length > 1 ? 'have' : 'has'} no value: shapes that depend on{' '}
          {unset.length > 1 ? 'them' : 'it'} are unknown
        </span>
      )}
    </div>
  );
}
