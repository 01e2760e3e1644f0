import type * as OrtModule from 'onnxruntime-web';
import type { LoweredModel, TensorRef } from './lower/types';
import { encodeLowered, seededInputs } from './onnx/encode';
import { median, parseProfileText, perLayerMedians, perLayerMediansByRun, type KernelEvent } from './profile';
import { checkShapes, type ShapeCheck } from './shape-check';
import { MAX_WARMUP_RUNS } from './worker/protocol';

/** The onnxruntime-web module, injected so the worker can load it lazily and tests can import it directly. */
export type Ort = typeof OrtModule;

/** Execution backends we drive through onnxruntime-web execution providers. */
export type BackendId = 'wasm' | 'webgpu';

/** 'fast': optimisations on, whole-model latency. 'profile': optimisations off, per-layer times. */
export type RunMode = 'fast' | 'profile';

/** What one run request asks for. */
export interface EngineOptions {
  readonly backend: BackendId;
  readonly mode: RunMode;
  /** Warm-up runs, at least. */
  readonly warmup: number;
  /**
   * Warm-up also goes on until it has lasted this long (ms; 0 or absent: the count alone), up to
   * MAX_WARMUP_RUNS. The browser compiles WebAssembly twice: a quick baseline first, then optimised
   * code for the functions that run hot, in the background. Until that tier-up is done, runs are
   * slower (MobileNet v1 on 2 threads: ~100 ms for its first ~10 runs, ~45 ms after), so a fixed
   * small count measures the compiler, not the model.
   */
  readonly warmupMs?: number;
  readonly runs: number;
  readonly seed: number;
}

export { MAX_WARMUP_RUNS };

/** Collects the text the WASM runtime prints (where ORT's profiler writes its events). */
export interface PrintCapture {
  start(): void;
  /** Stops capturing and returns everything printed since start(). */
  stop(): string;
}

/** Progress of a run, for the UI. */
export interface EngineProgress {
  readonly phase: 'encode' | 'session' | 'warmup' | 'run' | 'profile';
  readonly done: number;
  readonly total: number;
}

/** A few values of one output, enough to compare backends and seeds. */
export interface OutputSummary {
  readonly name: string;
  readonly dims: readonly number[];
  /** First values (at most 64). */
  readonly head: readonly number[];
  readonly sumAbs: number;
}

/** What a run measured. Times are milliseconds. */
export interface EngineResult {
  readonly backend: BackendId;
  readonly mode: RunMode;
  readonly modelBytes: number;
  readonly sessionMs: number;
  readonly runMs: readonly number[];
  readonly medianMs: number;
  /** Warm-up runs actually done, and how long they took (ms). */
  readonly warmupRuns: number;
  readonly warmupMs: number;
  /** Median per layer (profile mode); null in fast mode. */
  readonly perLayerMs: Readonly<Record<string, number>> | null;
  /** Where per-layer times came from. */
  readonly layerTimeSource: 'ort-profiler' | 'webgpu-timestamps' | null;
  readonly shapeChecks: readonly ShapeCheck[];
  readonly outputs: readonly OutputSummary[];
  readonly notes: readonly string[];
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

/** Hooks the caller gives the engine. */
export interface EngineHooks {
  readonly capture?: PrintCapture;
  onProgress?(p: EngineProgress): void;
  isCancelled?(): boolean;
}

/** Thrown when the caller cancelled between two runs. */
export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
  }
}

const now = () => performance.now();

/** Shortest gap between two progress messages (ms). */
const PROGRESS_MS = 500;

/**
 * A note when the timed runs were still getting faster (the first half's median over 1.2× the
 * second half's): the runtime was still warming up, so the median overstates the steady state.
 */
export function stillWarming(runMs: readonly number[]): string | null {
  if (runMs.length < 6) return null;
  const h = runMs.length >> 1;
  const early = median(runMs.slice(0, h));
  const late = median(runMs.slice(runMs.length - h));
  if (!(early > 1.2 * late)) return null;
  return (
    `run times were still falling (first ${h} runs: median ${early.toFixed(1)} ms, last ${h}: ${late.toFixed(1)} ms); ` +
    'the runtime was still warming up: a longer warm-up gives steadier figures'
  );
}

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

/**
 * Builds the ONNX model (seeded weights), creates an onnxruntime-web session on the chosen
 * execution provider, runs warm-up + N timed runs, and returns latency, per-layer times
 * (profile mode) and the shape check. The caller has set ort.env (wasm paths, threads).
 */
export async function runLowered(
  ort: Ort,
  model: LoweredModel,
  options: EngineOptions,
  hooks: EngineHooks = {},
): Promise<EngineResult> {
  const notes: string[] = [];
  const profile = options.mode === 'profile';
  const check = () => {
    if (hooks.isCancelled?.()) throw new RunCancelled();
  };
  hooks.onProgress?.({ phase: 'encode', done: 0, total: 1 });
  const bytes = model.prebuilt
    ? model.prebuilt(profile ? 'all' : 'outputs')
    : encodeLowered(model, { seed: options.seed, expose: profile ? 'all' : 'outputs' });
  check();

  const gpuEvents: KernelEvent[] = [];
  if (options.backend === 'webgpu') {
    // GPU timestamps per kernel, when the adapter offers timestamp queries.
    ort.env.webgpu.profiling = profile
      ? {
          mode: 'default',
          ondata: (d) =>
            gpuEvents.push({ node: d.kernelName, durUs: (d.endTime - d.startTime) / 1000, opType: d.kernelType }),
        }
      : { mode: 'off' };
  }
  hooks.onProgress?.({ phase: 'session', done: 0, total: 1 });
  const t0 = now();
  const session = await ort.InferenceSession.create(bytes, sessionOptions(options.backend, options.mode));
  const sessionMs = now() - t0;
  try {
    const data = seededInputs(model, options.seed);
    const feeds: Record<string, OrtModule.Tensor> = {};
    for (const i of model.inputs) feeds[i.name] = inputTensor(ort, i, data[i.name]!);

    let last = null as OrtModule.InferenceSession.ReturnType | null;
    const runMs: number[] = [];
    const gpuRunStart: number[] = [];
    // Progress is posted at most every PROGRESS_MS (a tiny model runs thousands of times a second).
    let lastProgress = -Infinity;
    const progress = (phase: 'warmup' | 'run', done: number, total: number) => {
      const t = now();
      if (t - lastProgress < PROGRESS_MS && done > 0) return;
      lastProgress = t;
      hooks.onProgress?.({ phase, done, total });
    };
    /** One inference; keeps its outputs in `last` and returns its time. */
    const runOnce = async (): Promise<number> => {
      check();
      gpuRunStart.push(gpuEvents.length);
      const s = now();
      const out = await session.run(feeds);
      const ms = now() - s;
      last = out;
      return ms;
    };
    const minWarmupMs = options.warmupMs ?? 0;
    const warmStart = now();
    let warmupRuns = 0;
    while (
      warmupRuns < options.warmup ||
      (now() - warmStart < minWarmupMs && warmupRuns < Math.max(options.warmup, MAX_WARMUP_RUNS))
    ) {
      progress('warmup', warmupRuns, Math.max(options.warmup, warmupRuns + 1));
      await runOnce();
      warmupRuns++;
    }
    const warmupMs = now() - warmStart;
    for (let k = 0; k < options.runs; k++) {
      progress('run', k, options.runs);
      runMs.push(await runOnce());
    }
    const total = warmupRuns + options.runs;
    hooks.onProgress?.({ phase: 'run', done: options.runs, total: options.runs });
    const drift = stillWarming(runMs);
    if (drift) notes.push(drift);

    let perLayerMs: Record<string, number> | null = null;
    let layerTimeSource: EngineResult['layerTimeSource'] = null;
    if (profile) {
      hooks.onProgress?.({ phase: 'profile', done: 0, total: 1 });
      hooks.capture?.start();
      session.endProfiling();
      // The runtime prints the events synchronously; a tick lets proxied prints land too.
      await new Promise((r) => setTimeout(r, 0));
      const text = hooks.capture?.stop() ?? '';
      // GPU timestamps of a run have arrived by the time run() resolves (it waits for the
      // output download), so the events recorded between two runs belong to the earlier one.
      const gpuRuns: KernelEvent[][] = [];
      for (let k = warmupRuns; k < total; k++)
        gpuRuns.push(gpuEvents.slice(gpuRunStart[k], gpuRunStart[k + 1] ?? gpuEvents.length));
      if (gpuRuns.some((r) => r.length > 0)) {
        const { perLayer, unattributedMs } = perLayerMediansByRun(gpuRuns, model.nodeLayer);
        perLayerMs = perLayer;
        layerTimeSource = 'webgpu-timestamps';
        if (unattributedMs > 0) {
          notes.push(
            `${unattributedMs.toFixed(3)} ms per run in layout transposes the WebGPU runtime inserted (no layer owns them)`,
          );
        }
      } else {
        const events = parseProfileText(text);
        if (events.length > 0) {
          perLayerMs = perLayerMedians(events, model.nodeLayer, options.runs);
          layerTimeSource = 'ort-profiler';
          if (options.backend === 'webgpu')
            notes.push('no GPU timestamp queries on this adapter: per-layer times are ORT kernel dispatch times');
        } else {
          notes.push('the runtime printed no profiling events: per-layer times unavailable');
        }
      }
    }

    const medianMs = median(runMs);
    if (perLayerMs) {
      const layerSum = Object.values(perLayerMs).reduce((a, b) => a + b, 0);
      notes.push(
        `the layers' times sum to ${layerSum.toFixed(1)} ms of the ${medianMs.toFixed(1)} ms median: the rest is ` +
          "the profiler's own cost and the time between kernels; fast mode measures the model's latency",
      );
    }

    const produced = new Map<string, readonly number[]>();
    for (const [name, t] of Object.entries(last ?? {})) produced.set(name, t.dims);
    const expected = profile ? model.tops : model.outputs;
    const shapeChecks = checkShapes(expected, produced);
    if (!profile) notes.push('fast mode checks the network outputs; profile mode checks every layer top');

    const outputs: OutputSummary[] = model.outputs.map((o) => {
      const t = last?.[o.name];
      const values = t && t.type === 'float32' ? (t.data as Float32Array) : new Float32Array();
      let sumAbs = 0;
      for (let i = 0; i < values.length; i++) sumAbs += Math.abs(values[i]!);
      return { name: o.name, dims: t?.dims ?? [], head: Array.from(values.subarray(0, 64)), sumAbs };
    });
    return {
      backend: options.backend,
      mode: options.mode,
      modelBytes: bytes.byteLength,
      sessionMs,
      runMs,
      medianMs,
      warmupRuns,
      warmupMs,
      perLayerMs,
      layerTimeSource,
      shapeChecks,
      outputs,
      notes,
    };
  } finally {
    await session.release();
  }
}
