'use client';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AnalysisResult } from '@/lib/analysis';
import type { Diagnostic } from '@/lib/ir';
import { currentEnvironment, resolveBackends, wasmThreads, type BackendStatus } from '@/lib/exec/backends';
import type { BackendId, RunMode } from '@/lib/exec/engine';
import { lowerAnalysis } from '@/lib/exec/lower';
import type { RunScope } from '@/lib/exec/lower/types';
import { estimateRunMemory } from '@/lib/exec/memory-guard';
import { shapeMismatchMessages } from '@/lib/exec/shape-check';
import {
  DEFAULT_WARMUP_MAX_MS,
  DEFAULT_WARMUP_MS,
  DEFAULT_WARMUP_RUNS,
  type RunAnalyzeOptions,
} from '@/lib/exec/worker/protocol';
import { formatBytes, formatSI } from '@/components/ui/format';
import { runClient } from './run-client';
import { onnxRunModel } from '@/lib/exec/onnx-model';
import type { BinaryModel } from '@/lib/worker/protocol';
import { progressText, warmupRuleText } from './run-progress';
import { RunResults } from './RunResults';
import { ScopePicker, type ScopeKind } from './ScopePicker';

/** Props of the Run panel. */
export interface RunPanelProps {
  text: string;
  analysis: AnalysisResult | null;
  /** Measured ms per layer after a profile run (null when cleared), for the graph heat map. */
  onMeasured?: (msByLayer: Record<string, number> | null) => void;
  /** Shape mismatches between engine and analyser, as error diagnostics for the graph/editor. */
  onDiagnostics?: (diagnostics: Diagnostic[]) => void;
  /** An opened ONNX model: it runs as it is, with its own weights. */
  binary?: BinaryModel | null;
  /** Its symbolic dimension values. */
  dims?: Readonly<Record<string, number>>;
  /** The layer selected in the graph or table: the default for "the layers feeding…". */
  selected?: string | null;
}

function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(v: number): void;
  testId: string;
  disabled?: boolean;
  title?: string;
  /** Words after the field (its unit), inside the same label. */
  suffix?: string;
}) {
  return (
    <label className="flex items-center gap-1" title={props.title}>
      <span className="text-muted">{props.label}</span>
      <input
        type="number"
        className="w-14 rounded border border-line bg-transparent px-1"
        min={props.min}
        max={props.max}
        value={props.value}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(e) => props.onChange(Math.max(props.min, Math.min(props.max, Number(e.target.value) || props.min)))}
      />
      {props.suffix && <span className="text-muted">{props.suffix}</span>}
    </label>
  );
}

/** The analysis settings a run used, to tell whether its result still describes what is on screen. */
function analyzeOptions(analysis: AnalysisResult): RunAnalyzeOptions {
  const inputs: Record<string, number[]> = {};
  for (const i of analysis.inputs) if (i.shape) inputs[i.name] = [...i.shape];
  return { batch: analysis.batch, inputs };
}

/** Executes the model in the browser (onnxruntime-web, WASM or WebGPU) and shows measured cost beside predicted cost. */
export function RunPanel({ text, analysis, onMeasured, onDiagnostics, selected, binary, dims }: RunPanelProps) {
  const state = useSyncExternalStore(runClient.subscribe, runClient.getState, runClient.getState);
  const [backends, setBackends] = useState<BackendStatus[] | null>(null);
  const [backend, setBackend] = useState<BackendId>('wasm');
  const [mode, setMode] = useState<RunMode>('profile');
  const env = useMemo(() => (typeof window === 'undefined' ? null : currentEnvironment()), []);
  const threadInfo = env ? wasmThreads(env) : { max: 1, reason: undefined };
  const [threads, setThreads] = useState(() => threadInfo.max);
  const [warmup, setWarmup] = useState(DEFAULT_WARMUP_RUNS);
  const [warmupMs, setWarmupMs] = useState(DEFAULT_WARMUP_MS);
  const [warmupMaxS, setWarmupMaxS] = useState(DEFAULT_WARMUP_MAX_MS / 1000);
  const [runs, setRuns] = useState(10);
  const [seed, setSeed] = useState(1);
  const [scopeKind, setScopeKind] = useState<ScopeKind>('all');
  const [scopeLayer, setScopeLayer] = useState<string | null>(null);

  useEffect(() => {
    if (!env) return;
    let live = true;
    void resolveBackends(env).then((b) => live && setBackends(b));
    return () => {
      live = false;
    };
  }, [env]);

  // "The layers feeding…": the layer picked here, else the one selected in the workspace, else the last.
  const feedLayer =
    analysis && scopeKind === 'feeding'
      ? ([scopeLayer, selected, analysis.layers.at(-1)?.name].find(
          (n) => n && analysis.layers.some((l) => l.name === n),
        ) ?? null)
      : null;
  const scope: RunScope = useMemo(
    () =>
      scopeKind === 'feeding' && feedLayer
        ? { kind: 'feeding', layer: feedLayer }
        : scopeKind === 'supported'
          ? { kind: 'supported' }
          : { kind: 'all' },
    [scopeKind, feedLayer],
  );
  // An opened ONNX model runs as it is, whole (a partial run would mean editing its graph).
  const whole = !!binary && analysis?.graph.format === 'onnx';
  const lowered = useMemo(
    () => (analysis ? (whole ? onnxRunModel(analysis) : lowerAnalysis(analysis, scope)) : null),
    [analysis, scope, whole],
  );
  // Offered when the whole model cannot run; also kept while it is the chosen scope.
  const supported = useMemo(
    () =>
      analysis && lowered && !whole && (!lowered.ok || scope.kind === 'supported')
        ? scope.kind === 'supported'
          ? lowered
          : lowerAnalysis(analysis, { kind: 'supported' })
        : null,
    [analysis, lowered, scope, whole],
  );
  const memory = useMemo(
    () => (analysis ? estimateRunMemory(analysis, backend, mode) : null),
    [analysis, backend, mode],
  );
  const chosen = backends?.find((b) => b.id === backend);
  const result = state.result;
  // A result describes the text and analysis settings it ran with; once either changes it is
  // kept for reference but marked, never shown as current.
  const ran = state.request;
  const stale =
    !!ran &&
    !!analysis &&
    (ran.text !== text ||
      JSON.stringify(ran.analyze) !== JSON.stringify(analyzeOptions(analysis)) ||
      JSON.stringify(ran.dims ?? {}) !== JSON.stringify(dims ?? {}));

  // Callbacks through refs: a parent passing inline functions must not re-trigger the effects.
  const measuredRef = useRef(onMeasured);
  const diagnosticsRef = useRef(onDiagnostics);
  useEffect(() => {
    measuredRef.current = onMeasured;
    diagnosticsRef.current = onDiagnostics;
  });
  useEffect(() => {
    measuredRef.current?.(state.status === 'done' && result?.perLayerMs && !stale ? { ...result.perLayerMs } : null);
  }, [state.status, result, stale]);
  useEffect(() => {
    const onDiagnostics = diagnosticsRef.current;
    if (!onDiagnostics) return;
    const mism = state.status === 'done' && result && !stale ? shapeMismatchMessages(result.shapeChecks) : [];
    onDiagnostics(
      mism.map((m) => {
        const node = analysis?.graph.nodes.find((n) => n.name === m.layer);
        const span = node?.nameSpan ?? node?.span;
        return { severity: 'error' as const, message: m.message, layer: m.layer, ...(span ? { span } : {}) };
      }),
    );
  }, [state.status, result, analysis, stale]);

  const blocked = !analysis || !lowered || !lowered.ok || !memory?.fits || !chosen?.available;
  const start = () => {
    if (!analysis || blocked) return;
    runClient.run(
      {
        text,
        analyze: analyzeOptions(analysis),
        backend,
        threads,
        warmup,
        warmupMs,
        warmupMaxMs: warmupMaxS * 1000,
        scope: whole ? ({ kind: 'all' } as const) : scope,
        runs,
        mode,
        seed,
        ...(binary ? { binary } : {}),
        ...(dims && Object.keys(dims).length ? { dims } : {}),
      },
      analysis,
    );
  };

  const running = state.status === 'running';
  const p = state.progress;

  return (
    <div className="flex h-full min-h-0 flex-col gap-2 overflow-auto p-2 text-xs" data-testid="run-panel">
      <div className="flex flex-wrap items-center gap-3">
        <fieldset className="flex items-center gap-2" aria-label="backend">
          {(backends ?? []).map((b) => (
            <label
              key={b.id}
              className={`flex items-center gap-1 ${b.available ? '' : 'opacity-50'}`}
              title={b.reason ?? b.detail ?? ''}
            >
              <input
                type="radio"
                name="run-backend"
                value={b.id}
                checked={backend === b.id}
                disabled={!b.available || running}
                onChange={() => setBackend(b.id)}
                data-testid={`run-backend-${b.id}`}
              />
              {b.label}
            </label>
          ))}
          {!backends && <span className="text-muted">checking backends…</span>}
        </fieldset>
        <label className="flex items-center gap-1">
          <span className="text-muted">mode</span>
          <select
            value={mode}
            disabled={running}
            onChange={(e) => setMode(e.target.value as RunMode)}
            data-testid="run-mode"
            className="rounded border border-line bg-transparent"
          >
            <option value="profile">profile (per layer, optimisations off)</option>
            <option value="fast">fast (whole model, optimisations on)</option>
          </select>
        </label>
        <NumberField
          label="threads"
          value={threads}
          min={1}
          max={threadInfo.max}
          onChange={setThreads}
          testId="run-threads"
          disabled={running || backend !== 'wasm' || threadInfo.max === 1}
        />
        <span className="flex items-center gap-1 whitespace-nowrap" role="group" aria-label="warm-up">
          <NumberField
            label="warm-up ≥"
            suffix="runs,"
            value={warmup}
            min={0}
            max={1000}
            onChange={setWarmup}
            testId="run-warmup"
            disabled={running}
            title="Warm-up runs, at least"
          />
          <NumberField
            label="≥"
            suffix="ms,"
            value={warmupMs}
            min={0}
            max={600_000}
            onChange={setWarmupMs}
            testId="run-warmup-ms"
            disabled={running}
            title={
              'Warm-up lasts at least this long, whatever the number of runs: the browser optimises the ' +
              "runtime's WebAssembly while it runs, and earlier runs are slower"
            }
          />
          <NumberField
            label="then until steady ≤"
            suffix="s"
            value={warmupMaxS}
            min={0}
            max={600}
            onChange={setWarmupMaxS}
            testId="run-warmup-max"
            disabled={running}
            title={
              'After both minimums, warm-up goes on until runs stop getting faster (the median of the last 5 ' +
              'runs, or of the last tenth, is no more than 10% below that of the ones before), for at most ' +
              'this many seconds in all; the results say which ended it. 0: no such check'
            }
          />
        </span>
        <NumberField
          label="runs"
          value={runs}
          min={1}
          max={200}
          onChange={setRuns}
          testId="run-runs"
          disabled={running}
        />
        <NumberField
          label="seed"
          value={seed}
          min={0}
          max={2 ** 31 - 1}
          onChange={setSeed}
          testId="run-seed"
          disabled={running}
        />
        {running ? (
          <button
            className="rounded border border-line px-3 py-0.5"
            onClick={() => runClient.cancel()}
            data-testid="run-cancel"
          >
            Cancel
          </button>
        ) : (
          <button
            className="rounded bg-accent px-3 py-0.5 text-white disabled:opacity-40"
            disabled={blocked}
            onClick={start}
            data-testid="run-start"
          >
            Run
          </button>
        )}
      </div>

      <div className="flex flex-wrap gap-3 text-muted" data-testid="run-environment">
        {backends
          ?.filter((b) => !b.available)
          .map((b) => (
            <span key={b.id} data-testid={`run-unavailable-${b.id}`}>
              {b.label} unavailable: {b.reason}
            </span>
          ))}
        {backend === 'wasm' && threadInfo.reason && <span data-testid="run-threads-off">{threadInfo.reason}</span>}
        {memory && (
          <span data-testid="run-memory" className={memory.fits ? '' : 'font-medium text-red-600'}>
            memory: {memory.message}
          </span>
        )}
        {analysis && (
          <span>
            weights {formatBytes(analysis.totals.weightBytes)} · {formatSI(analysis.totals.flops)}FLOPs predicted
          </span>
        )}
      </div>

      <p className="text-muted" data-testid="run-warmup-rule">
        warm-up: {warmupRuleText({ warmup, warmupMs, warmupMaxMs: warmupMaxS * 1000 })}; then {runs} timed run
        {runs === 1 ? '' : 's'}
      </p>

      {!analysis && <p className="text-muted">Waiting for an analysed model.</p>}
      {analysis && lowered && !whole && (
        <ScopePicker
          analysis={analysis}
          kind={scopeKind}
          layer={feedLayer}
          lowered={lowered}
          supported={supported}
          disabled={running}
          onKind={setScopeKind}
          onLayer={setScopeLayer}
        />
      )}

      {running && (
        <div data-testid="run-progress" className="flex items-center gap-2">
          <span>{progressText(p, state.request)}</span>
          {p && p.total > 0 && p.phase !== 'warmup' && <progress value={p.done} max={p.total} className="h-2 w-40" />}
        </div>
      )}
      {state.status === 'refused' && (
        <div className="text-red-600" data-testid="run-refused">
          refused: {state.refused.map((r) => `${r.layer} (${r.type}): ${r.reason}`).join('; ')}
        </div>
      )}
      {state.status === 'error' && state.error && (
        <div
          className={state.error.kind === 'cancelled' ? 'text-muted' : 'text-red-600'}
          data-testid="run-error"
          data-kind={state.error.kind}
        >
          {state.error.kind === 'cancelled' ? 'Run cancelled.' : `${state.error.kind}: ${state.error.message}`}
        </div>
      )}
      {state.status === 'done' && result && analysis && (
        <div className={stale ? 'opacity-60' : ''} data-testid="run-last" data-stale={stale ? 'true' : 'false'}>
          {stale && (
            <p className="mb-1 font-medium text-amber-700" data-testid="run-stale">
              These results are from an earlier version of the model (edited since): run again for current figures.
            </p>
          )}
          {ran && ran.scope.kind !== 'all' && state.lowered && (
            <p className="mb-1" data-testid="run-partial-done">
              partial run:{' '}
              {ran.scope.kind === 'supported' ? 'the supported part' : `the layers feeding ${ran.scope.layer}`},{' '}
              {state.lowered.layers} layers ran, {state.lowered.excluded.length} did not
            </p>
          )}
          <RunResults
            analysis={state.analysis ?? analysis}
            result={result}
            threads={state.threads}
            threadNote={state.threadNote}
          />
        </div>
      )}
    </div>
  );
}
