import type { ModelFormat } from '../ir';
import type { OpDefinition } from './types';

// Each section below is owned by one area of lib/ops; keep imports and entries grouped.
// --- spatial: convolution, deconvolution, pooling, inner product (imports) ---
import { convolution, convolutionDepthwise, depthwiseConvolution } from './convolution';
import { ndConvolution } from './nd-convolution';
import { deconvolution } from './deconvolution';
import { pooling, ndPooling } from './pooling';
import { innerProduct } from './inner-product';
import { roiPooling } from './roi-pooling';
import { spp } from './spp';
import { im2col } from './im2col';
// --- elementwise, normalisation, shape, detection, recurrent, loss, data (imports) ---
// --- keras (imports) ---

/**
 * The explicit list of every layer definition. No registration by import side effect:
 * add a file under lib/ops and list its export here.
 */
export const OPS: readonly OpDefinition[] = [
  // --- spatial ---
  convolution,
  convolutionDepthwise,
  depthwiseConvolution,
  ndConvolution,
  deconvolution,
  pooling,
  ndPooling,
  innerProduct,
  roiPooling,
  spp,
  im2col,
  // --- elementwise, normalisation, shape, detection, recurrent, loss, data ---
  // --- keras ---
];

const BY_TYPE = new Map<string, OpDefinition>();
// Keras class names repeat Caffe type names with other semantics, so Keras ops get their own map.
const KERAS_BY_TYPE = new Map<string, OpDefinition>();
for (const op of OPS) {
  const map = op.dialect === 'keras' ? KERAS_BY_TYPE : BY_TYPE;
  for (const name of [op.type, ...(op.aliases ?? [])]) {
    if (map.has(name)) throw new Error(`lib/ops/registry: duplicate op type ${name}`);
    map.set(name, op);
  }
}

/** The definition for a layer type (canonical name or alias) in a model format's namespace, if any. */
export function getOp(type: string, format: ModelFormat = 'caffe'): OpDefinition | undefined {
  return format === 'keras' ? KERAS_BY_TYPE.get(type) : BY_TYPE.get(type);
}

/** All known type names of a format (default Caffe), for completion and docs. */
export function opTypeNames(format: ModelFormat = 'caffe'): string[] {
  return [...(format === 'keras' ? KERAS_BY_TYPE : BY_TYPE).keys()].sort();
}
