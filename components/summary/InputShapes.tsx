'use client';
import { useEffect, useState } from 'react';
import type { AnalysisResult } from '@/lib/analysis';
import type { Shape } from '@/lib/ir';
import { formatShape } from '@/components/ui/format';
import { parseShape } from './breakdown';

/** Props of the input-shape controls. */
export interface InputShapesProps {
  analysis: AnalysisResult;
  overrides: Readonly<Record<string, Shape>>;
  onOverride(name: string, shape: Shape | null): void;
}

/**
 * One shape field per graph input and data layer, prefilled from the file. A train/test `Data`
 * layer declares no shape: the field is then empty, marked, and explains what to enter.
 */
export function InputShapes({ analysis, overrides, onOverride }: InputShapesProps) {
  const inputs = analysis.graph.inputs;
  if (inputs.length === 0) return null;
  return (
    <section className="mt-4" data-testid="input-shapes">
      <h3 className="mb-1 font-medium">Input shapes</h3>
      <div className="flex flex-col gap-1">
        {inputs.map((inp) => {
          const used = analysis.inputs.find((i) => i.blob === inp.blob)?.shape ?? null;
          return (
            <InputRow
              key={inp.blob}
              name={inp.name}
              source={inp.source}
              declared={inp.shape}
              used={used}
              overridden={overrides[inp.name] !== undefined}
              onCommit={(s) => onOverride(inp.name, s)}
            />
          );
        })}
      </div>
    </section>
  );
}

function InputRow(props: {
  name: string;
  source: string;
  declared: Shape | null;
  used: Shape | null;
  overridden: boolean;
  onCommit(shape: Shape | null): void;
}) {
  const { name, source, declared, used, overridden, onCommit } = props;
  const shown = used ? formatShape(used) : '';
  const [draft, setDraft] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setDraft(shown);
    setBad(false);
  }, [shown]);
  const missing = !declared && !overridden;
  const commit = () => {
    if (draft.trim() === shown) return;
    if (!draft.trim()) {
      onCommit(null);
      return;
    }
    const s = parseShape(draft);
    setBad(!s);
    if (s) onCommit(s);
  };
  return (
    <div className="flex items-center gap-2" data-testid="input-shape-row" data-input={name}>
      <span className="w-32 truncate font-mono" title={name}>
        {name}
      </span>
      <span className="w-20 text-muted">{source}</span>
      <input
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        placeholder="N×C×H×W, e.g. 1×3×224×224"
        aria-label={`Shape of input ${name}`}
        aria-invalid={bad || missing}
        data-testid="input-shape"
        className={`h-6 w-48 rounded border bg-canvas px-2 font-mono tabular outline-none focus:border-accent ${
          bad || missing ? 'border-danger' : 'border-line'
        }`}
      />
      {overridden && (
        <button className="text-accent hover:underline" onClick={() => onCommit(null)}>
          reset to file
        </button>
      )}
      {missing && (
        <span className="text-danger" data-testid="input-shape-missing">
          The file declares no shape for “{name}” ({source} layer): enter one to get shapes and costs.
        </span>
      )}
      {bad && <span className="text-danger">Use positive integers, e.g. 1×3×224×224.</span>}
    </div>
  );
}
