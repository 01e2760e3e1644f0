import type { Shape } from '../../ir';
import type { BackendId, EngineProgress, EngineResult, RunMode } from '../engine';
import type { Refusal } from '../lower/types';

/** Analysis settings the worker needs to rebuild exactly the analysis the page shows. */
export interface RunAnalyzeOptions {
  readonly batch: number;
  readonly inputs: Readonly<Record<string, Shape>>;
}

/** Page → worker: run one model. */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly text: string;
  readonly analyze: RunAnalyzeOptions;
  readonly backend: BackendId;
  readonly threads: number;
  readonly warmup: number;
  readonly runs: number;
  readonly mode: RunMode;
  readonly seed: number;
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
