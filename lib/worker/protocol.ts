/**
 * The typed message protocol between the page and the analysis worker. Every request carries
 * an id; every response names the id it answers, so the client can drop stale results.
 * Everything here is structured-clone-able (plain objects, arrays, Maps): no functions, no classes.
 */
import type { AnalysisResult, BatchChoice } from '../analysis';
import type { ModelFormat, Shape } from '../ir';
import type { InputNeed } from '../workspace/input-suggestions';

/**
 * Above this many layers the graph view is not drawn ("too large to draw — showing the table").
 * The fast layout (lib/layout/fast-layout) lays out 20,000 layers in a few hundred ms in its
 * worker and the canvas overview pans them at full frame rate; beyond that the view-graph build
 * and the analysis result's transfer start to cost whole seconds on a 2-core machine.
 */
export const MAX_DRAWABLE_LAYERS = 20000;

/** Texts larger than this (UTF-16 code units, about 20 MB with SI units like every byte figure) are refused before parsing. */
export const MAX_TEXT_LENGTH = 20_000_000;

/**
 * A binary model (ONNX) opened from a file or a link. Its bytes are read in place (tensor data
 * is skipped, never copied); the page passes a view of a SharedArrayBuffer where it can, so
 * sending it to the worker copies nothing.
 */
export interface BinaryModel {
  readonly bytes: Uint8Array;
  readonly name: string;
  /** Changes whenever another file is opened: the worker keeps the graph it read for this id. */
  readonly id: number;
}

/** Asks the worker to read and analyse one model text. */
export interface AnalyzeRequest {
  readonly kind: 'analyze';
  readonly id: number;
  readonly text: string;
  /** Force a format instead of detecting it. */
  readonly from?: ModelFormat;
  readonly batch: BatchChoice;
  /** Input shape overrides by input/blob name, batch axis included. */
  readonly inputs: Readonly<Record<string, Shape>>;
  /** A binary model to analyse instead of `text`. */
  readonly binary?: BinaryModel;
  /** Values of symbolic dimensions (ONNX `dim_param`) by name. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Caffe phase for include/exclude rules (default TEST). */
  readonly phase?: 'TEST' | 'TRAIN';
  /** Caffe schema problems are warnings (ReadOptions.lenient). */
  readonly lenient?: boolean;
}

/** Drops a request that has not started yet (a running analysis cannot be interrupted: the client restarts the worker instead). */
export interface CancelRequest {
  readonly kind: 'cancel';
  readonly id: number;
}

/** Any message the page sends to the analysis worker. */
export type WorkerRequest = AnalyzeRequest | CancelRequest;

/** A finished analysis. */
export interface AnalyzeResultResponse {
  readonly kind: 'result';
  readonly id: number;
  readonly analysis: AnalysisResult;
  /** Time spent reading + analysing inside the worker. */
  readonly elapsedMs: number;
  /** True when the model has more than MAX_DRAWABLE_LAYERS layers: views show the table only. */
  readonly tooLargeToDraw: boolean;
  /** Inputs the file gives no shape for, with suggested shapes (absent when every input has one). */
  readonly inputNeeds?: readonly InputNeed[];
  /** The binary model analysed (its id), when the request was for one: the page drops results of a model it closed. */
  readonly binaryId?: number;
  /** Set when the analysis's big collections came first, in this many part messages (lib/worker/transfer). */
  readonly parts?: number;
}

/** The analysis could not run at all (the reader or analysis threw, or the input was refused). */
export interface AnalyzeErrorResponse {
  readonly kind: 'error';
  readonly id: number;
  readonly message: string;
}

/** Any message the analysis worker sends back. */
export type WorkerResponse = AnalyzeResultResponse | AnalyzeErrorResponse;

/** True for a well-formed request (the worker ignores anything else). */
export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number' || !Number.isFinite(v.id)) return false;
  if (v.kind === 'cancel') return true;
  if (v.kind !== 'analyze') return false;
  const batchOk = v.batch === 'declared' || (typeof v.batch === 'number' && Number.isInteger(v.batch) && v.batch > 0);
  const binaryOk =
    v.binary === undefined ||
    (typeof v.binary === 'object' &&
      v.binary !== null &&
      (v.binary as { bytes?: unknown }).bytes instanceof Uint8Array);
  const readOk =
    (v.phase === undefined || v.phase === 'TEST' || v.phase === 'TRAIN') &&
    (v.lenient === undefined || typeof v.lenient === 'boolean');
  return (
    typeof v.text === 'string' && batchOk && binaryOk && readOk && typeof v.inputs === 'object' && v.inputs !== null
  );
}

/** True for a well-formed response. */
export function isWorkerResponse(value: unknown): value is WorkerResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number') return false;
  if (v.kind === 'error') return typeof v.message === 'string';
  return v.kind === 'result' && typeof v.analysis === 'object' && v.analysis !== null;
}
