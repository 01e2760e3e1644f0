/** The types of the execution engine (lib/exec/engine.ts), apart so the engine stays readable. */
import type * as OrtModule from 'onnxruntime-web';
import type { TensorRef } from './lower/types';
import type { ShapeCheck } from './shape-check';
import type { RunStats, SlowRun } from './stats';
import type { WarmupStop, WarmupWindows } from './warmup';

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
  /** Warm-up lasts at least this long too (ms; 0 or absent: the count alone). */
  readonly warmupMs?: number;
  /**
   * Then warm-up goes on until runs have stopped getting faster (lib/exec/warmup.ts), for at
   * most this long in all (ms). 0 or absent: no convergence check.
   */
  readonly warmupMaxMs?: number;
  readonly runs: number;
  readonly seed: number;
}

/** Collects the text the WASM runtime prints (where ORT's profiler writes its events). */
export interface PrintCapture {
  start(): void;
  /** Stops capturing and returns everything printed since start(). */
  stop(): string;
}

/** Progress of a run, for the UI. */
export interface EngineProgress {
  readonly phase: 'encode' | 'check' | 'session' | 'warmup' | 'settle' | 'run' | 'profile';
  readonly done: number;
  readonly total: number;
  /** Warm-up: time spent so far and the last run's time (ms). */
  readonly elapsedMs?: number;
  readonly lastMs?: number;
}

/** A few values of one output, enough to compare backends and seeds. */
export interface OutputSummary {
  readonly name: string;
  readonly dims: readonly number[];
  /** First values (at most 64). */
  readonly head: readonly number[];
  readonly sumAbs: number;
}

/** How warm-up went: how long, why it stopped, and its run times. */
export interface WarmupReport {
  readonly runs: number;
  readonly ms: number;
  readonly stop: WarmupStop;
  /** The two windows the convergence rule compared last (null when the series was too short). */
  readonly windows: WarmupWindows | null;
  /** Times of the first warm-up runs (at most WARMUP_SERIES_KEPT) … */
  readonly head: readonly number[];
  /** … and of the last ones when there were more (empty otherwise). */
  readonly tail: readonly number[];
  /**
   * Profile mode warms up in a session without the profiler (it would keep every run's events),
   * then runs this many untimed runs in the profiled session: its first run allocates.
   */
  readonly settleRuns: number;
}

/** Warm-up run times kept at each end of the series (a tiny model does thousands of runs). */
export const WARMUP_SERIES_KEPT = 200;

/** Untimed runs of the profiled session before timing, after warm-up in a session without the profiler. */
export const PROFILE_SETTLE_RUNS = 2;

/** What a run measured. Times are milliseconds. */
export interface EngineResult {
  readonly backend: BackendId;
  readonly mode: RunMode;
  readonly modelBytes: number;
  /** Creation time of the session that was timed. */
  readonly sessionMs: number;
  readonly runMs: readonly number[];
  readonly medianMs: number;
  /** Median and spread of the timed runs. */
  readonly runStats: RunStats;
  /** Timed runs far above the others (interrupted), see stats.slowRuns. */
  readonly slowRuns: readonly SlowRun[];
  /** Warm-up runs actually done, and how long they took (ms); details in `warmup`. */
  readonly warmupRuns: number;
  readonly warmupMs: number;
  readonly warmup: WarmupReport;
  /** Median per layer (profile mode); null in fast mode. */
  readonly perLayerMs: Readonly<Record<string, number>> | null;
  /** Median and spread per layer over the timed runs (profile mode); null in fast mode. */
  readonly perLayerStats: Readonly<Record<string, RunStats>> | null;
  /** Each layer's time in each timed run (profile mode); null in fast mode. */
  readonly perLayerRunMs: Readonly<Record<string, readonly number[]>> | null;
  /** Where per-layer times came from. */
  readonly layerTimeSource: 'ort-profiler' | 'webgpu-timestamps' | null;
  readonly shapeChecks: readonly ShapeCheck[];
  readonly outputs: readonly OutputSummary[];
  readonly notes: readonly string[];
}

/** Hooks the caller gives the engine. */
export interface EngineHooks {
  readonly capture?: PrintCapture;
  onProgress?(p: EngineProgress): void;
  isCancelled?(): boolean;
}

/**
 * A model ready to run: ONNX bytes plus what the engine needs to feed and check it. The lowering
 * makes one (prepareLowered); an ONNX file opened as it is can make one from its own bytes.
 */
export interface RunnableModel {
  /** The model as timed: only the network outputs are graph outputs. */
  readonly bytes: Uint8Array;
  /** The same model with every top in `tops` a graph output, for profile mode's check of every top. */
  readonly checkBytes?: Uint8Array;
  /** Graph inputs (fp32), fed with seeded values in [−1, 1). */
  readonly inputs: readonly TensorRef[];
  /** Network outputs with their predicted shapes. */
  readonly outputs: readonly TensorRef[];
  /** Every top with its predicted shape (checked when checkBytes is given). */
  readonly tops: readonly TensorRef[];
  /** ONNX node name → layer name, for per-layer times. */
  readonly nodeLayer: Readonly<Record<string, string>>;
}
