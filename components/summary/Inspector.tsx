'use client';
import type { ReactNode } from 'react';
import type { AnalysisResult, LayerResult } from '@/lib/analysis';
import type { AttrValue } from '@/lib/ir';
import { getOp } from '@/lib/ops';
import { Figure } from '@/components/ui/Figure';
import { isApprox } from '@/lib/analysis/figures';
import { HelpTip } from '@/components/ui/HelpTip';
import { formatPercent, formatShape } from '@/components/ui/format';
import { FIGURE_HELP } from './figure-help';
import { ExplainPanel } from '@/components/explain/ExplainPanel';

/** Props of the layer inspector. */
export interface InspectorProps {
  analysis: AnalysisResult | null;
  selected: string | null;
  onSelect(name: string): void;
  onClose?(): void;
}

function Row({ label, children, help }: { label: string; children: ReactNode; help?: string }) {
  return (
    <>
      <dt className="flex items-center text-muted">
        {label}
        {help && <HelpTip text={help} label={label} />}
      </dt>
      <dd className="min-w-0 break-words text-right tabular">{children}</dd>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-line px-3 py-2">
      <h4 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-muted">{title}</h4>
      {children}
    </section>
  );
}

function AttrTree({ value, depth = 0 }: { value: AttrValue; depth?: number }): ReactNode {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object')) return <span>[{value.map(String).join(', ')}]</span>;
    return (
      <div>
        {value.map((v, i) => (
          <div key={i} className="pl-2">
            <AttrTree value={v} depth={depth + 1} />
          </div>
        ))}
      </div>
    );
  }
  if (typeof value === 'object') {
    return (
      <div className={depth ? 'pl-3' : ''}>
        {Object.entries(value).map(([k, v]) => (
          <div key={k}>
            <span className="text-muted">{k}: </span>
            {typeof v === 'object' ? <AttrTree value={v} depth={depth + 1} /> : <span>{String(v)}</span>}
          </div>
        ))}
      </div>
    );
  }
  return <span>{String(value)}</span>;
}

/** Every figure of the selected layer: shapes, costs, memory, receptive field, algorithms, attributes. */
export function Inspector({ analysis, selected, onSelect, onClose }: InspectorProps) {
  const layer: LayerResult | undefined = selected ? analysis?.layers.find((l) => l.name === selected) : undefined;
  if (!analysis || !layer) {
    return (
      <div className="p-3 text-xs text-muted">Select a layer in the graph, the table or the editor to inspect it.</div>
    );
  }
  const node = analysis.graph.nodes[layer.index];
  const op = getOp(layer.type, analysis.graph.format);
  const blobName = (id: string) => analysis.graph.blobs.get(id)?.name ?? id;
  const producerOf = (id: string) => {
    const p = analysis.graph.blobs.get(id)?.producer;
    return p === null || p === undefined ? null : (analysis.graph.nodes[p]?.name ?? null);
  };
  return (
    <div className="h-full overflow-y-auto text-xs" data-testid="inspector">
      <div className="flex items-start gap-2 px-3 py-2">
        <div className="min-w-0 flex-1">
          <div className="truncate font-mono text-sm font-semibold" title={layer.name} data-testid="inspector-name">
            {layer.name}
          </div>
          <div className="text-muted">
            {layer.type}
            {node && node.sourceType !== layer.type ? ` (${node.sourceType})` : ''} · {layer.category}
            {layer.status !== 'ok' && <span className="ml-1 text-danger">· {layer.status}</span>}
          </div>
        </div>
        {onClose && (
          <button onClick={onClose} className="text-muted hover:text-fg" aria-label="Close inspector">
            ×
          </button>
        )}
      </div>
      {op && (
        <p className="px-3 pb-2 text-muted" title={op.formula}>
          {op.doc}
        </p>
      )}
      {layer.diagnostics.length > 0 && (
        <ul className="mx-3 mb-2 rounded border border-danger/40 p-1.5 text-danger">
          {layer.diagnostics.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      <Section title="Shapes">
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
          {layer.bottoms.map((b, i) => {
            const from = producerOf(b);
            return (
              <Row key={`in${i}`} label={`in ${blobName(b)}`}>
                <span className="font-mono">{formatShape(layer.inputShapes[i])}</span>
                {from && (
                  <button
                    className="ml-1 text-accent hover:underline"
                    onClick={() => onSelect(from)}
                    title={`Go to ${from}`}
                  >
                    ←
                  </button>
                )}
              </Row>
            );
          })}
          {layer.tops.map((t, i) => (
            <Row key={`out${i}`} label={`out ${blobName(t)}${node?.inPlace[i] ? ' (in place)' : ''}`}>
              <span className="font-mono">{formatShape(layer.outputs[i])}</span>
            </Row>
          ))}
        </dl>
      </Section>
      <Section title="Cost">
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
          <Row label="Params" help={FIGURE_HELP.params}>
            <Figure value={layer.params} approx={isApprox(layer, 'params')} />
          </Row>
          <Row label="Buffers" help={FIGURE_HELP.buffers}>
            <Figure value={layer.buffers} approx={isApprox(layer, 'buffers')} />
          </Row>
          <Row label="MACs" help={FIGURE_HELP.macs}>
            <span data-testid="inspector-macs">
              <Figure value={layer.macs} approx={isApprox(layer, 'macs')} />
            </span>{' '}
            <span className="text-muted">({formatPercent(layer.macs, analysis.totals.macs)})</span>
          </Row>
          <Row label="FLOPs" help={FIGURE_HELP.flops}>
            <Figure value={layer.flops} approx={isApprox(layer, 'flops')} />
          </Row>
          <Row label="Activations" help={FIGURE_HELP.activation}>
            <Figure value={layer.activationBytes} bytes approx={isApprox(layer, 'activationBytes')} />
          </Row>
          <Row label="Weights" help={FIGURE_HELP.weights}>
            <Figure value={layer.weightBytes} bytes approx={isApprox(layer, 'weightBytes')} />
          </Row>
          <Row label="Intensity" help={FIGURE_HELP.intensity}>
            {layer.arithmeticIntensity === null ? '—' : `${layer.arithmeticIntensity.toFixed(2)} FLOP/B`}
          </Row>
        </dl>
      </Section>
      {layer.receptiveField && (
        <Section title="Receptive field">
          <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
            {layer.receptiveField.map((rf, i) => (
              <Row key={i} label={`axis ${i + 1}`} help={i === 0 ? FIGURE_HELP.rf : undefined}>
                size {rf.size} · jump {rf.jump} · start {rf.start}
              </Row>
            ))}
          </dl>
        </Section>
      )}
      <ExplainPanel analysis={analysis} layer={layer.name} />
      {node && Object.keys(node.attrs).length > 0 && (
        <Section title="Attributes">
          <div className="font-mono text-[11px] leading-snug">
            <AttrTree value={node.attrs} />
          </div>
        </Section>
      )}
    </div>
  );
}
