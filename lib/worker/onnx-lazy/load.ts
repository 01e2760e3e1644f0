/// <reference lib="webworker" />
/**
 * Loads the ONNX part (./part.ts) into the analysis worker on first use, synchronously
 * (importScripts), and adds its op definitions to the registry before any ONNX graph is built.
 */
import { registerOnnxOps } from '../../ops/registry';
import type { OnnxPart } from './part';

/** The part's content-hashed URL, set by scripts/copy-assets.mjs when it builds the worker. */
declare const __LS_ONNX_PART__: string;

let part: OnnxPart | null = null;

export function onnxPart(): OnnxPart {
  if (part) return part;
  const scope = self as unknown as WorkerGlobalScope & { __lsOnnxPart?: OnnxPart };
  // Throws (a NetworkError) when the script cannot be loaded: the worker's handler turns a
  // reader's throw into the request's error, shown to the user; nothing is read half-way.
  scope.importScripts(__LS_ONNX_PART__);
  const p = scope.__lsOnnxPart;
  if (!p) throw new Error(`the ONNX reader (${__LS_ONNX_PART__}) did not load`);
  registerOnnxOps(p.ONNX_OPS);
  return (part = p);
}
