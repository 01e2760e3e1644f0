'use client';
import type { Diagnostic, SourceSpan } from '@/lib/ir';

/** Props of the problems list. */
export interface ProblemsListProps {
  diagnostics: readonly Diagnostic[];
  onJump(span: SourceSpan): void;
  /** Shown above the list when views display an older, readable text. */
  stale: boolean;
  failure: string | null;
}

const ICON = { error: '✕', warning: '!', info: 'i' } as const;

/** What broke, with line:col; clicking a positioned entry moves the editor cursor there. */
export function ProblemsList({ diagnostics, onJump, stale, failure }: ProblemsListProps) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (!failure && diagnostics.length === 0) return null;
  return (
    <div className="flex max-h-40 shrink-0 flex-col border-t border-line bg-surface text-xs" data-testid="problems">
      <div className="flex items-center gap-2 border-b border-line px-2 py-1 font-medium">
        <span className={errors ? 'text-danger' : 'text-muted'}>{errors} errors</span>
        <span className={warnings ? 'text-warn' : 'text-muted'}>{warnings} warnings</span>
        {stale && (
          <span className="ml-auto text-warn" data-testid="stale-note">
            Views show the last readable version: the text cannot be read
          </span>
        )}
      </div>
      <ul className="overflow-y-auto">
        {failure && (
          <li className="px-2 py-0.5 text-danger" data-testid="analysis-failure">
            {failure}
          </li>
        )}
        {diagnostics.slice(0, 500).map((d, i) => (
          <li key={i}>
            <button
              disabled={!d.span}
              onClick={() => d.span && onJump(d.span)}
              className="flex w-full items-baseline gap-2 px-2 py-0.5 text-left hover:bg-raised disabled:cursor-default"
              data-testid="problem"
            >
              <span
                className={
                  d.severity === 'error' ? 'text-danger' : d.severity === 'warning' ? 'text-warn' : 'text-muted'
                }
              >
                {ICON[d.severity]}
              </span>
              <span className="w-14 shrink-0 font-mono text-muted tabular" data-testid="problem-pos">
                {d.span ? `${d.span.line}:${d.span.column}` : '—'}
              </span>
              <span className="min-w-0 break-words" data-testid="problem-message">
                {d.message}
              </span>
            </button>
          </li>
        ))}
        {diagnostics.length > 500 && <li className="px-2 py-0.5 text-muted">…and {diagnostics.length - 500} more</li>}
      </ul>
    </div>
  );
}
