/// <reference lib="webworker" />
/**
 * The ONNX part of the analysis worker: the ONNX reader (with protobufjs) and the ONNX op
 * definitions, ~185 KB of the worker's ~475 KB. scripts/copy-assets.mjs builds it into its own
 * classic script, `/boot/onnx-part.<hash>.js`, and the worker script without it; the worker loads
 * it with importScripts on the first binary (ONNX) input (./load.ts). Shared helpers (lib/ir,
 * lib/ops utilities) are bundled into both: they are stateless, so two copies agree.
 */
import { looksBinary, looksLikeOnnx, readOnnx } from '../../parse/onnx';
import { ONNX_OPS } from '../../ops/onnx';

export interface OnnxPart {
  readonly readOnnx: typeof readOnnx;
  readonly looksBinary: typeof looksBinary;
  readonly looksLikeOnnx: typeof looksLikeOnnx;
  readonly ONNX_OPS: typeof ONNX_OPS;
}

(self as unknown as { __lsOnnxPart?: OnnxPart }).__lsOnnxPart = { readOnnx, looksBinary, looksLikeOnnx, ONNX_OPS };
