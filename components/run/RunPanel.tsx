'use client';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AnalysisResult } from '@/lib/analysis';
import type { Diagnostic } from '@/lib/ir';
import { currentEnvironment, resolveBackends, wasmThreads, type BackendStatus } from '@/lib/exec/backends';
import type { BackendId, EngineProgress, RunMode } from '@/lib/exec/engine';
import { lowerAnalysis } from '@/lib/exec/lower';
import { estimateRunMemory } from '@/lib/exec/memory-guard';
import { shapeMismatchMessages } from '@/lib/exec/shape-check';
import { DEFAULT_WARMUP_MS, DEFAULT_WARMUP_RUNS, MAX_WARMUP_RUNS, type RunRequest } from '@/lib/exec/worker/protocol';
import { formatBytes, formatSI } from '@/components/ui/format';
import { runClient } from './run-client';
import { onnxRunModel } from '@/lib/exec/onnx-model';
import type { BinaryModel } from '@/lib/worker/protocol';
import { RunResults } from './RunResults';

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
    </label>
  );
}

/** What the run is doing; warm-up has no fixed length (a count and a minimum time). */
function progressText(p: EngineProgress | null, req: RunRequest | null): string {
  if (!p) return 'starting…';
  switch (p.phase) {
    case 'encode':
      return 'building the ONNX model…';
    case 'session':
      return 'creating the session…';
    case 'warmup':
      return req
        ? `warm-up run ${p.done + 1} (at least ${req.warmup} runs and ${(req.warmupMs / 1000).toFixed(1)} s)`
        : `warm-up run ${p.done + 1}`;
    case 'run':
      return `timed run ${Math.min(p.done + 1, p.total)}/${p.total}`;
    case 'profile':
      return 'reading the profile…';
  }
}

/** Executes the model in the browser (onnxruntime-web, WASM or WebGPU) and shows measured cost beside predicted cost. */
export function RunPanel({ text, analysis, onMeasured, onDiagnostics, binary, dims }: RunPanelProps) {
  const state = useSyncExternalStore(runClient.subscribe, runClient.getState, runClient.getState);
  const [backends, setBackends] = useState<BackendStatus[] | null>(null);
  const [backend, setBackend] = useState<BackendId>('wasm');
  const [mode, setMode] = useState<RunMode>('profile');
  const env = useMemo(() => (typeof window === 'undefined' ? null : currentEnvironment()), []);
  const threadInfo = env ? wasmThreads(env) : { max: 1, reason: undefined };
  const [threads, setThreads] = useState(() => threadInfo.max);
  const [warmup, setWarmup] = useState(DEFAULT_WARMUP_RUNS);
  const [warmupMs, setWarmupMs] = useState(DEFAULT_WARMUP_MS);
  const [runs, setRuns] = useState(5);
  const [seed, setSeed] = useState(1);

  useEffect(() => {
    if (!env) return;
    let live = true;
    void resolveBackends(env).then((b) => live && setBackends(b));
    return () => {
      live = false;
    };
  }, [env]);

  const lowered = useMemo(
    () =>
      analysis ? (binary && analysis.graph.format === 'onnx' ? onnxRunModel(analysis) : lowerAnalysis(analysis)) : null,
    [analysis, binary],
  );
  const memory = useMemo(
    () => (analysis ? estimateRunMemory(analysis, backend, mode) : null),
    [analysis, backend, mode],
  );
  const chosen = backends?.find((b) => b.id === backend);
  const result = state.result;

  // Callbacks through refs: a parent passing inline functions must not re-trigger the effects.
  const measuredRef = useRef(onMeasured);
  const diagnosticsRef = useRef(onDiagnostics);
  useEffect(() => {
    measuredRef.current = onMeasured;
    diagnosticsRef.current = onDiagnostics;
  });
  useEffect(() => {
    measuredRef.current?.(state.status === 'done' && result?.perLayerMs ? { ...result.perLayerMs } : null);
  }, [state.status, result]);
  useEffect(() => {
    const onDiagnostics = diagnosticsRef.current;
    if (!onDiagnostics) return;
    const mism = state.status === 'done' && result ? shapeMismatchMessages(result.shapeChecks) : [];
    onDiagnostics(
      mism.map((m) => {
        const node = analysis?.graph.nodes.find((n) => n.name === m.layer);
        const span = node?.nameSpan ?? node?.span;
        return { severity: 'error' as const, message: m.message, layer: m.layer, ...(span ? { span } : {}) };
      }),
    );
  }, [state.status, result, analysis]);

  const blocked = !analysis || !lowered || !lowered.ok || !memory?.fits || !chosen?.available;
  const start = () => {
    if (!analysis || blocked) return;
    const inputs: Record<string, number[]> = {};
    for (const i of analysis.inputs) if (i.shape) inputs[i.name] = [...i.shape];
    runClient.run({
      text,
      analyze: { batch: analysis.batch, inputs },
      backend,
      threads,
      warmup,
      warmupMs,
      runs,
      mode,
      seed,
      ...(binary ? { binary } : {}),
      ...(dims && Object.keys(dims).length ? { dims } : {}),
    });
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
        <NumberField
          label="warm-up"
          value={warmup}
          min={0}
          max={50}
          onChange={setWarmup}
          testId="run-warmup"
          disabled={running}
          title="Warm-up runs, at least"
        />
        <NumberField
          label="and ≥ ms"
          value={warmupMs}
          min={0}
          max={60_000}
          onChange={setWarmupMs}
          testId="run-warmup-ms"
          disabled={running}
          title={
            `Warm-up goes on until it has lasted this long (at most ${MAX_WARMUP_RUNS} runs): the browser optimises ` +
            "the runtime's WebAssembly while it runs, and earlier runs are slower"
          }
        />
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

      {!analysis && <p className="text-muted">Waiting for an analysed model.</p>}
      {lowered && !lowered.ok && (
        <div className="rounded border border-red-400 p-2" data-testid="run-refused-upfront">
          <p className="font-medium text-red-600">These layers cannot be run, so the run is refused:</p>
          <ul className="ml-4 list-disc">
            {lowered.refused.map((r) => (
              <li key={`${r.layer}:${r.type}`}>
                <b>{r.layer}</b> ({r.type}): {r.reason}
              </li>
            ))}
          </ul>
        </div>
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
        <RunResults analysis={analysis} result={result} threads={state.threads} threadNote={state.threadNote} />
      )}
    </div>
  );
}
