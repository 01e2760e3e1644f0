import type * as OrtModule from 'onnxruntime-web';
import {
  PROFILE_SETTLE_RUNS,
  WARMUP_SERIES_KEPT,
  type BackendId,
  type EngineHooks,
  type EngineOptions,
  type EngineProgress,
  type EngineResult,
  type Ort,
  type OutputSummary,
  type RunMode,
  type RunnableModel,
} from './engine-types';
import type { LoweredModel, TensorRef } from './lower/types';
import { encodeForRun, seededInputs } from './onnx/encode';
import { parseProfileText, perLayerRuns, perLayerRunsByRun, type KernelEvent } from './profile';
import { checkShapes, type ShapeCheck } from './shape-check';
import { median, slowRuns, summarize, type RunStats } from './stats';
import { lastWindows, stillWarming, warmupVerdict, type WarmupRule, type WarmupStop } from './warmup';

export { stillWarming };
export * from './engine-types';

/** Thrown when the caller cancelled between two runs. */
export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
  }
}

const now = () => performance.now();

const TIMED_START = 'layerscope-timed-start';
const TIMED_END = 'layerscope-timed-end';

/** Shortest gap between two progress messages (ms). */
const PROGRESS_MS = 500;

/**
 * The session options of a run, spelled out in full (the benchmark's direct onnxruntime-web
 * contender uses this very object, so the two differ only in what wraps session.run). Spinning
 * is ORT's default, written explicitly so neither side depends on a build's default.
 */
export function sessionOptions(backend: BackendId, mode: RunMode): OrtModule.InferenceSession.SessionOptions {
  const profile = mode === 'profile';
  return {
    executionProviders: [backend],
    graphOptimizationLevel: profile ? 'disabled' : 'all',
    enableProfiling: profile,
    extra: { session: { intra_op: { allow_spinning: '1' } } },
  };
}

/** Encodes a lowered model with seeded weights (profile mode: with the check-every-top variant). */
export function prepareLowered(model: LoweredModel, seed: number, mode: RunMode): RunnableModel {
  const enc = model.prebuilt ? model.prebuilt(mode) : encodeForRun(model, seed);
  return {
    bytes: enc.bytes,
    ...(mode === 'profile' && enc.checkBytes ? { checkBytes: enc.checkBytes } : {}),
    inputs: model.inputs,
    outputs: model.outputs,
    tops: model.tops,
    nodeLayer: model.nodeLayer,
  };
}

/**
 * Builds the ONNX model (seeded weights) and runs it (runModel). The caller has set ort.env
 * (wasm paths, threads).
 */
export async function runLowered(
  ort: Ort,
  model: LoweredModel,
  options: EngineOptions,
  hooks: EngineHooks = {},
): Promise<EngineResult> {
  hooks.onProgress?.({ phase: 'encode', done: 0, total: 1 });
  const runnable = prepareLowered(model, options.seed, options.mode);
  if (hooks.isCancelled?.()) throw new RunCancelled();
  return runModel(ort, runnable, options, hooks);
}

type Session = OrtModule.InferenceSession;
type Feeds = Record<string, OrtModule.Tensor>;
type Outputs = OrtModule.InferenceSession.ReturnType;

function dimsOf(out: Outputs | null): Map<string, readonly number[]> {
  const produced = new Map<string, readonly number[]>();
  for (const [name, t] of Object.entries(out ?? {})) produced.set(name, t.dims);
  return produced;
}

/**
 * A graph input's tensor: the seeded values for float inputs; zeros for integer and bool inputs
 * (of an opened ONNX model: token ids, indices and masks, where zero is always valid).
 */
function inputTensor(ort: Ort, i: TensorRef, data: Float32Array): OrtModule.Tensor {
  const dims = [...i.shape];
  const n = data.length;
  switch (i.dtype ?? 'float') {
    case 'float':
      return new ort.Tensor('float32', data, dims);
    case 'double':
      return new ort.Tensor('float64', Float64Array.from(data), dims);
    case 'float16':
      return new ort.Tensor('float16', new Uint16Array(n), dims);
    case 'int64':
      return new ort.Tensor('int64', new BigInt64Array(n), dims);
    case 'uint64':
      return new ort.Tensor('uint64', new BigUint64Array(n), dims);
    case 'int32':
      return new ort.Tensor('int32', new Int32Array(n), dims);
    case 'uint32':
      return new ort.Tensor('uint32', new Uint32Array(n), dims);
    case 'int16':
      return new ort.Tensor('int16', new Int16Array(n), dims);
    case 'int8':
      return new ort.Tensor('int8', new Int8Array(n), dims);
    case 'uint8':
      return new ort.Tensor('uint8', new Uint8Array(n), dims);
    case 'bool':
      return new ort.Tensor('bool', new Uint8Array(n), dims);
    default:
      throw new Error(`input ${i.name}: element type ${i.dtype} cannot be fed`);
  }
}

function seededFeeds(ort: Ort, model: Pick<RunnableModel, 'inputs'>, seed: number): Feeds {
  const data = seededInputs(model, seed);
  const feeds: Feeds = {};
  for (const i of model.inputs) feeds[i.name] = inputTensor(ort, i, data[i.name]!);
  return feeds;
}

function summarizeOutputs(model: Pick<RunnableModel, 'outputs'>, out: Outputs | null): OutputSummary[] {
  return model.outputs.map((o) => {
    const t = out?.[o.name];
    const values = t && t.type === 'float32' ? (t.data as Float32Array) : new Float32Array();
    let sumAbs = 0;
    for (let i = 0; i < values.length; i++) sumAbs += Math.abs(values[i]!);
    return { name: o.name, dims: t?.dims ?? [], head: Array.from(values.subarray(0, 64)), sumAbs };
  });
}

/** What one untimed run of the model exposing every top tells: every top's shape, the outputs' values. */
export interface CheckResult {
  readonly shapeChecks: readonly ShapeCheck[];
  readonly outputs: readonly OutputSummary[];
}

/**
 * One untimed run of `checkBytes` (every top a graph output; `bytes` when absent, outputs only),
 * with optimisations off so every layer keeps its nodes: the engine's shape of every top next
 * to the analyser's, and a summary of the network outputs.
 */
export async function checkModel(
  ort: Ort,
  model: RunnableModel,
  backend: BackendId,
  seed: number,
): Promise<CheckResult> {
  const options = { ...sessionOptions(backend, 'profile'), enableProfiling: false };
  const s = await ort.InferenceSession.create(model.checkBytes ?? model.bytes, options);
  try {
    const out = await s.run(seededFeeds(ort, model, seed));
    return {
      shapeChecks: checkShapes(model.checkBytes ? model.tops : model.outputs, dimsOf(out)),
      outputs: summarizeOutputs(model, out),
    };
  } finally {
    await s.release();
  }
}

/**
 * Creates onnxruntime-web sessions on the chosen execution provider, warms up until runs have
 * stopped getting faster, times N runs, and returns latency with its spread, per-layer times
 * (profile mode) and the shape check. Profile mode uses three sessions of the same graph, one
 * after the other: one run exposing every top (shape check), warm-up without the profiler, and
 * the profiled session that is timed. The caller has set ort.env (wasm paths, threads).
 */
export async function runModel(
  ort: Ort,
  model: RunnableModel,
  options: EngineOptions,
  hooks: EngineHooks = {},
): Promise<EngineResult> {
  if (!(options.runs >= 1)) throw new Error(`at least one timed run is needed (asked for ${options.runs})`);
  const notes: string[] = [];
  const profile = options.mode === 'profile';
  const check = () => {
    if (hooks.isCancelled?.()) throw new RunCancelled();
  };
  const gpuEvents: KernelEvent[] = [];
  const gpuProfiling = (on: boolean) => {
    if (options.backend !== 'webgpu') return;
    // GPU timestamps per kernel, when the adapter offers timestamp queries; read at each run.
    ort.env.webgpu.profiling = on
      ? {
          mode: 'default',
          ondata: (d) =>
            gpuEvents.push({ node: d.kernelName, durUs: (d.endTime - d.startTime) / 1000, opType: d.kernelType }),
        }
      : { mode: 'off' };
  };
  gpuProfiling(false);
  const feeds = seededFeeds(ort, model, options.seed);
  const rule: WarmupRule = {
    minRuns: options.warmup,
    minMs: options.warmupMs ?? 0,
    maxMs: options.warmupMaxMs ?? 0,
  };
  const noWarmup = warmupVerdict([], 0, rule) !== null;

  // 1. Profile mode: every top's shape, from one run of the model that exposes them all.
  let checked: CheckResult | null = null;
  if (profile && model.checkBytes) {
    hooks.onProgress?.({ phase: 'check', done: 0, total: 1 });
    checked = await checkModel(ort, model, options.backend, options.seed);
    check();
  }

  // 2. Warm-up. Profile mode warms up in a session without the profiler (which would keep every
  // run's events), then times a profiled session; with no warm-up asked for, it goes straight there.
  let session: Session | null = null;
  let t0 = now();
  let sessionMs = 0;
  if (!profile || !noWarmup) {
    hooks.onProgress?.({ phase: 'session', done: 0, total: 1 });
    t0 = now();
    session = await ort.InferenceSession.create(model.bytes, {
      ...sessionOptions(options.backend, options.mode),
      enableProfiling: false,
    });
    sessionMs = now() - t0;
  }
  let last: Outputs | null = null;
  let lastProgress = -Infinity;
  const progress = (p: EngineProgress) => {
    const t = now();
    // At most every PROGRESS_MS: a tiny model runs thousands of times a second.
    if (t - lastProgress < PROGRESS_MS && p.done > 0) return;
    lastProgress = t;
    hooks.onProgress?.(p);
  };
  const gpuRunStart: number[] = [];
  const runOnce = async (s: Session): Promise<number> => {
    check();
    gpuRunStart.push(gpuEvents.length);
    const start = now();
    last = await s.run(feeds);
    return now() - start;
  };
  try {
    const series: number[] = [];
    const warmStart = now();
    let stop: WarmupStop | null = warmupVerdict(series, 0, rule);
    while (stop === null && session) {
      const elapsedMs = now() - warmStart;
      progress({
        phase: 'warmup',
        done: series.length,
        total: Math.max(rule.minRuns, series.length + 1),
        elapsedMs,
        ...(series.length > 0 ? { lastMs: series[series.length - 1]! } : {}),
      });
      series.push(await runOnce(session));
      stop = warmupVerdict(series, now() - warmStart, rule);
    }
    const warmupMs = now() - warmStart;
    if (stop === 'max-time') {
      const w = lastWindows(series);
      notes.push(
        `warm-up reached its ${(rule.maxMs / 1000).toFixed(0)} s limit while runs were still getting faster` +
          (w
            ? ` (last ${w.runs} runs: median ${w.laterMs.toFixed(1)} ms, the ${w.runs} before: ${w.earlierMs.toFixed(1)} ms)`
            : '') +
          ': the times below may still fall',
      );
    }

    // 3. Profile mode: the timed session, with the profiler, after a few untimed runs of its own.
    let settleRuns = 0;
    if (profile) {
      await session?.release();
      session = null;
      gpuProfiling(true);
      hooks.onProgress?.({ phase: 'session', done: 0, total: 1 });
      t0 = now();
      session = await ort.InferenceSession.create(model.bytes, sessionOptions(options.backend, 'profile'));
      sessionMs = now() - t0;
      // Its first run allocates; as many untimed runs as warm-up runs were asked for, up to 2.
      for (; settleRuns < Math.min(PROFILE_SETTLE_RUNS, options.warmup); settleRuns++) {
        hooks.onProgress?.({ phase: 'settle', done: settleRuns, total: Math.min(PROFILE_SETTLE_RUNS, options.warmup) });
        await runOnce(session);
      }
    }
    if (!session) throw new Error('no session to time');
    const timed: Session = session;
    const timedFrom = gpuRunStart.length;
    const runMs: number[] = [];
    // Marks for traces (bench:exec's BENCH_TRACE counts GC between them); cleared at once.
    performance.mark(TIMED_START);
    for (let k = 0; k < options.runs; k++) {
      progress({ phase: 'run', done: k, total: options.runs });
      runMs.push(await runOnce(timed));
    }
    performance.mark(TIMED_END);
    performance.clearMarks(TIMED_START);
    performance.clearMarks(TIMED_END);
    hooks.onProgress?.({ phase: 'run', done: options.runs, total: options.runs });
    const drift = stillWarming(runMs);
    if (drift) notes.push(drift);

    let perLayerRunMs: Record<string, number[]> | null = null;
    let layerTimeSource: EngineResult['layerTimeSource'] = null;
    if (profile) {
      hooks.onProgress?.({ phase: 'profile', done: 0, total: 1 });
      hooks.capture?.start();
      timed.endProfiling();
      // The runtime prints the events synchronously; a tick lets proxied prints land too.
      await new Promise((r) => setTimeout(r, 0));
      const text = hooks.capture?.stop() ?? '';
      // GPU timestamps of a run have arrived by the time run() resolves (it waits for the
      // output download), so the events recorded between two runs belong to the earlier one.
      const gpuRuns: KernelEvent[][] = [];
      for (let k = timedFrom; k < gpuRunStart.length; k++)
        gpuRuns.push(gpuEvents.slice(gpuRunStart[k], gpuRunStart[k + 1] ?? gpuEvents.length));
      if (gpuRuns.some((r) => r.length > 0)) {
        const { perLayer, unattributedMs } = perLayerRunsByRun(gpuRuns, model.nodeLayer);
        perLayerRunMs = perLayer;
        layerTimeSource = 'webgpu-timestamps';
        const other = median(unattributedMs);
        if (other > 0) {
          notes.push(
            `${other.toFixed(3)} ms per run in layout transposes the WebGPU runtime inserted (no layer owns them)`,
          );
        }
      } else {
        const events = parseProfileText(text);
        if (events.length > 0) {
          perLayerRunMs = perLayerRuns(events, model.nodeLayer, options.runs);
          layerTimeSource = 'ort-profiler';
          if (options.backend === 'webgpu')
            notes.push('no GPU timestamp queries on this adapter: per-layer times are ORT kernel dispatch times');
        } else {
          notes.push('the runtime printed no profiling events: per-layer times unavailable');
        }
      }
    }
    gpuProfiling(false);

    const runStats = summarize(runMs);
    let perLayerMs: Record<string, number> | null = null;
    let perLayerStats: Record<string, RunStats> | null = null;
    if (perLayerRunMs) {
      perLayerMs = {};
      perLayerStats = {};
      for (const [layer, times] of Object.entries(perLayerRunMs)) {
        perLayerStats[layer] = summarize(times);
        perLayerMs[layer] = perLayerStats[layer].median;
      }
      const layerSum = Object.values(perLayerMs).reduce((a, b) => a + b, 0);
      notes.push(
        `the layers' times sum to ${layerSum.toFixed(1)} ms of the ${runStats.median.toFixed(1)} ms median: the rest is ` +
          "the time between kernels (the profiler's own cost, copying the outputs out of the runtime); fast mode measures the model's latency",
      );
    }

    if (!checked) {
      notes.push(
        profile
          ? 'only the network outputs were checked: this model came without a variant exposing every top'
          : 'fast mode checks the network outputs; profile mode checks every layer top',
      );
    }
    const final = last as Outputs | null;
    const shapeChecks = checked?.shapeChecks ?? checkShapes(model.outputs, dimsOf(final));
    const outputs = summarizeOutputs(model, final);
    const kept = WARMUP_SERIES_KEPT;
    return {
      backend: options.backend,
      mode: options.mode,
      modelBytes: model.bytes.byteLength,
      sessionMs,
      runMs,
      medianMs: runStats.median,
      runStats,
      slowRuns: slowRuns(runMs),
      warmupRuns: series.length,
      warmupMs,
      warmup: {
        runs: series.length,
        ms: warmupMs,
        stop: stop ?? 'minimum',
        windows: lastWindows(series),
        head: series.slice(0, kept),
        tail: series.length > kept ? series.slice(Math.max(kept, series.length - kept)) : [],
        settleRuns,
      },
      perLayerMs,
      perLayerStats,
      perLayerRunMs,
      layerTimeSource,
      shapeChecks,
      outputs,
      notes,
    };
  } finally {
    gpuProfiling(false);
    await session?.release();
  }
}
