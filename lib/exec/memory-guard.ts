import type { AnalysisResult } from '../analysis';
import type { BackendId, RunMode } from './engine';

const MiB = 1024 * 1024;

/**
 * Memory budgets per backend. WASM: onnxruntime-web is a wasm32 build (4 GiB address space
 * at most, often less on phones); we allow 2 GiB so allocator fragmentation and the JS copies
 * cannot push the tab over. WebGPU: 1 GiB of buffers, well under what integrated GPUs share.
 */
export const MEMORY_BUDGET_BYTES: Readonly<Record<BackendId, number>> = { wasm: 2048 * MiB, webgpu: 1024 * MiB };

/** Estimated bytes a run needs, and whether it fits the backend's budget. */
export interface MemoryEstimate {
  readonly weightBytes: number;
  readonly activationBytes: number;
  readonly neededBytes: number;
  readonly budgetBytes: number;
  readonly fits: boolean;
  readonly message: string;
}

/**
 * Estimate from the analysis: weights are held twice (the encoded model, then the session's
 * initializers); activations are the peak live set in fast mode, and every top in profile
 * mode (all tops are graph outputs there, so none can be freed early).
 */
export function estimateRunMemory(analysis: AnalysisResult, backend: BackendId, mode: RunMode): MemoryEstimate {
  const weightBytes = analysis.totals.weightBytes;
  const activationBytes = mode === 'profile' ? analysis.totals.activationBytes : analysis.totals.peakActivationBytes;
  const neededBytes = 2 * weightBytes + activationBytes;
  const budgetBytes = MEMORY_BUDGET_BYTES[backend];
  const fits = neededBytes <= budgetBytes;
  const mb = (b: number) => `${(b / MiB).toFixed(0)} MiB`;
  const message = fits
    ? `needs about ${mb(neededBytes)} of ${mb(budgetBytes)}`
    : `refused: this run needs about ${mb(neededBytes)} (2 × ${mb(weightBytes)} weights + ${mb(activationBytes)} activations), over the ${mb(budgetBytes)} budget for ${backend}; lower the batch or input size`;
  return { weightBytes, activationBytes, neededBytes, budgetBytes, fits, message };
}
