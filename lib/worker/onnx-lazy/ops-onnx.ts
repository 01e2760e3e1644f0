/**
 * Stands in for lib/ops/onnx in the analysis worker's script (scripts/copy-assets.mjs resolves
 * lib/ops/registry.ts's `./onnx` here): no ONNX definitions at start; ./load.ts adds them to the
 * registry with the ONNX reader, before the first ONNX graph exists.
 */
import type { OpDefinition } from '../../ops/types';

export const ONNX_OPS: readonly OpDefinition[] = [];
