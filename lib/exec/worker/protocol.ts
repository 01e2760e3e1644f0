import type { Shape } from '../../ir';
import type { BackendId, EngineProgress, EngineResult, RunMode } from '../engine';
import type { Refusal, RunScope } from '../lower/types';
import type { BinaryModel } from '../../worker/protocol';

/** Analysis settings the worker needs to rebuild exactly the analysis the page shows. */
export interface RunAnalyzeOptions {
  readonly batch: number;
  readonly inputs: Readonly<Record<string, Shape>>;
}

/**
 * The Run panel's default warm-up: at least this many runs, lasting at least this long (ms), then
 * on until runs have stopped getting faster (lib/exec/warmup.ts), for at most DEFAULT_WARMUP_MAX_MS
 * in all. In Chromium on a quiet 2-core machine the WebAssembly tier-up took ~2.5 s of running
 * (ResNet-50's first ~5 runs and MobileNet v1's first ~10-15 were up to 2× slower than the rest);
 * on a loaded one it took longer, which only the convergence rule sees. The count stays small
 * because one run of a big model on a slow adapter (WebGPU on SwiftShader) can take seconds.
 */
export const DEFAULT_WARMUP_RUNS = 2;
export const DEFAULT_WARMUP_MS = 3_000;

/** Then warm-up goes on until runs stop getting faster, for at most this long in all (ms). */
export const DEFAULT_WARMUP_MAX_MS = 30_000;

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
  /** Then until runs stop getting faster, for at most this long in all (ms; 0: no convergence check). */
  readonly warmupMaxMs: number;
  /** Which part of the model runs. */
  readonly scope: RunScope;
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
      /** The layers that ran and, in a partial run, those left out with why. */
      readonly lowered: { readonly layers: number; readonly excluded: readonly Refusal[] };
    }
  | { readonly type: 'error'; readonly id: number; readonly kind: RunErrorKind; readonly message: string };
