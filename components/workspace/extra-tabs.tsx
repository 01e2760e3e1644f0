'use client';
import type { AnalysisResult } from '@/lib/analysis';
import type { Diagnostic } from '@/lib/ir';
import { RunPanel } from './lazy-panels';
import type { TabDef } from '@/components/ui/Tabs';
import type { BinaryModel } from '@/lib/worker/protocol';

/** Inputs of the feature tabs that other areas contribute (run panel). */
export interface ExtraTabsProps {
  text: string;
  analysis: AnalysisResult | null;
  onMeasured(msByLayer: Record<string, number> | null): void;
  onDiagnostics(diagnostics: Diagnostic[]): void;
  /** An opened ONNX model (runs with its own weights) and its symbolic dimension values. */
  binary?: BinaryModel | null;
  dims?: Readonly<Record<string, number>>;
  /** The layer selected in the graph or table (the Run tab's default "layers feeding…" target). */
  selected?: string | null;
}

/** Tabs contributed by other feature areas. RunPanel keeps its state in a store, so switching tabs loses nothing. */
export function ExtraTabs(props: ExtraTabsProps): TabDef[] {
  return [
    {
      id: 'run',
      label: 'Run',
      content: (
        <RunPanel
          text={props.text}
          analysis={props.analysis}
          onMeasured={props.onMeasured}
          onDiagnostics={props.onDiagnostics}
          binary={props.binary ?? null}
          {...(props.dims ? { dims: props.dims } : {})}
          selected={props.selected ?? null}
        />
      ),
    },
  ];
}
