'use client';
import { useMemo, type ReactNode } from 'react';
import type { AnalysisResult } from '@/lib/analysis';
import { explainLayer, type AlgorithmRow, type ExplainFigure, type LearnLink, type RFStep } from '@/lib/explain';
import { HelpTip } from '@/components/ui/HelpTip';
import { formatExact, formatSI } from '@/components/ui/format';
import { AdvisorPanel } from './AdvisorPanel';

/** A collapsible part of the explanation, styled like the inspector's sections. */
export function Part({
  title,
  children,
  testId,
  open = true,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  open?: boolean;
}) {
  return (
    <details open={open} className="border-t border-line px-3 py-2" data-testid={testId}>
      <summary className="mb-1 cursor-pointer select-none text-[11px] font-semibold uppercase tracking-wide text-muted">
        {title}
      </summary>
      {children}
    </details>
  );
}

function FigureFormula({ f }: { f: ExplainFigure }) {
  const differs = f.value !== f.analysisValue;
  const unit = f.unit === 'bytes' ? ' B' : f.unit === 'values' ? '' : ` ${f.unit}`;
  return (
    <li className="mb-1.5" data-testid={`explain-figure-${f.id}`}>
      <div className="flex items-center font-semibold">
        {f.label}
        <HelpTip text={f.help} label={f.label} />
      </div>
      <div className="break-words font-mono text-[11px] leading-snug">
        <span className="text-muted">{f.label} = </span>
        {f.formula}
        <br />
        <span className="text-muted">= </span>
        {f.substituted}
        <br />
        <span className="text-muted">= </span>
        <span className={differs ? 'text-danger' : 'font-semibold'} data-testid={`explain-value-${f.id}`}>
          {Number.isSafeInteger(f.value) ? '' : '≈'}
          {formatExact(f.value)}
          {unit}
        </span>
      </div>
    </li>
  );
}

function speedupText(r: AlgorithmRow): string {
  if (r.speedup === null) return '';
  if (Math.abs(r.speedup - 1) < 1e-9) return 'the same count as direct';
  return r.speedup > 1
    ? `${r.speedup.toFixed(2)}× fewer than direct`
    : `${(1 / r.speedup).toFixed(2)}× more than direct`;
}

function Algorithm({ r }: { r: AlgorithmRow }) {
  return (
    <li className={`mb-2 ${r.applies ? '' : 'text-muted'}`} data-testid={`explain-alg-${r.id}`}>
      <div className="flex items-baseline gap-1">
        <span className="font-semibold">{r.name}</span>
        {r.estimate && r.applies && <span className="rounded bg-warn/20 px-1 text-[10px] text-warn">estimate</span>}
        <HelpTip text={r.help} label={r.name} />
        {r.count !== null && (
          <span className="ml-auto tabular" title={`${formatExact(r.count)} ${r.unit}`}>
            {r.estimate ? '≈' : ''}
            {formatSI(r.count)} {r.unit === 'multiplications' ? 'mults' : r.unit}
          </span>
        )}
      </div>
      {r.applies && r.speedup !== null && r.id !== 'direct' && (
        <div className="text-right text-[11px] text-muted" data-testid={`explain-ratio-${r.id}`}>
          {speedupText(r)}
        </div>
      )}
      {r.detail.length > 0 && (
        <ul className="mt-0.5 list-disc pl-4 text-[11px] text-muted">
          {r.detail.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      <div className="text-[11px] leading-snug" data-testid={`explain-why-${r.id}`}>
        {r.why}
      </div>
    </li>
  );
}

function RFAxisView({ s }: { s: RFStep }) {
  return (
    <div className="mb-2" data-testid={`explain-rf-${s.axis}`}>
      <div className="font-semibold">
        axis {s.axis}: {s.before.size} → {s.after.size} pixels
      </div>
      <div
        className="overflow-x-auto whitespace-pre font-mono text-[12px] leading-tight text-accent"
        title="One cell per input pixel of this layer's receptive field; ● marks the centre of each kernel tap (each tap sees the field of the layer before)."
        data-testid={`explain-rf-picture-${s.axis}`}
      >
        {s.picture}
      </div>
      {s.scale > 1 && <div className="text-[10px] text-muted">1 cell = {s.scale} input pixels</div>}
      <ul className="font-mono text-[11px] leading-snug">
        {s.lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

/** A worked example opens in a new tab, so the model being edited stays where it is. */
export function LearnAnchor({ link }: { link: LearnLink }) {
  return (
    <a
      href={`/${link.href}`}
      target="_blank"
      rel="noopener"
      className="text-accent hover:underline"
      title={`Opens the preset "${link.presetId}" with ${link.layer} selected, in a new tab`}
      data-testid={`learn-${link.topic}`}
    >
      {link.title} ↗
    </a>
  );
}

/** Layer types the advisor rewrites (Caffe Convolution, Keras Conv2D); it says why for the rest. */
const REWRITABLE = new Set(['Convolution', 'Conv2D']);

const RF_HELP =
  'The receptive field is the patch of the network input that one output value depends on. Size: its width in input pixels; jump: how far apart (in input pixels) neighbouring outputs of this layer are; start: where the first output’s field is centred. A k-tap kernel adds (k_eff − 1)·jump to the size; a stride multiplies the jump.';

/**
 * The inspector's explanation of a dot-product layer, for a student: the cost formulas with the
 * layer's own numbers, each way of computing it with its ratio to the direct method, how it grows
 * the receptive field, the worked examples it comes from, and the advisor's cheaper designs.
 * Renders nothing for other layers.
 */
export function ExplainPanel({ analysis, layer }: { analysis: AnalysisResult; layer: string }) {
  const e = useMemo(() => explainLayer(analysis, layer), [analysis, layer]);
  if (!e) return null;
  return (
    <div data-testid="explain-panel">
      <Part title="Explain: where the cost comes from" testId="explain-cost">
        <div className="mb-1 font-semibold" data-testid="explain-title">
          {e.title}
        </div>
        <p className="mb-2 leading-snug text-muted" data-testid="explain-intro">
          {e.intro}
        </p>
        <ul>
          {e.figures.map((f) => (
            <FigureFormula key={f.id} f={f} />
          ))}
        </ul>
        {e.notes.length > 0 && (
          <ul className="mt-1 text-[11px] text-warn" data-testid="explain-notes">
            {e.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
      </Part>
      {e.algorithms && (
        <Part title="How it is computed (per image)" testId="explain-algorithms">
          <ul>
            {e.algorithms.map((r) => (
              <Algorithm key={r.id} r={r} />
            ))}
          </ul>
        </Part>
      )}
      {e.rf && (
        <Part title="Receptive field growth" testId="explain-rf">
          <div className="mb-1 flex items-center text-[11px] text-muted">
            this layer, per axis
            <HelpTip text={RF_HELP} label="receptive field" />
          </div>
          {e.rf.map((s) => (
            <RFAxisView key={s.axis} s={s} />
          ))}
        </Part>
      )}
      <Part title="Worked examples" testId="explain-learn">
        <ul className="list-disc pl-4">
          {e.learn.map((l) => (
            <li key={`${l.topic}`}>
              <LearnAnchor link={l} />
            </li>
          ))}
        </ul>
      </Part>
      {/* Only convolutions get rewrites: no advisor request (a re-analysis in its worker) for other layers. */}
      {REWRITABLE.has(analysis.layers.find((l) => l.name === layer)?.type ?? '') && <AdvisorPanel layer={layer} />}
    </div>
  );
}
