'use client';
import type { AnalysisResult } from '@/lib/analysis';
import type { EngineResult } from '@/lib/exec/engine';
import type { LayerFlag } from '@/lib/exec/outliers';
import { formatSI } from '@/components/ui/format';
import { RooflineChart } from './RooflineChart';
import { RunTimeline } from './RunTimeline';
import { formatMs as ms, measuredRows, spreadText, warmupText, type MeasuredRow } from './run-view';

function FlagMark({ flag }: { flag: LayerFlag }) {
  const slow = flag.kind === 'slow-for-type';
  return (
    <span
      className={`mr-1 rounded px-1 ${slow ? 'bg-red-100 text-red-700 dark:bg-red-900/40 dark:text-red-300' : 'bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300'}`}
      title={flag.message}
      data-testid="run-flag-mark"
      data-kind={flag.kind}
    >
      {slow ? `slow ×${flag.ratio >= 10 ? flag.ratio.toFixed(0) : flag.ratio.toFixed(1)}` : 'unsteady'}
    </span>
  );
}

/** Every flagged layer with the sentence that says why: the table's marks only hint at it. */
function FlagList({ rows }: { rows: readonly MeasuredRow[] }) {
  const slow = rows.filter((r) => r.flags.some((f) => f.kind === 'slow-for-type'));
  const unsteady = rows.filter((r) => r.flags.some((f) => f.kind === 'unsteady'));
  if (slow.length === 0 && unsteady.length === 0) return null;
  const item = (r: MeasuredRow, kind: LayerFlag['kind']) => (
    <li key={`${r.layer}:${kind}`} data-testid="run-flag" data-layer={r.layer} data-kind={kind}>
      <b>{r.layer}</b> ({r.type}): {r.flags.find((f) => f.kind === kind)!.message}
    </li>
  );
  return (
    <div data-testid="run-flags" className="flex flex-col gap-1">
      {slow.length > 0 && (
        <div>
          <p className="font-medium text-red-700">
            Slow for their type: {slow.length} layer{slow.length === 1 ? '' : 's'} took at least 3× the time per unit of
            work of comparable layers in this run (same type; work and FLOPs/B within 4×)
          </p>
          <ul className="ml-4 list-disc">{slow.map((r) => item(r, 'slow-for-type'))}</ul>
        </div>
      )}
      {unsteady.length > 0 && (
        <details>
          <summary className="cursor-pointer text-amber-800">
            Unsteady: {unsteady.length} layer{unsteady.length === 1 ? '' : 's'} whose runs disagree (the slower quarter
            of runs took 2× the faster quarter or more)
          </summary>
          <ul className="ml-4 list-disc">{unsteady.map((r) => item(r, 'unsteady'))}</ul>
        </details>
      )}
    </div>
  );
}

/** Results of one run: latency with its spread, warm-up, shape check, per-layer times with outliers, roofline. */
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
  const s = result.runStats;
  return (
    <div
      className="flex flex-col gap-2"
      data-testid="run-results"
      data-backend={result.backend}
      data-mode={result.mode}
    >
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        <span>
          median latency <b data-testid="run-total-ms">{ms(result.medianMs)}</b> ms,{' '}
          <span
            data-testid="run-total-spread"
            title="p10–p90: the range once the fastest and slowest tenth of runs are dropped"
          >
            {spreadText(s)} ms
          </span>{' '}
          over {result.runMs.length} run{result.runMs.length === 1 ? '' : 's'}
        </span>
        <span
          className={result.warmup.stop === 'max-time' ? 'text-amber-700' : 'text-muted'}
          data-testid="run-warmup-done"
          data-stop={result.warmup.stop}
        >
          {warmupText(result)}
        </span>
        {result.perLayerMs && <span>sum of layer medians {ms(layerSum)} ms</span>}
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
      {result.slowRuns.length > 0 && (
        <p className="text-amber-700" data-testid="run-slow-runs">
          {result.slowRuns.length} of {result.runMs.length} runs {result.slowRuns.length === 1 ? 'was' : 'were'}{' '}
          interrupted:{' '}
          {result.slowRuns
            .map((r) => `run ${r.index + 1} took ${ms(r.ms)} ms (${r.ratio.toFixed(1)}× the median)`)
            .join(', ')}
          ; the median leaves {result.slowRuns.length === 1 ? 'it' : 'them'} aside
        </p>
      )}
      <RunTimeline result={result} />
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
      <FlagList rows={rows} />
      {rows.length > 0 && (
        <div className="flex flex-wrap items-start gap-4">
          <table className="border-collapse" data-testid="run-layer-table">
            <thead>
              <tr className="text-left text-muted">
                <th className="pr-3">layer</th>
                <th className="pr-3">type</th>
                <th className="pr-3 text-right" title="median over the timed runs">
                  ms
                </th>
                <th
                  className="pr-3 text-right"
                  title="p10–p90 with 10 runs or more (the fastest and slowest tenth dropped), min–max below"
                >
                  {(rows[0]?.stats.n ?? 0) >= 10 ? 'p10–p90' : 'min–max'}
                </th>
                <th className="pr-3 text-right">share</th>
                <th className="pr-3 text-right">FLOPs</th>
                <th className="pr-3 text-right">GFLOP/s</th>
                <th className="pr-3 text-right">FLOPs/B</th>
                <th className="text-left">flag</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.layer}
                  data-testid="run-layer-row"
                  data-layer={r.layer}
                  data-ms={r.ms}
                  data-flags={r.flags.map((f) => f.kind).join(' ')}
                  className={r.flags.some((f) => f.kind === 'slow-for-type') ? 'bg-red-50 dark:bg-red-950/30' : ''}
                >
                  <td className="pr-3">{r.layer}</td>
                  <td className="pr-3 text-muted">{r.type}</td>
                  <td className="pr-3 text-right tabular-nums">{ms(r.ms)}</td>
                  <td className="pr-3 text-right tabular-nums text-muted" data-testid="run-layer-spread">
                    {r.stats.n >= 10
                      ? `${ms(r.stats.p10)}–${ms(r.stats.p90)}`
                      : `${ms(r.stats.min)}–${ms(r.stats.max)}`}
                  </td>
                  <td className="pr-3 text-right tabular-nums">{(r.share * 100).toFixed(1)}%</td>
                  <td className="pr-3 text-right tabular-nums">{formatSI(r.flops)}</td>
                  <td className="pr-3 text-right tabular-nums">{r.gflops === null ? '—' : r.gflops.toFixed(2)}</td>
                  <td className="pr-3 text-right tabular-nums">
                    {r.intensity === null ? '—' : r.intensity.toFixed(1)}
                  </td>
                  <td className="whitespace-nowrap">
                    {r.flags.map((f) => (
                      <FlagMark key={f.kind} flag={f} />
                    ))}
                  </td>
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
