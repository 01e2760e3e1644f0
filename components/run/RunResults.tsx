'use client';
import type { AnalysisResult } from '@/lib/analysis';
import type { EngineResult } from '@/lib/exec/engine';
import { formatSI } from '@/components/ui/format';
import { RooflineChart } from './RooflineChart';
import { measuredRows } from './run-view';

function ms(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

/** Results of one run: latency, shape check, per-layer measured time and the roofline scatter. */
export function RunResults({
  analysis,
  result,
  threads,
  threadNote,
}: {
  analysis: AnalysisResult;
  result: EngineResult;
  threads: number | null;
  threadNote: string | null;
}) {
  const rows = measuredRows(analysis, result);
  const mismatches = result.shapeChecks.filter((c) => !c.ok);
  const layerSum = rows.reduce((a, r) => a + r.ms, 0);
  return (
    <div
      className="flex flex-col gap-2"
      data-testid="run-results"
      data-backend={result.backend}
      data-mode={result.mode}
    >
      <div className="flex flex-wrap gap-4">
        <span>
          median latency <b data-testid="run-total-ms">{ms(result.medianMs)}</b> ms over {result.runMs.length} runs
        </span>
        <span className="text-muted" data-testid="run-warmup-done">
          after {result.warmupRuns} warm-up run{result.warmupRuns === 1 ? '' : 's'} ({ms(result.warmupMs)} ms)
        </span>
        {result.perLayerMs && <span>sum of layers {ms(layerSum)} ms</span>}
        <span className="text-muted">
          session {ms(result.sessionMs)} ms · model {formatSI(result.modelBytes, 'B')}
        </span>
        <span className="text-muted">
          {result.backend === 'wasm' ? `WASM, ${threads ?? 1} thread${threads === 1 ? '' : 's'}` : 'WebGPU'} ·{' '}
          {result.mode}
        </span>
        {threadNote && (
          <span className="text-amber-600" data-testid="run-thread-note">
            {threadNote}
          </span>
        )}
      </div>
      <div data-testid="run-shape-check" data-ok={mismatches.length === 0 ? 'true' : 'false'}>
        {mismatches.length === 0 ? (
          <span className="text-green-700">
            shape check: all {result.shapeChecks.length} engine output shapes equal the analyser&apos;s
          </span>
        ) : (
          <ul className="text-red-600">
            {mismatches.map((m) => (
              <li key={m.tensor}>
                {m.layer}: engine {m.actual?.join('×') ?? 'nothing'} vs predicted {m.expected.join('×')} ({m.tensor})
              </li>
            ))}
          </ul>
        )}
      </div>
      {result.notes.map((n) => (
        <p key={n} className="text-muted">
          {n}
        </p>
      ))}
      {rows.length > 0 && (
        <div className="flex flex-wrap items-start gap-4">
          <table className="border-collapse" data-testid="run-layer-table">
            <thead>
              <tr className="text-left text-muted">
                <th className="pr-3">layer</th>
                <th className="pr-3">type</th>
                <th className="pr-3 text-right">ms</th>
                <th className="pr-3 text-right">share</th>
                <th className="pr-3 text-right">FLOPs</th>
                <th className="pr-3 text-right">GFLOP/s</th>
                <th className="text-right">FLOPs/B</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.layer} data-testid="run-layer-row" data-layer={r.layer} data-ms={r.ms}>
                  <td className="pr-3">{r.layer}</td>
                  <td className="pr-3 text-muted">{r.type}</td>
                  <td className="pr-3 text-right tabular-nums">{ms(r.ms)}</td>
                  <td className="pr-3 text-right tabular-nums">{(r.share * 100).toFixed(1)}%</td>
                  <td className="pr-3 text-right tabular-nums">{formatSI(r.flops)}</td>
                  <td className="pr-3 text-right tabular-nums">{r.gflops === null ? '—' : r.gflops.toFixed(2)}</td>
                  <td className="text-right tabular-nums">{r.intensity === null ? '—' : r.intensity.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <RooflineChart rows={rows} />
        </div>
      )}
    </div>
  );
}
