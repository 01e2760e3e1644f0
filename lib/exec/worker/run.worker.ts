/// <reference lib="webworker" />
import { analyze } from '../../analysis';
import { analyzeText } from '../../index';
import { readModel } from '../../parse';
import { onnxRunModel } from '../onnx-model';
import { runLowered, RunCancelled, type Ort } from '../engine';
import { lowerAnalysis } from '../lower';
import { estimateRunMemory } from '../memory-guard';
import { installConsoleCapture } from './console-capture';
import type { RunRequest, RunWorkerRequest, RunWorkerResponse } from './protocol';

// Installed before onnxruntime-web loads: its runtime binds console.log at start-up.
const capture = installConsoleCapture();
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: RunWorkerResponse) => scope.postMessage(m);

/** The part of GPUDevice we use (no @webgpu/types dependency). */
interface LossyDevice {
  readonly lost: Promise<{ readonly message: string; readonly reason: string }>;
}

let ortPromise: Promise<Ort> | null = null;
let threadsInUse = 0;
const cancelled = new Set<number>();

/**
 * Loads onnxruntime-web from the self-hosted copy in /ort/ (scripts/copy-assets.mjs), only when
 * a run starts: it never enters the app bundle, and its .wasm comes from our origin, no CDN.
 */
function loadOrt(threads: number): Promise<Ort> {
  if (!ortPromise) {
    const url = new URL('/ort/ort.min.mjs', scope.location.origin).href;
    ortPromise = (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url) as Promise<Ort>).then((ort) => {
      ort.env.wasm.wasmPaths = new URL('/ort/', scope.location.origin).href;
      // numThreads is read once, at the runtime's first session; later changes need a new worker.
      ort.env.wasm.numThreads = threads;
      ort.env.wasm.proxy = false;
      threadsInUse = threads;
      return ort;
    });
  }
  return ortPromise;
}

function errorKind(message: string): 'device-lost' | 'memory' | 'runtime' {
  if (/device.*lost|lost.*device|GPUDevice/i.test(message)) return 'device-lost';
  if (/out of memory|memory access out of bounds|Array buffer allocation failed|bad_alloc/i.test(message))
    return 'memory';
  return 'runtime';
}

async function run(req: RunRequest): Promise<void> {
  const options = { batch: req.analyze.batch, inputs: req.analyze.inputs, ...(req.dims ? { dims: req.dims } : {}) };
  // An opened ONNX model runs whole, as it is: a partial run would mean editing its graph.
  const analysis = req.binary
    ? analyze(readModel(req.binary.bytes, { fileName: req.binary.name }).graph, options)
    : analyzeText(req.text, options);
  const lowered = req.binary ? onnxRunModel(analysis, req.binary.bytes) : lowerAnalysis(analysis, req.scope);
  if (!lowered.ok) {
    post({ type: 'refused', id: req.id, refused: lowered.refused });
    return;
  }
  const mem = estimateRunMemory(analysis, req.backend, req.mode);
  if (!mem.fits) {
    post({ type: 'error', id: req.id, kind: 'memory', message: mem.message });
    return;
  }
  const isolated = (scope as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const ort = await loadOrt(isolated ? Math.max(1, req.threads) : 1);
  let lost: string | null = null;
  if (req.backend === 'webgpu') {
    if (!('gpu' in scope.navigator)) {
      post({
        type: 'error',
        id: req.id,
        kind: 'backend',
        message: 'WebGPU is not available in this worker (navigator.gpu missing)',
      });
      return;
    }
  }
  try {
    const result = await runLowered(ort, lowered.model, req, {
      capture,
      onProgress: (p) => post({ type: 'progress', id: req.id, ...p }),
      isCancelled: () => cancelled.has(req.id) || lost !== null,
    });
    if (req.backend === 'webgpu') {
      // ort.env.webgpu.device exists once a WebGPU session ran; report a later loss too.
      const device = (await Promise.resolve(ort.env.webgpu.device)) as unknown as LossyDevice | undefined;
      void device?.lost.then((info) => {
        lost = info.message || info.reason || 'unknown reason';
        post({ type: 'error', id: req.id, kind: 'device-lost', message: `WebGPU device lost: ${lost}` });
      });
    }
    const threadNote = !isolated
      ? 'threads off: the page is not cross-origin isolated'
      : threadsInUse !== req.threads && req.backend === 'wasm'
        ? `using ${threadsInUse} threads (the runtime fixes the count at its first run)`
        : undefined;
    post({
      type: 'result',
      id: req.id,
      result,
      threads: threadsInUse,
      lowered: { layers: lowered.model.layers.length, excluded: lowered.model.excluded },
      ...(threadNote ? { threadNote } : {}),
    });
  } catch (err) {
    if (err instanceof RunCancelled) {
      post({ type: 'error', id: req.id, kind: 'cancelled', message: 'cancelled' });
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'error', id: req.id, kind: lost ? 'device-lost' : errorKind(message), message });
  } finally {
    cancelled.delete(req.id);
  }
}

scope.onmessage = (e: MessageEvent<RunWorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'cancel') cancelled.add(msg.id);
  else
    void run(msg).catch((err: unknown) => post({ type: 'error', id: msg.id, kind: 'runtime', message: String(err) }));
};
