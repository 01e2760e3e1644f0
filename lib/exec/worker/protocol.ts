import type { Shape } from '../../ir';
import type { BackendId, EngineProgress, EngineResult, RunMode } from '../engine';
import type { Refusal } from '../lower/types';
import type { BinaryModel } from '../../worker/protocol';

/** Analysis settings the worker needs to rebuild exactly the analysis the page shows. */
export interface RunAnalyzeOptions {
  readonly batch: number;
  readonly inputs: Readonly<Record<string, Shape>>;
}

/**
 * The Run panel's default warm-up: at least this many runs, lasting at least this long (ms; see
 * EngineOptions.warmupMs). In Chromium on 2 cores the WebAssembly tier-up took ~2.5 s of running:
 * ResNet-50's first ~5 runs and MobileNet v1's first ~10-15 were up to 2× slower than the rest.
 * The time does the work; the count stays small because one run of a big model on a slow
 * adapter (WebGPU on SwiftShader) can take seconds.
 */
export const DEFAULT_WARMUP_RUNS = 2;
export const DEFAULT_WARMUP_MS = 3_000;

/** Cap on time-extended warm-up runs (profile mode keeps every run's events in memory). */
export const MAX_WARMUP_RUNS = 50;

/** Page → worker: run one model. */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly text: string;
  readonly analyze: RunAnalyzeOptions;
  readonly backend: BackendId;
  readonly threads: number;
  readonly warmup: number;
  /** Warm-up goes on until it has lasted this long (ms), see EngineOptions.warmupMs. */
  readonly warmupMs: number;
  readonly runs: number;
  readonly mode: RunMode;
  readonly seed: number;
  /** An opened ONNX model: run as it is, with its own weights (`text` is then unused). */
  readonly binary?: BinaryModel;
  /** Its symbolic dimension values, as the analysis uses them. */
  readonly dims?: Readonly<Record<string, number>>;
}

/** Page → worker: stop after the current inference. */
export interface CancelRequest {
  readonly type: 'cancel';
  readonly id: number;
}

/** Messages the run worker accepts. */
export type RunWorkerRequest = RunRequest | CancelRequest;

/** Why a run failed, so the panel can react (recover from device loss, explain memory). */
export type RunErrorKind = 'refused' | 'memory' | 'backend' | 'device-lost' | 'cancelled' | 'runtime';

/** Messages the run worker sends. */
export type RunWorkerResponse =
  | ({ readonly type: 'progress'; readonly id: number } & EngineProgress)
  | { readonly type: 'refused'; readonly id: number; readonly refused: readonly Refusal[] }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly result: EngineResult;
      /** Threads the WASM runtime actually uses (fixed at its first session). */
      readonly threads: number;
      readonly threadNote?: string;
    }
  | { readonly type: 'error'; readonly id: number; readonly kind: RunErrorKind; readonly message: string };
